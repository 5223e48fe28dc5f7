// restart APP: restart every worker of the app with the current ENV and SCALING, and start a
// stopped app again.
import { reconfigureApp } from '../../pipeline/reconfigure.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { runAppOperation } from '../app-operation.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('restart', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const succeeded = await runAppOperation(context, (base) => reconfigureApp({ ...base, app, label: 'restart', startsApp: true }));

  return succeeded ? 0 : 1;
}
