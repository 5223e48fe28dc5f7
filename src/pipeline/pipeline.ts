// Runs one deploy: takes the app's lock, records the deploy, runs the deploy steps, and reports the
// result. Nothing live changes before the activate step, so a failure before it leaves the running
// release serving as it was.
import path from 'node:path';
import { getAppPaths } from '../home/layout.js';
import { insertDeploy } from '../store/deploys.js';
import { setLockDeploy } from '../store/locks.js';
import { getNextReleaseNumber } from '../store/releases.js';
import { DETAIL_PREFIX, DeployOutput } from './deploy-output.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { createDeployRecorder } from './recorder.js';
import { formatSeconds, runSteps } from './run-steps.js';
import { DEPLOY_STEPS, FIRST_LIVE_STEP } from './steps/index.js';
import type { DeployContext, OperationBase } from './types.js';

export interface DeployRequest extends OperationBase {
  app: string;
  commit: string;
  ref: string;
}

export interface DeployResult {
  deployId: number;
  succeeded: boolean;
}

export async function runDeploy(request: DeployRequest): Promise<DeployResult> {
  const { app, db } = request;
  await acquireAppLock({
    db,
    app,
    holder: request.identity.name,
    purpose: 'deploy',
    notify: (message) => request.stream.write(`${DETAIL_PREFIX}${message}\n`),
  });

  // deploy:cancel sends SIGTERM: the running command stops, the failure path cleans up.
  const controller = new AbortController();
  const onTerminate = () => controller.abort();
  process.on('SIGTERM', onTerminate);

  try {
    const context = { ...createDeployContext(request), signal: controller.signal };
    const started = performance.now();
    context.logger.info({ commit: context.commit, ref: context.ref }, 'deploy started');
    const succeeded = await runSteps(context, DEPLOY_STEPS, { firstLiveStep: FIRST_LIVE_STEP, ownsReleaseDir: true });
    const durationMs = Math.round(performance.now() - started);
    if (succeeded) context.output.header(`Deployed ${app} release ${context.releaseNumber} in ${formatSeconds(durationMs)}`);
    context.logger.info({ durationMs, succeeded }, 'deploy finished');

    return { deployId: context.deployId!, succeeded };
  } finally {
    process.off('SIGTERM', onTerminate);
    releaseAppLock(db, app);
  }
}

function createDeployContext(request: DeployRequest): DeployContext {
  const { app, db } = request;
  const releaseNumber = getNextReleaseNumber(db, app);
  const deployId = insertDeploy(db, {
    app,
    commitSha: request.commit,
    ref: request.ref,
    pusherFingerprint: request.identity.fingerprint,
    pusherName: request.identity.name,
    releaseNumber,
  });
  setLockDeploy(db, app, deployId);
  const paths = getAppPaths(request.layout, app);
  const recorder = createDeployRecorder(db, deployId);

  return {
    app,
    label: `deploy ${deployId}`,
    commit: request.commit,
    ref: request.ref,
    layout: request.layout,
    paths,
    settings: request.settings,
    db,
    logger: request.logger.child({ app, deployId }),
    recorder,
    output: new DeployOutput(request.stream, recorder),
    deployId,
    releaseNumber,
    releaseDir: path.join(paths.releases, String(releaseNumber)),
    startsApp: true,
  };
}
