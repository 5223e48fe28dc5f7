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
}

const DEPLOY_COLUMNS = `id, app, commit_sha AS commitSha, ref, pusher_fingerprint AS pusherFingerprint,
  pusher_name AS pusherName, pid, started_at AS startedAt, finished_at AS finishedAt, status,
  failed_step AS failedStep, error, release_number AS releaseNumber`;

export function insertDeploy(db: Db, deploy: NewDeploy): number {
  const result = db
    .prepare(
      `INSERT INTO deploys (app, commit_sha, ref, pusher_fingerprint, pusher_name, pid, started_at, status, release_number)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
    )
    .run(deploy.app, deploy.commitSha, deploy.ref, deploy.pusherFingerprint, deploy.pusherName, process.pid, now(), deploy.releaseNumber);

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
