// Runs steps in order under their headers. The first failure stops the run; a failure before
// `firstLiveStep` leaves everything live untouched and removes the unfinished release directory.
import { rmSync } from 'node:fs';
import { PIKU_ERR_DEPLOY_CANCELLED } from '../errors/codes.js';
import { isPikuError } from '../errors/piku-error.js';
import { stopNewWorkers } from './app-running.js';
import type { DeployContext, Step } from './types.js';

export interface RunStepsOptions {
  /** The first step that changes what is live. */
  firstLiveStep: Step;
  /** True when the release directory was made by this run and must go when it fails early. */
  ownsReleaseDir: boolean;
}

export async function runSteps(context: DeployContext, steps: Step[], options: RunStepsOptions): Promise<boolean> {
  const firstLive = steps.indexOf(options.firstLiveStep);

  for (const [position, step] of steps.entries()) {
    const failure = context.signal?.aborted ? PIKU_ERR_DEPLOY_CANCELLED(context.label).message : await runStep(context, step, position);
    if (failure === undefined) continue;

    stopNewWorkers(context);
    if (options.ownsReleaseDir && position < firstLive) rmSync(context.releaseDir, { recursive: true, force: true });
    const status = context.signal?.aborted ? 'interrupted' : 'failed';
    if (status === 'interrupted') context.output.failure(failure);
    context.recorder.finish({ status, failedStep: step.name, error: failure });
    const consequence = position < firstLive ? 'nothing live changed' : 'the change is partly applied';
    context.output.failure(`${capitalize(context.label)} failed at step "${step.name}": ${consequence}.`);
    context.logger.warn({ step: step.name }, `${context.label} failed`);

    return false;
  }

  context.recorder.finish({ status: 'succeeded' });

  return true;
}

// Runs one step under its header; returns the failure message, or undefined when it succeeded.
async function runStep(context: DeployContext, step: Step, position: number): Promise<string | undefined> {
  const title = step.title(context);
  context.recorder.startStep(position, step.name, title);
  context.output.header(title);
  const started = performance.now();

  try {
    await step.run(context);
  } catch (error) {
    const message = isPikuError(error) ? error.message : 'Internal error: the details are in the platform log.';
    if (!isPikuError(error)) context.logger.error({ err: error, step: step.name }, 'step crashed');
    context.output.failure(message);
    context.recorder.finishStep('failed', Math.round(performance.now() - started));

    return message;
  }

  const duration = performance.now() - started;
  context.recorder.finishStep('succeeded', Math.round(duration));
  context.output.detail(`(${formatSeconds(duration)})`);

  return undefined;
}

export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
