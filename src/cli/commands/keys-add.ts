// keys:add NAME FILE|- : give a user an SSH public key, read from a file or standard input, and
// authorize it in authorized_keys.
import { readFileSync } from 'node:fs';
import { addUserKey, getExistingUser } from '../../access/users.js';
import { getAuthorizedKeysFile } from '../../ssh/authorized-keys.js';
import { parsePublicKey } from '../../ssh/public-key.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('keys:add', words, (command) =>
    command.argument('<name>').argument('<file>', 'public key file, or - for standard input'),
  );
  const [name, source] = [args[0]!, args[1]!];
  const key = parsePublicKey(source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8'), source === '-' ? 'standard input' : source);

  const db = openDatabase(context.layout);
  try {
    const outcome = db.transaction(() => addUserKey(db, context.layout, getAuthorizedKeysFile(context.layout), getExistingUser(db, name), key)).immediate();
    context.stdout.write(`-----> Key ${key.fingerprint} of user ${name} ${outcome}\n`);
  } finally {
    db.close();
  }

  return 0;
}
