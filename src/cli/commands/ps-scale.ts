// ps:scale APP KIND=COUNT...: set how many workers of each kind run, e.g. "ps:scale blog web=2
// worker=0". Every word is checked first, so one invalid word changes nothing.
import { getSettings } from '../../home/settings.js';
import { scaleApp } from '../../pipeline/scale.js';
import { openDatabase } from '../../store/db.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('ps:scale', words, (command) => command.argument('<app>').argument('<changes...>'));
  const { app } = getExistingApp(context.layout, args[0] as string);
  const changes = args[1] as unknown as string[];
  const db = openDatabase(context.layout);
  try {
    const succeeded = await scaleApp({
      app,
      changes,
      identity: context.identity,
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      logger: context.getLogger(),
      stream: context.stdout,
    });

    return succeeded ? 0 : 1;
  } finally {
    db.close();
  }
}
