// rollback APP [RELEASE]: return to a kept release (default: the one before the live release)
// without building, through the same health-checked cutover as a deploy.
import { getSettings } from '../../home/settings.js';
import { rollbackApp } from '../../pipeline/rollback.js';
import { openDatabase } from '../../store/db.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { parseCount } from './deploys.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('rollback', words, (command) => command.argument('<app>').argument('[release]', 'release number', parseCount));
  const { app } = getExistingApp(context.layout, args[0] as string);
  const db = openDatabase(context.layout);

  try {
    const result = await rollbackApp({
      app,
      target: args[1] as number | undefined,
      identity: context.identity,
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      logger: context.getLogger(),
      stream: context.stdout,
    });

    return result.succeeded ? 0 : 1;
  } finally {
    db.close();
  }
}
