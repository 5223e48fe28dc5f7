// ps:scale APP KIND=COUNT...: set how many workers of each kind run, e.g. "ps:scale blog web=2
// worker=0". Every word is checked first, so one invalid word changes nothing.
import { scaleApp } from '../../pipeline/scale.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { runAppOperation } from '../app-operation.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('ps:scale', words, (command) => command.argument('<app>').argument('<changes...>'));
  const { app } = getExistingApp(context.layout, args[0] as string);
  const changes = args[1] as unknown as string[];
  const succeeded = await runAppOperation(context, (base) => scaleApp({ ...base, app, changes }));

  return succeeded ? 0 : 1;
}
