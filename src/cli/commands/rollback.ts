// rollback APP [RELEASE]: return to a kept release (default: the one before the live release)
// without building, through the same health-checked cutover as a deploy.
import { rollbackApp } from '../../pipeline/rollback.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { parseCount } from './deploys.js';
import { runAppOperation } from '../app-operation.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('rollback', words, (command) => command.argument('<app>').argument('[release]', 'release number', parseCount));
  const { app } = getExistingApp(context.layout, args[0] as string);
  const target = args[1] as number | undefined;
  const result = await runAppOperation(context, (base) => rollbackApp({ ...base, app, target }));

  return result.succeeded ? 0 : 1;
}
