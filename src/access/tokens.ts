// API tokens: creation (the token is returned once and stored as a hash), revocation, and the
// check of a token presented over HTTP.
import { PIKU_ERR_ACCESS_ADMIN_REQUIRED, PIKU_ERR_TOKEN_NOT_FOUND } from '../errors/codes.js';
import { validateAppName } from '../home/app-name.js';
import type { Db } from '../store/db.js';
import { getActiveToken, getTokenOwner, insertToken, revokeToken, type TokenRow } from '../store/tokens.js';
import type { UserRow } from '../store/users.js';
import type { Caller } from './caller.js';
import { createTokenSecret, formatToken, isSecretMatching, parseToken } from './token-secret.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TokenOptions {
  /** The one app the token may act on, or undefined for all of the user's apps. */
  app?: string;
  /** Days until the token expires, or undefined for a token that does not expire. */
  expiresDays?: number;
}

export interface CreatedToken {
  id: number;
  token: string;
  expiresAt: string | null;
}

// Creates a token for `user`. A user may create tokens for themselves; only an admin for others.
export function createToken(db: Db, caller: Caller, user: UserRow, { app, expiresDays }: TokenOptions = {}): CreatedToken {
  if (!caller.isAdmin && caller.userId !== user.id) throw PIKU_ERR_ACCESS_ADMIN_REQUIRED('tokens:create', caller.name);

  const { secret, hash } = createTokenSecret();
  const expiresAt = expiresDays === undefined ? null : new Date(Date.now() + expiresDays * DAY_MS).toISOString();
  const id = insertToken(db, { userId: user.id, hash, app: app === undefined ? null : validateAppName(app), expiresAt });

  return { id, token: formatToken(id, secret), expiresAt };
}

// Revokes a token of the caller's own, or any token for an admin; its sessions end at once.
export function revokeTokenById(db: Db, caller: Caller, id: number): void {
  const owner = getTokenOwner(db, id);
  if (owner === undefined || owner.revokedAt !== null) throw PIKU_ERR_TOKEN_NOT_FOUND(String(id));
  if (!caller.isAdmin && caller.userId !== owner.userId) throw PIKU_ERR_ACCESS_ADMIN_REQUIRED('tokens:revoke', caller.name);

  revokeToken(db, id);
}

// Checks a token string; returns its row when it is well formed, matches, and is neither revoked
// nor expired. `userName`, when given, must be the token's user (the USER of USER:TOKEN).
export function verifyToken(db: Db, text: string, userName?: string): TokenRow | undefined {
  const parts = parseToken(text);
  if (parts === undefined) return undefined;

  const row = getActiveToken(db, parts.id);
  if (row === undefined || !isSecretMatching(parts.secret, row.hash)) return undefined;

  return userName === undefined || userName === row.userName ? row : undefined;
}
