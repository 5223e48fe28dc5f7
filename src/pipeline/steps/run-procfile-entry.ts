// The preflight and release steps: each runs its Procfile entry once, when the Procfile has one,
// in the new release directory with the app's full environment.
// Reads: the entry's command and context.env. Fails when the command exits non-zero; nothing live
// has changed at that point.
import { createShellCommand, runStepCommand } from '../run-command.js';
import { requireField, type DeployContext, type Step } from '../types.js';

export const preflightStep: Step = createEntryStep('preflight', 'Running preflight');
export const releaseStep: Step = createEntryStep('release', 'Running release');

function createEntryStep(kind: 'preflight' | 'release', title: string): Step {
  return {
    name: kind,
    title: (context) => {
      const entry = context.procfile?.entries.find((candidate) => candidate.kind === kind);

      return entry === undefined ? `${title}: no "${kind}" entry in the Procfile` : `${title}: ${entry.command}`;
    },
    run: async (context: DeployContext) => {
      const entry = requireField(context, 'procfile').entries.find((candidate) => candidate.kind === kind);
      if (entry === undefined) return;

      await runStepCommand(context, createShellCommand(kind, entry.command, context.releaseDir, requireField(context, 'env')));
    },
  };
}
