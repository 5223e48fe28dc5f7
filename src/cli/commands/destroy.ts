// destroy APP: remove the app and everything of it except data/APP and cache/APP. There is no
// confirmation prompt, as in piku.
import { getSettings } from '../../home/settings.js';
import { destroyApp } from '../../pipeline/destroy.js';
import { openDatabase } from '../../store/db.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('destroy', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const db = openDatabase(context.layout);
  try {
    await destroyApp({ app, layout: context.layout, settings: getSettings(context.layout), db, identity: context.identity, stream: context.getProgressStream() });
  } finally {
    db.close();
  }

  return 0;
}
