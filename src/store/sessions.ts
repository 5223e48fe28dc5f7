// Dashboard sessions, keyed by the SHA-256 of the session cookie. A session lives no longer than
// the token it was opened with: revoking the token deletes it, and expired tokens match no row.
import type { Db } from './db.js';

export interface SessionRow {
  tokenId: number;
  csrf: string;
  expiresAt: string;
}

export function insertSession(db: Db, hash: string, tokenId: number, csrf: string, expiresAt: string): void {
  db.prepare('INSERT INTO sessions (hash, token_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    hash,
    tokenId,
    csrf,
    new Date().toISOString(),
    expiresAt,
  );
}

// Returns the session when it and its token are still valid.
export function getSession(db: Db, hash: string): SessionRow | undefined {
  const now = new Date().toISOString();

  return db
    .prepare(
      `SELECT s.token_id AS tokenId, s.csrf, s.expires_at AS expiresAt FROM sessions s JOIN tokens t ON t.id = s.token_id
       WHERE s.hash = ? AND s.expires_at > ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`,
    )
    .get(hash, now, now) as SessionRow | undefined;
}

export function deleteSession(db: Db, hash: string): void {
  db.prepare('DELETE FROM sessions WHERE hash = ?').run(hash);
}

export function deleteExpiredSessions(db: Db): void {
  db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(new Date().toISOString());
}
