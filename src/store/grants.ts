// Per-app grants: which user may do what on which app.
import type { AccessLevel } from '../access/levels.js';
import type { Db } from './db.js';

export interface GrantRow {
  userName: string;
  app: string;
  level: AccessLevel;
}

// Sets the user's level on the app, replacing a previous grant.
export function setGrant(db: Db, userId: number, app: string, level: AccessLevel): void {
  db.prepare('INSERT INTO grants (user_id, app, level) VALUES (?, ?, ?) ON CONFLICT (user_id, app) DO UPDATE SET level = excluded.level').run(
    userId,
    app,
    level,
  );
}

// Returns false when the user had no grant on the app.
export function deleteGrant(db: Db, userId: number, app: string): boolean {
  return db.prepare('DELETE FROM grants WHERE user_id = ? AND app = ?').run(userId, app).changes === 1;
}

export function listAppGrants(db: Db, app: string): GrantRow[] {
  return db
    .prepare('SELECT u.name AS userName, g.app, g.level FROM grants g JOIN users u ON u.id = g.user_id WHERE g.app = ? ORDER BY u.name')
    .all(app) as GrantRow[];
}

// The user's grants, app name -> level.
export function getUserGrants(db: Db, userId: number): Map<string, AccessLevel> {
  const rows = db.prepare('SELECT app, level FROM grants WHERE user_id = ?').all(userId) as Array<{ app: string; level: AccessLevel }>;

  return new Map(rows.map((row) => [row.app, row.level]));
}

export function deleteAppGrants(db: Db, app: string): void {
  db.prepare('DELETE FROM grants WHERE app = ?').run(app);
}
