// run APP CMD...: run a one-off command in the app's live release with its live environment and
// exit with the command's status, e.g. "run blog sh -c 'exit 7'" exits with 7.
import { runInApp } from '../../pipeline/run-in-app.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('run', words, (command) => command.argument('<app>').argument('<command...>').passThroughOptions());
  const { app } = getExistingApp(context.layout, args[0] as string);
  const commandWords = args[1] as unknown as string[];

  return runInApp(context.layout, app, commandWords);
}
