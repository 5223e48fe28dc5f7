// Where a step runner stores what happened. A deploy stores every step and line in piku.db; a
// config change or a scale (which build nothing) keeps no history rows and logs to pino only.
import type { Db } from '../store/db.js';
import { finishDeploy, finishStep, insertOutputLine, insertStep, type DeployStatus } from '../store/deploys.js';

export interface RunOutcome {
  status: DeployStatus;
  failedStep?: string;
  error?: string;
}

export interface StepRecorder {
  startStep: (position: number, name: string, title: string) => void;
  finishStep: (status: DeployStatus, durationMs: number) => void;
  recordLine: (line: string) => void;
  finish: (outcome: RunOutcome) => void;
}

export function createDeployRecorder(db: Db, deployId: number): StepRecorder {
  let stepId: number | null = null;

  return {
    startStep: (position, name, title) => {
      stepId = insertStep(db, deployId, position, name, title);
    },
    finishStep: (status, durationMs) => {
      if (stepId !== null) finishStep(db, stepId, status, durationMs);
      stepId = null;
    },
    recordLine: (line) => insertOutputLine(db, deployId, stepId, line),
    finish: (outcome) => finishDeploy(db, deployId, outcome),
  };
}

export const NO_RECORDER: StepRecorder = {
  startStep: () => {},
  finishStep: () => {},
  recordLine: () => {},
  finish: () => {},
};
