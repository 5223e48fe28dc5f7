// Releases: the deploys that went live, numbered per app.
import type { Db } from './db.js';

export interface ReleaseRow {
  app: string;
  number: number;
  deployId: number;
  commitSha: string;
  createdAt: string;
}

// Every deploy reserves its release number when it starts, because the release directory is built
// under that number; a failed deploy's number is not reused, so a directory name never means two builds.
export function getNextReleaseNumber(db: Db, app: string): number {
  const row = db.prepare('SELECT MAX(release_number) AS last FROM deploys WHERE app = ?').get(app) as { last: number | null };

  return (row.last ?? 0) + 1;
}

// Stores a release with the app's ENV file as it was, so a rollback restores its config too.
export function insertRelease(db: Db, release: Omit<ReleaseRow, 'createdAt'>, envFile: string | null): void {
  db.prepare('INSERT INTO releases (app, number, deploy_id, commit_sha, created_at, env_file) VALUES (?, ?, ?, ?, ?, ?)').run(
    release.app,
    release.number,
    release.deployId,
    release.commitSha,
    new Date().toISOString(),
    envFile,
  );
}

export function getReleaseEnvFile(db: Db, app: string, number: number): string | null {
  const row = db.prepare('SELECT env_file AS envFile FROM releases WHERE app = ? AND number = ?').get(app, number) as { envFile: string | null } | undefined;

  return row?.envFile ?? null;
}

export function getCurrentRelease(db: Db, app: string): ReleaseRow | undefined {
  return db
    .prepare('SELECT app, number, deploy_id AS deployId, commit_sha AS commitSha, created_at AS createdAt FROM releases WHERE app = ? ORDER BY number DESC LIMIT 1')
    .get(app) as ReleaseRow | undefined;
}

export function listReleases(db: Db, app: string): ReleaseRow[] {
  return db
    .prepare('SELECT app, number, deploy_id AS deployId, commit_sha AS commitSha, created_at AS createdAt FROM releases WHERE app = ? ORDER BY number DESC')
    .all(app) as ReleaseRow[];
}

export function getRelease(db: Db, app: string, number: number): ReleaseRow | undefined {
  return db
    .prepare('SELECT app, number, deploy_id AS deployId, commit_sha AS commitSha, created_at AS createdAt FROM releases WHERE app = ? AND number = ?')
    .get(app, number) as ReleaseRow | undefined;
}
