// Applies a change of config or scale to the live release without building anything: it reads the
// live release's Procfile and the current ENV, renders the vassals and the vhost again, tests nginx
// and activates. Workers restart with the new environment; the release and its dependencies stay.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_APP_NOT_DEPLOYED } from '../errors/codes.js';
import { getAppPaths } from '../home/layout.js';
import { getCurrentRelease } from '../store/releases.js';
import { DETAIL_PREFIX, DeployOutput } from './deploy-output.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { NO_RECORDER } from './recorder.js';
import { runSteps } from './run-steps.js';
import { activateStep } from './steps/activate.js';
import { checkNginxStep } from './steps/check-nginx.js';
import { configureStep } from './steps/configure.js';
import { healthCheckStep } from './steps/health-check.js';
import { issueCertificateStep } from './steps/issue-certificate.js';
import { prepareCertificateStep } from './steps/prepare-certificate.js';
import { renderStep } from './steps/render.js';
import { startWorkersStep } from './steps/start-workers.js';
import type { DeployContext, OperationBase } from './types.js';

export interface ReconfigureRequest extends OperationBase {
  app: string;
  /** Name of the run in messages and as the lock holder, e.g. "config change". */
  label: string;
  /** True for restart: a stopped app starts. False for config and scale changes. */
  startsApp: boolean;
  /**
   * Runs under the app's lock before the steps, e.g. writing the new ENV, and returns a function
   * that undoes it; the undo runs when a step fails, so a rejected change leaves no trace.
   */
  prepare?: () => () => void;
}

const RECONFIGURE_STEPS = [
  configureStep,
  renderStep,
  prepareCertificateStep,
  checkNginxStep,
  startWorkersStep,
  healthCheckStep,
  activateStep,
  issueCertificateStep,
];

export async function reconfigureApp(request: ReconfigureRequest): Promise<boolean> {
  const { app, db } = request;
  const paths = getAppPaths(request.layout, app);
  if (!existsSync(paths.live)) throw PIKU_ERR_APP_NOT_DEPLOYED(app);

  await acquireAppLock({ db, app, holder: request.identity.name, purpose: request.label, notify: (message) => request.stream.write(`${DETAIL_PREFIX}${message}\n`) });
  try {
    const undo = request.prepare?.();
    const context = createLiveContext(request);
    const succeeded = await runSteps(context, RECONFIGURE_STEPS, { firstLiveStep: activateStep, ownsReleaseDir: false });
    if (!succeeded) undo?.();
    context.logger.info({ succeeded }, `${request.label} finished`);

    return succeeded;
  } finally {
    releaseAppLock(db, app);
  }
}

// The context of a run on the live release: no checkout, no deploy row, the release the app's
// live link points to.
export function createLiveContext(request: Omit<ReconfigureRequest, 'prepare'>): DeployContext {
  const { app, db } = request;
  const releaseDir = realpathSync(getAppPaths(request.layout, app).live);

  return {
    app,
    label: request.label,
    commit: getCurrentRelease(db, app)?.commitSha ?? 'unknown',
    ref: '',
    layout: request.layout,
    paths: getAppPaths(request.layout, app),
    settings: request.settings,
    db,
    logger: request.logger.child({ app, operation: request.label }),
    recorder: NO_RECORDER,
    output: new DeployOutput(request.stream, NO_RECORDER),
    releaseNumber: Number(path.basename(releaseDir)) || 0,
    releaseDir,
    startsApp: request.startsApp,
  };
}
