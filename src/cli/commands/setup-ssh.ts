// setup:ssh FILE|- : authorize a public key, read from a file or from standard input. The key
// belongs to an admin ("admin" is created on a host without users), so a single-user host works
// as before access control existed.
import { readFileSync } from 'node:fs';
import { getSetupAdmin, addUserKey } from '../../access/users.js';
import { getAuthorizedKeysFile } from '../../ssh/authorized-keys.js';
import { parsePublicKey } from '../../ssh/public-key.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('setup:ssh', words, (command) => command.argument('<file>', 'public key file, or - for standard input'));
  const source = args[0]!;
  const text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  const key = parsePublicKey(text, source === '-' ? 'standard input' : source);

  const file = getAuthorizedKeysFile(context.layout);
  const db = openDatabase(context.layout);
  try {
    const outcome = db.transaction(() => addUserKey(db, context.layout, file, getSetupAdmin(db), key)).immediate();
    context.stdout.write(`-----> Key ${key.fingerprint} ${outcome} in ${file}\n`);
  } finally {
    db.close();
  }

  return 0;
}
