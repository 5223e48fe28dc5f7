// Opens $PIKU_ROOT/piku.db (WAL, so readers never wait for a deploy) and applies the numbered
// migrations in src/store/migrations that it has not seen yet.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Layout } from '../home/layout.js';

export type Db = Database.Database;

// Both src/store/db.ts and dist/store/db.js sit two levels below the repository root.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

export function openDatabase(layout: Layout): Db {
  mkdirSync(layout.root, { recursive: true });
  const db = new Database(layout.database);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  applyMigrations(db);

  return db;
}

function applyMigrations(db: Db): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  const pending = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), file }))
    .filter(({ version }) => version > applied);

  for (const { version, file } of pending) {
    const sql = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    // IMMEDIATE takes the write lock first, so two CLIs starting at once apply each migration once.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= version) return;
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}
