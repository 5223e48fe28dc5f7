// The deploy steps in order. Steps before FIRST_LIVE_STEP change nothing that is live.
import type { Step } from '../types.js';
import { activateStep } from './activate.js';
import { checkNginxStep } from './check-nginx.js';
import { checkoutStep } from './checkout.js';
import { configureStep } from './configure.js';
import { healthCheckStep } from './health-check.js';
import { installStep } from './install.js';
import { issueCertificateStep } from './issue-certificate.js';
import { prepareCertificateStep } from './prepare-certificate.js';
import { recordStep } from './record.js';
import { renderStep } from './render.js';
import { preflightStep, releaseStep } from './run-procfile-entry.js';
import { startWorkersStep } from './start-workers.js';

export const FIRST_LIVE_STEP: Step = activateStep;

export const DEPLOY_STEPS: Step[] = [
  checkoutStep,
  configureStep,
  preflightStep,
  installStep,
  releaseStep,
  renderStep,
  prepareCertificateStep,
  checkNginxStep,
  startWorkersStep,
  healthCheckStep,
  activateStep,
  recordStep,
  issueCertificateStep,
];
