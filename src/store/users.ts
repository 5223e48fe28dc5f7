// Users and their SSH keys.
import type { Db } from './db.js';

export interface UserRow {
  id: number;
  name: string;
  isAdmin: boolean;
  createdAt: string;
}

export interface KeyRow {
  fingerprint: string;
  userId: number;
  userName: string;
  publicKey: string;
  createdAt: string;
}

const USER_COLUMNS = 'id, name, is_admin = 1 AS isAdmin, created_at AS createdAt';

export function insertUser(db: Db, name: string, isAdmin: boolean): number {
  const result = db.prepare('INSERT INTO users (name, is_admin, created_at) VALUES (?, ?, ?)').run(name, isAdmin ? 1 : 0, new Date().toISOString());

  return Number(result.lastInsertRowid);
}

export function getUser(db: Db, name: string): UserRow | undefined {
  const row = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`).get(name) as (Omit<UserRow, 'isAdmin'> & { isAdmin: number }) | undefined;

  return row === undefined ? undefined : { ...row, isAdmin: row.isAdmin === 1 };
}

export function listUsers(db: Db): UserRow[] {
  const rows = db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`).all() as Array<Omit<UserRow, 'isAdmin'> & { isAdmin: number }>;

  return rows.map((row) => ({ ...row, isAdmin: row.isAdmin === 1 }));
}

export function countAdmins(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS count FROM users WHERE is_admin = 1').get() as { count: number }).count;
}

// Deletes the user; their keys, tokens, grants and sessions go with them (ON DELETE CASCADE).
export function deleteUser(db: Db, id: number): void {
  db.prepare('DELETE FROM users WHERE id = ?').run(id);
}

export function insertKey(db: Db, userId: number, fingerprint: string, publicKey: string): void {
  db.prepare('INSERT INTO user_keys (fingerprint, user_id, public_key, created_at) VALUES (?, ?, ?, ?)').run(
    fingerprint,
    userId,
    publicKey,
    new Date().toISOString(),
  );
}

export function getKey(db: Db, fingerprint: string): KeyRow | undefined {
  return db
    .prepare(
      `SELECT k.fingerprint, k.user_id AS userId, u.name AS userName, k.public_key AS publicKey, k.created_at AS createdAt
       FROM user_keys k JOIN users u ON u.id = k.user_id WHERE k.fingerprint = ?`,
    )
    .get(fingerprint) as KeyRow | undefined;
}

export function listKeys(db: Db, userId?: number): KeyRow[] {
  return db
    .prepare(
      `SELECT k.fingerprint, k.user_id AS userId, u.name AS userName, k.public_key AS publicKey, k.created_at AS createdAt
       FROM user_keys k JOIN users u ON u.id = k.user_id WHERE ? IS NULL OR k.user_id = ? ORDER BY u.name, k.created_at`,
    )
    .all(userId ?? null, userId ?? null) as KeyRow[];
}

export function deleteKey(db: Db, fingerprint: string): void {
  db.prepare('DELETE FROM user_keys WHERE fingerprint = ?').run(fingerprint);
}
