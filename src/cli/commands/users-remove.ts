// users:remove NAME: remove a user with their keys (also from authorized_keys), tokens, sessions and grants.
import { removeUser } from '../../access/users.js';
import { getAuthorizedKeysFile } from '../../ssh/authorized-keys.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('users:remove', words, (command) => command.argument('<name>'));
  const db = openDatabase(context.layout);
  try {
    db.transaction(() => removeUser(db, getAuthorizedKeysFile(context.layout), args[0]!)).immediate();
  } finally {
    db.close();
  }

  context.stdout.write(`-----> Removed user ${args[0]}\n`);

  return 0;
}
