// The data behind each dashboard page, read from piku.db and the app's files. Pages show only
// apps the signed-in user may read.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { listReadableApps, type Caller } from '../access/caller.js';
import { isLevelAtLeast, type EffectiveLevel } from '../access/levels.js';
import { isValidAppName } from '../home/app-name.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import type { Db } from '../store/db.js';
import { getDeploy, getLatestDeploys, listDeploys, listOutputSince, listSteps, type DeployRow, type StepRow } from '../store/deploys.js';
import { listReleases } from '../store/releases.js';
import { describeAppState, describeAppStates } from '../uwsgi/app-state.js';
import { listRunningWorkers } from '../uwsgi/emperor-state.js';

const DEPLOYS_SHOWN = 30;

// The apps the caller may read, with state, current release and latest deploy.
export function getAppsView(db: Db, layout: Layout, caller: Caller): object[] {
  const apps = existsSync(layout.repos) ? readdirSync(layout.repos).filter(isValidAppName).sort() : [];
  const readable = listReadableApps(db, caller, apps);
  const states = describeAppStates(layout, readable.map(({ app }) => app));
  const deploys = getLatestDeploys(db);

  return readable.map(({ app, level }) => {
    const latest = deploys.get(app);

    return {
      name: app,
      level,
      state: states.get(app)!,
      release: getLiveRelease(layout, app),
      latest: latest === undefined ? undefined : { status: latest.status, commit: latest.commitSha.slice(0, 12), startedAt: latest.startedAt },
    };
  });
}

// One app: state, deploys with their step durations, and releases.
export function getAppView(db: Db, layout: Layout, app: string, level: EffectiveLevel): object {
  const live = getLiveRelease(layout, app);
  const deploys = listDeploys(db, app, DEPLOYS_SHOWN).map((deploy) => ({
    ...formatDeploy(deploy),
    steps: listSteps(db, deploy.id).map((step) => ({ name: step.name, status: step.status, duration: formatDuration(step.durationMs) })),
  }));
  const releases = listReleases(db, app).map((release) => ({
    number: release.number,
    commit: release.commitSha.slice(0, 12),
    deployId: release.deployId,
    createdAt: release.createdAt,
    isCurrent: release.number === live,
  }));

  return { app, level, state: describeAppState(layout, app, listRunningWorkers(layout, app)), release: live, deploys, releases, canRollback: isLevelAtLeast(level, 'deploy') };
}

// One deploy with its lines grouped by step; undefined when the app has no such deploy.
export function getDeployView(db: Db, app: string, id: number): object | undefined {
  const deploy = getDeploy(db, app, id);
  if (deploy === undefined) return undefined;

  const lines = getAttributedLines(db, id);
  const steps = listSteps(db, id).map((step) => ({
    ...formatStep(step),
    lines: lines.filter((line) => line.stepId === step.id).map((line) => line.line),
    isOpen: step.status !== 'succeeded',
  }));

  return {
    app,
    deploy: formatDeploy(deploy),
    prologue: lines.filter((line) => line.stepId === null).map((line) => line.line),
    steps,
    lastLineId: lines.at(-1)?.id ?? 0,
  };
}

// Builds the log.json reply for a page following a deploy: the lines after `afterId` and every step.
export function getDeployUpdate(db: Db, app: string, id: number, afterId: number): object | undefined {
  const deploy = getDeploy(db, app, id);
  if (deploy === undefined) return undefined;

  const lines = getAttributedLines(db, id).filter((line) => line.id > afterId);

  return { status: deploy.status, statusText: formatDeploy(deploy).statusText, steps: listSteps(db, id).map(formatStep), lines };
}

// The recorder stores a step's closing "(1.2 s)" line after the step has ended, without a step;
// such a line belongs to the step before it. Lines before the first step keep stepId null.
function getAttributedLines(db: Db, deployId: number): Array<{ id: number; stepId: number | null; line: string }> {
  let lastStepId: number | null = null;

  return listOutputSince(db, deployId, 0).map((line) => {
    lastStepId = line.stepId ?? lastStepId;

    return { ...line, stepId: lastStepId };
  });
}

// The release apps/<app> points at: after a rollback it is not the newest one.
function getLiveRelease(layout: Layout, app: string): number | undefined {
  const live = getAppPaths(layout, app).live;

  return existsSync(live) ? Number(path.basename(realpathSync(live))) : undefined;
}

function formatDeploy(deploy: DeployRow): Record<string, unknown> {
  const durationMs = deploy.finishedAt === null ? null : Date.parse(deploy.finishedAt) - Date.parse(deploy.startedAt);
  const statusText = deploy.status === 'failed' && deploy.failedStep !== null ? `failed (${deploy.failedStep})` : deploy.status;

  return { id: deploy.id, status: deploy.status, statusText, commit: deploy.commitSha.slice(0, 12), ref: deploy.ref.replace('refs/heads/', ''), pusher: deploy.pusherName, startedAt: deploy.startedAt, duration: formatDuration(durationMs) };
}

function formatStep(step: StepRow): { id: number; title: string; status: string; duration: string } {
  return { id: step.id, title: step.title, status: step.status, duration: formatDuration(step.durationMs) };
}

// e.g. 1234 -> "1.2 s"; null (still running) -> "-".
function formatDuration(ms: number | null): string {
  return ms === null ? '-' : `${(ms / 1000).toFixed(1)} s`;
}
