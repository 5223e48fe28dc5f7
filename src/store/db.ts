// Opens $PIKU_ROOT/piku.db (WAL, so readers never wait for a deploy) and applies the numbered
// migrations in src/store/migrations that it has not applied yet.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Layout } from '../home/layout.js';

export type Db = Database.Database;

// better-sqlite3 is imported at the top because the one-file build (scripts/bundle.mjs) bundles
// its JavaScript, and V8's code cache then covers it. From dist/cli.js the import costs about 6 ms
// of each command. The addon itself loads when the first database opens.
const requireModule = createRequire(import.meta.url);

// Both src/store/db.ts and dist/store/db.js sit two levels below the repository root.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

export function openDatabase(layout: Layout): Db {
  mkdirSync(layout.root, { recursive: true });
  const db = new Database(layout.database, { nativeBinding: (addonPath ??= findAddon()) });
  // One call for the four settings: each db.pragma() prepares a statement of its own.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL');
  applyMigrations(db);

  return db;
}

// The path of better-sqlite3's compiled addon. Given to the constructor, it spares the search of
// the `bindings` package through its list of candidate paths (about 2 ms of each command). The
// addon is in the checkout's node_modules unless npm placed the package elsewhere, so that path is
// checked first, which spares require.resolve's walk (about 1 ms).
let addonPath: string | undefined;
const LOCAL_ADDON = fileURLToPath(new URL('../../node_modules/better-sqlite3/build/Release/better_sqlite3.node', import.meta.url));

function findAddon(): string | undefined {
  if (existsSync(LOCAL_ADDON)) return LOCAL_ADDON;

  try {
    return requireModule.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

// Applied migrations are tracked by file name in schema_migrations, not by one number, so a
// migration whose number is lower than one already applied (written on another branch) still runs.
function applyMigrations(db: Db): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort();
  const applied = getAppliedMigrations(db, files);

  for (const file of files.filter((name) => !applied.has(name))) {
    const sql = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    // IMMEDIATE takes the write lock first, so two CLIs starting at once apply each migration once.
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?').get(file) !== undefined) return;
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(file, new Date().toISOString());
    }).immediate();
  }
}

// Databases created before schema_migrations existed recorded their last migration in
// user_version: the files numbered up to it count as applied.
function getAppliedMigrations(db: Db, files: string[]): Set<string> {
  const hasTable = () => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get() !== undefined;
  if (!hasTable()) {
    db.transaction(() => {
      if (hasTable()) return;

      db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const version = db.pragma('user_version', { simple: true }) as number;
      const insert = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
      for (const file of files.filter((name) => Number(name.slice(0, 3)) <= version)) insert.run(file, new Date().toISOString());
    }).immediate();
  }

  const rows = db.prepare('SELECT name FROM schema_migrations').all() as Array<{ name: string }>;

  return new Set(rows.map((row) => row.name));
}
