// Deploy history rows: a deploy, its steps and every line it printed.
import type { Db } from './db.js';

export type DeployStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface DeployRow {
  id: number;
  app: string;
  commitSha: string;
  ref: string;
  pusherFingerprint: string;
  pusherName: string;
  pid: number;
  startedAt: string;
  finishedAt: string | null;
  status: DeployStatus;
  failedStep: string | null;
  error: string | null;
  releaseNumber: number | null;
  kind: 'push' | 'rollback';
  note: string | null;
}

export interface StepRow {
  id: number;
  position: number;
  name: string;
  title: string;
  status: DeployStatus;
  startedAt: string;
  durationMs: number | null;
}

export interface NewDeploy {
  app: string;
  commitSha: string;
  ref: string;
  pusherFingerprint: string;
  pusherName: string;
  releaseNumber: number;
  /** "push" for a build, "rollback" for a return to an earlier release. */
  kind?: 'push' | 'rollback';
}

const DEPLOY_COLUMNS = `id, app, commit_sha AS commitSha, ref, pusher_fingerprint AS pusherFingerprint,
  pusher_name AS pusherName, pid, started_at AS startedAt, finished_at AS finishedAt, status,
  failed_step AS failedStep, error, release_number AS releaseNumber, kind, note`;

export function insertDeploy(db: Db, deploy: NewDeploy): number {
  const result = db
    .prepare(
      `INSERT INTO deploys (app, commit_sha, ref, pusher_fingerprint, pusher_name, pid, started_at, status, release_number, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
    )
    .run(deploy.app, deploy.commitSha, deploy.ref, deploy.pusherFingerprint, deploy.pusherName, process.pid, now(), deploy.releaseNumber, deploy.kind ?? 'push');

  return Number(result.lastInsertRowid);
}

export function finishDeploy(db: Db, id: number, outcome: { status: DeployStatus; failedStep?: string; error?: string }): void {
  db.prepare('UPDATE deploys SET status = ?, finished_at = ?, failed_step = ?, error = ? WHERE id = ?').run(
    outcome.status,
    now(),
    outcome.failedStep ?? null,
    outcome.error ?? null,
    id,
  );
}

export function insertStep(db: Db, deployId: number, position: number, name: string, title: string): number {
  const result = db
    .prepare(`INSERT INTO deploy_steps (deploy_id, position, name, title, status, started_at) VALUES (?, ?, ?, ?, 'running', ?)`)
    .run(deployId, position, name, title, now());

  return Number(result.lastInsertRowid);
}

export function finishStep(db: Db, stepId: number, status: DeployStatus, durationMs: number): void {
  db.prepare('UPDATE deploy_steps SET status = ?, duration_ms = ? WHERE id = ?').run(status, durationMs, stepId);
}

export function insertOutputLine(db: Db, deployId: number, stepId: number | null, line: string): void {
  db.prepare('INSERT INTO deploy_output (deploy_id, step_id, at, line) VALUES (?, ?, ?, ?)').run(deployId, stepId, now(), line);
}

export function listDeploys(db: Db, app: string, limit: number): DeployRow[] {
  return db.prepare(`SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE app = ? ORDER BY id DESC LIMIT ?`).all(app, limit) as DeployRow[];
}

export function getDeploy(db: Db, app: string, id?: number): DeployRow | undefined {
  if (id === undefined) {
    return db.prepare(`SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE app = ? ORDER BY id DESC LIMIT 1`).get(app) as DeployRow | undefined;
  }

  return db.prepare(`SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE app = ? AND id = ?`).get(app, id) as DeployRow | undefined;
}

// The latest deploy of every app, by app name, in one query.
export function getLatestDeploys(db: Db): Map<string, DeployRow> {
  const rows = db.prepare(`SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE id IN (SELECT MAX(id) FROM deploys GROUP BY app)`).all() as DeployRow[];

  return new Map(rows.map((row) => [row.app, row]));
}

export function listSteps(db: Db, deployId: number): StepRow[] {
  return db
    .prepare(`SELECT id, position, name, title, status, started_at AS startedAt, duration_ms AS durationMs
              FROM deploy_steps WHERE deploy_id = ? ORDER BY position`)
    .all(deployId) as StepRow[];
}

export function listOutput(db: Db, deployId: number): Array<{ stepId: number | null; line: string }> {
  return db.prepare('SELECT step_id AS stepId, line FROM deploy_output WHERE deploy_id = ? ORDER BY id').all(deployId) as Array<{
    stepId: number | null;
    line: string;
  }>;
}

// Marks a deploy whose process is gone as interrupted, with its running step.
export function markInterrupted(db: Db, id: number): void {
  db.transaction(() => {
    db.prepare(`UPDATE deploy_steps SET status = 'interrupted' WHERE deploy_id = ? AND status = 'running'`).run(id);
    db.prepare(`UPDATE deploys SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'`).run(now(), id);
  })();
}

function now(): string {
  return new Date().toISOString();
}

// Lines recorded after line `afterId`, for a reader that follows a running deploy.
export function listOutputSince(db: Db, deployId: number, afterId: number): Array<{ id: number; stepId: number | null; line: string }> {
  return db
    .prepare('SELECT id, step_id AS stepId, line FROM deploy_output WHERE deploy_id = ? AND id > ? ORDER BY id')
    .all(deployId, afterId) as Array<{ id: number; stepId: number | null; line: string }>;
}

// Adds a note to a deploy, e.g. that it was rolled back automatically after going live.
export function setDeployNote(db: Db, id: number, note: string): void {
  db.prepare('UPDATE deploys SET note = ? WHERE id = ?').run(note, id);
}
