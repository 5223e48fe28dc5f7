// Runs one deploy: takes the app's lock, records the deploy, runs the steps in order, and on the
// first failure stops, removes the unfinished release directory and records which step failed.
// Nothing live changes before the activate step, so a failure before it leaves the running release
// serving as it was.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Identity } from '../cli/command.js';
import { isPikuError } from '../errors/piku-error.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import type { Settings } from '../home/settings.js';
import type { Db } from '../store/db.js';
import { finishDeploy, finishStep, insertDeploy, insertStep } from '../store/deploys.js';
import { setLockDeploy } from '../store/locks.js';
import { getNextReleaseNumber } from '../store/releases.js';
import { DETAIL_PREFIX, DeployOutput } from './deploy-output.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { DEPLOY_STEPS, FIRST_LIVE_STEP } from './steps/index.js';
import type { DeployContext, Step } from './types.js';

export interface DeployRequest {
  app: string;
  commit: string;
  ref: string;
  identity: Identity;
  layout: Layout;
  settings: Settings;
  db: Db;
  logger: Logger;
  /** Where the pusher reads the deploy's progress: the git hook's stdout. */
  stream: NodeJS.WritableStream;
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

  try {
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
    const context: DeployContext = {
      app,
      commit: request.commit,
      ref: request.ref,
      layout: request.layout,
      paths,
      settings: request.settings,
      db,
      logger: request.logger.child({ app, deployId }),
      output: new DeployOutput(db, deployId, request.stream),
      deployId,
      releaseNumber,
      releaseDir: path.join(paths.releases, String(releaseNumber)),
    };

    return { deployId, succeeded: await runSteps(context, DEPLOY_STEPS) };
  } finally {
    releaseAppLock(db, app);
  }
}

async function runSteps(context: DeployContext, steps: Step[]): Promise<boolean> {
  const started = performance.now();
  context.logger.info({ commit: context.commit, ref: context.ref }, 'deploy started');

  for (const [position, step] of steps.entries()) {
    const failure = await runStep(context, step, position);
    if (failure === undefined) continue;

    if (position < steps.indexOf(FIRST_LIVE_STEP)) rmSync(context.releaseDir, { recursive: true, force: true });
    finishDeploy(context.db, context.deployId, { status: 'failed', failedStep: step.name, error: failure });
    context.output.setStep(null);
    context.output.failure(`Deploy ${context.deployId} failed at step "${step.name}": the previous release keeps running.`);
    context.logger.warn({ step: step.name, durationMs: Math.round(performance.now() - started) }, 'deploy failed');

    return false;
  }

  finishDeploy(context.db, context.deployId, { status: 'succeeded' });
  context.output.setStep(null);
  context.output.header(`Deployed ${context.app} release ${context.releaseNumber} in ${formatSeconds(performance.now() - started)}`);
  context.logger.info({ durationMs: Math.round(performance.now() - started) }, 'deploy succeeded');

  return true;
}

// Runs one step under its header; returns the failure message, or undefined when it succeeded.
async function runStep(context: DeployContext, step: Step, position: number): Promise<string | undefined> {
  const stepId = insertStep(context.db, context.deployId, position, step.name, step.title(context));
  context.output.setStep(stepId);
  context.output.header(step.title(context));
  const started = performance.now();

  try {
    await step.run(context);
  } catch (error) {
    const message = isPikuError(error) ? error.message : 'Internal error: the details are in the platform log.';
    if (!isPikuError(error)) context.logger.error({ err: error, step: step.name }, 'deploy step crashed');
    context.output.failure(message);
    finishStep(context.db, stepId, 'failed', Math.round(performance.now() - started));

    return message;
  }

  const duration = performance.now() - started;
  finishStep(context.db, stepId, 'succeeded', Math.round(duration));
  context.output.detail(`(${formatSeconds(duration)})`);

  return undefined;
}

function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}
