// restart APP: restart every worker of the app with the current ENV and SCALING, and start a
// stopped app again.
import { getSettings } from '../../home/settings.js';
import { reconfigureApp } from '../../pipeline/reconfigure.js';
import { openDatabase } from '../../store/db.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('restart', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const db = openDatabase(context.layout);
  try {
    const succeeded = await reconfigureApp({
      app,
      label: 'restart',
      identity: context.identity,
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      logger: context.getLogger(),
      stream: context.stdout,
      startsApp: true,
    });

    return succeeded ? 0 : 1;
  } finally {
    db.close();
  }
}
