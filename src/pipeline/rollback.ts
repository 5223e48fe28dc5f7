// Returns an app to an earlier release without building: the release directory and its installed
// dependencies are still there, and its ENV file was stored with it. The same cutover as a deploy
// runs: the release's workers start in the idle slot, pass their health checks, then nginx switches.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_ROLLBACK_TARGET_MISSING } from '../errors/codes.js';
import { getAppPaths, type AppPaths } from '../home/layout.js';
import { writeAtomically } from '../home/atomic-write.js';
import type { Db } from '../store/db.js';
import { insertDeploy } from '../store/deploys.js';
import { setLockDeploy } from '../store/locks.js';
import { getReleaseEnvFile, listReleases, type ReleaseRow } from '../store/releases.js';
import { DETAIL_PREFIX, DeployOutput } from './deploy-output.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { createDeployRecorder } from './recorder.js';
import { formatSeconds, runSteps } from './run-steps.js';
import { activateStep } from './steps/activate.js';
import { checkNginxStep } from './steps/check-nginx.js';
import { configureStep } from './steps/configure.js';
import { healthCheckStep } from './steps/health-check.js';
import { renderStep } from './steps/render.js';
import { startWorkersStep } from './steps/start-workers.js';
import type { OperationBase } from './types.js';

export interface RollbackRequest extends OperationBase {
  app: string;
  /** Release number; undefined means the newest release older than the live one. */
  target?: number;
  /** Why, for the deploy history, e.g. "automatic: web.1 failed 3 health checks". */
  note?: string;
}

const ROLLBACK_STEPS = [configureStep, renderStep, checkNginxStep, startWorkersStep, healthCheckStep, activateStep];

export async function rollbackApp(request: RollbackRequest): Promise<{ deployId: number; succeeded: boolean }> {
  const { app, db } = request;
  const paths = getAppPaths(request.layout, app);
  const notify = (message: string) => request.stream.write(`${DETAIL_PREFIX}${message}\n`);
  await acquireAppLock({ db, app, holder: request.identity.name, purpose: 'rollback', notify });

  try {
    const release = findTarget(db, app, paths, request.target);
    const deployId = insertDeploy(db, {
      app,
      commitSha: release.commitSha,
      ref: `release ${release.number}`,
      pusherFingerprint: request.identity.fingerprint,
      pusherName: request.identity.name,
      releaseNumber: release.number,
      kind: 'rollback',
    });
    setLockDeploy(db, app, deployId);
    if (request.note !== undefined) db.prepare('UPDATE deploys SET note = ? WHERE id = ?').run(request.note, deployId);
    const recorder = createDeployRecorder(db, deployId);
    const output = new DeployOutput(request.stream, recorder);
    const undoEnv = restoreEnvFile(db, paths, release);
    const started = performance.now();

    const succeeded = await runSteps(
      {
        app,
        label: `rollback ${deployId}`,
        commit: release.commitSha,
        ref: `release ${release.number}`,
        layout: request.layout,
        paths,
        settings: request.settings,
        db,
        logger: request.logger.child({ app, deployId }),
        recorder,
        output,
        deployId,
        releaseNumber: release.number,
        releaseDir: path.join(paths.releases, String(release.number)),
        startsApp: true,
      },
      ROLLBACK_STEPS,
      { firstLiveStep: activateStep, ownsReleaseDir: false },
    );
    if (!succeeded) undoEnv();
    if (succeeded) output.header(`Rolled ${app} back to release ${release.number} in ${formatSeconds(performance.now() - started)}`);

    return { deployId, succeeded };
  } finally {
    releaseAppLock(db, app);
  }
}

function findTarget(db: Db, app: string, paths: AppPaths, target: number | undefined): ReleaseRow {
  const live = existsSync(paths.live) ? Number(path.basename(realpathSync(paths.live))) : undefined;
  const available = listReleases(db, app).filter((release) => existsSync(path.join(paths.releases, String(release.number))));
  const release =
    target === undefined
      ? available.find((candidate) => live === undefined || candidate.number < live)
      : available.find((candidate) => candidate.number === target);
  if (release === undefined) {
    throw PIKU_ERR_ROLLBACK_TARGET_MISSING(app, target === undefined ? 'previous' : String(target), available.map((candidate) => candidate.number).join(', ') || 'none');
  }

  return release;
}

// Puts back the ENV file stored with the release and returns a function that undoes it.
function restoreEnvFile(db: Db, paths: AppPaths, release: ReleaseRow): () => void {
  const stored = getReleaseEnvFile(db, release.app, release.number);
  if (stored === null) return () => {};

  const current = existsSync(paths.envFile) ? readFileSync(paths.envFile, 'utf8') : null;
  writeAtomically(paths.envFile, stored);

  return () => {
    if (current !== null) writeAtomically(paths.envFile, current);
  };
}
