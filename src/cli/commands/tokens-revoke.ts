// tokens:revoke ID: revoke a token; pushes and dashboard sessions using it stop at once.
import { revokeTokenById } from '../../access/tokens.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { parseCount } from './deploys.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('tokens:revoke', words, (command) => command.argument('<id>', 'the token id that tokens:create and users print', parseCount));
  const id = Number(args[0]);
  const db = openDatabase(context.layout);
  try {
    revokeTokenById(db, context.caller, id);
  } finally {
    db.close();
  }

  context.stdout.write(`-----> Revoked token ${id}\n`);

  return 0;
}
