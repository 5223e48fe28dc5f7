// keys:remove FINGERPRINT: remove an SSH key from its user and from authorized_keys, so sshd
// rejects it from the next connection on.
import { removeUserKey } from '../../access/users.js';
import { getAuthorizedKeysFile } from '../../ssh/authorized-keys.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('keys:remove', words, (command) => command.argument('<fingerprint>', 'e.g. SHA256:47DEQpj8HBSa...'));
  const db = openDatabase(context.layout);
  try {
    db.transaction(() => removeUserKey(db, getAuthorizedKeysFile(context.layout), args[0]!)).immediate();
  } finally {
    db.close();
  }

  context.stdout.write(`-----> Removed key ${args[0]}\n`);

  return 0;
}
