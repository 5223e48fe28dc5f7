// access APP: list who may act on the app, admins first.
import { listAppAccess } from '../../access/grants.js';
import { openDatabase } from '../../store/db.js';
import { getAppName } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { formatTable } from '../table.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('access', words, (command) => command.argument('<app>'));
  const app = getAppName(args[0]!);
  const db = openDatabase(context.layout);
  const rows = listAppAccess(db, app);
  db.close();

  context.stdout.write(formatTable(['USER', 'LEVEL'], rows.map((row) => [row.user, row.level])));

  return 0;
}
