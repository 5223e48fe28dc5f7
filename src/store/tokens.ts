// API tokens. A row stores the SHA-256 of the token's secret part, never the token.
import type { Db } from './db.js';

export interface TokenRow {
  id: number;
  userId: number;
  userName: string;
  isAdmin: boolean;
  hash: string;
  app: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  userId: number;
  hash: string;
  app: string | null;
  expiresAt: string | null;
}

const TOKEN_COLUMNS = `t.id, t.user_id AS userId, u.name AS userName, u.is_admin = 1 AS isAdmin, t.hash, t.app,
  t.created_at AS createdAt, t.expires_at AS expiresAt, t.revoked_at AS revokedAt`;

export function insertToken(db: Db, token: NewToken): number {
  const result = db
    .prepare('INSERT INTO tokens (user_id, hash, app, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(token.userId, token.hash, token.app, new Date().toISOString(), token.expiresAt);

  return Number(result.lastInsertRowid);
}

// Returns the token when it is neither revoked nor expired.
export function getActiveToken(db: Db, id: number): TokenRow | undefined {
  const row = db
    .prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN users u ON u.id = t.user_id
              WHERE t.id = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`)
    .get(id, new Date().toISOString()) as (Omit<TokenRow, 'isAdmin'> & { isAdmin: number }) | undefined;

  return row === undefined ? undefined : { ...row, isAdmin: row.isAdmin === 1 };
}

export function listTokens(db: Db, userId?: number): TokenRow[] {
  const rows = db
    .prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN users u ON u.id = t.user_id WHERE ? IS NULL OR t.user_id = ? ORDER BY t.id`)
    .all(userId ?? null, userId ?? null) as Array<Omit<TokenRow, 'isAdmin'> & { isAdmin: number }>;

  return rows.map((row) => ({ ...row, isAdmin: row.isAdmin === 1 }));
}

// Revokes the token and ends its dashboard sessions. Returns false when no unrevoked token has the id.
export function revokeToken(db: Db, id: number): boolean {
  return db.transaction(() => {
    const result = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(new Date().toISOString(), id);
    db.prepare('DELETE FROM sessions WHERE token_id = ?').run(id);

    return result.changes === 1;
  })();
}

export function getTokenOwner(db: Db, id: number): { userId: number; revokedAt: string | null } | undefined {
  return db.prepare('SELECT user_id AS userId, revoked_at AS revokedAt FROM tokens WHERE id = ?').get(id) as
    | { userId: number; revokedAt: string | null }
    | undefined;
}
