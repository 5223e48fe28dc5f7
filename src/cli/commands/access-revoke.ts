// access:revoke APP NAME: remove a user's grant on an app; it takes effect on the user's next command.
import { revokeAccess } from '../../access/grants.js';
import { openDatabase } from '../../store/db.js';
import { getAppName } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('access:revoke', words, (command) => command.argument('<app>').argument('<name>'));
  const app = getAppName(args[0]!);
  const db = openDatabase(context.layout);
  try {
    revokeAccess(db, app, args[1]!);
  } finally {
    db.close();
  }

  context.stdout.write(`-----> User ${args[1]} has no access to ${app} any more\n`);

  return 0;
}
