// stop APP: stop every worker of the app and keep them off, through config changes too, until
// "restart APP" or the next deploy. nginx keeps the vhost.
import { stopApp } from '../../pipeline/stop.js';
import { openDatabase } from '../../store/db.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('stop', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0]!);
  const db = openDatabase(context.layout);
  try {
    await stopApp({ app, layout: context.layout, db, identity: context.identity, stream: context.getProgressStream() });
  } finally {
    db.close();
  }

  return 0;
}
