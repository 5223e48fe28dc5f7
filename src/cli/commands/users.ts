// users: list the users with their grants, then every SSH key and every token.
import { openDatabase } from '../../store/db.js';
import { getUserGrants } from '../../store/grants.js';
import { listTokens, type TokenRow } from '../../store/tokens.js';
import { listKeys, listUsers } from '../../store/users.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { formatTable } from '../table.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  parseArgs('users', words, () => {});
  const db = openDatabase(context.layout);
  try {
    const users = listUsers(db).map((user) => [user.name, user.isAdmin ? 'admin' : 'user', formatGrants(getUserGrants(db, user.id))]);
    const keys = listKeys(db).map((key) => [key.fingerprint, key.userName, key.createdAt]);
    const tokens = listTokens(db).map(formatToken);

    context.stdout.write(formatTable(['USER', 'ROLE', 'APPS'], users));
    context.stdout.write(`\n${formatTable(['KEY', 'USER', 'ADDED'], keys)}`);
    context.stdout.write(`\n${formatTable(['TOKEN', 'USER', 'APP', 'STATUS', 'CREATED'], tokens)}`);
  } finally {
    db.close();
  }

  return 0;
}

// e.g. "blog:deploy, shop:read", or "-" without grants.
function formatGrants(grants: Map<string, string>): string {
  const text = [...grants].sort(([a], [b]) => a.localeCompare(b)).map(([app, level]) => `${app}:${level}`).join(', ');

  return text === '' ? '-' : text;
}

function formatToken(token: TokenRow): string[] {
  const isExpired = token.expiresAt !== null && token.expiresAt <= new Date().toISOString();
  let status = token.expiresAt === null ? 'active' : `active until ${token.expiresAt}`;
  if (isExpired) status = 'expired';
  if (token.revokedAt !== null) status = 'revoked';

  return [String(token.id), token.userName, token.app ?? '*', status, token.createdAt];
}
