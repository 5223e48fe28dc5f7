// Step install: installs the release's dependencies with its runtime (pip, npm, or nothing).
// Reads: the runtime picked by configure, the release's manifests. Fails when the install fails; a
// half-built venv is never marked complete, so no later deploy reuses it.
import { requireField, type DeployContext, type Step } from '../types.js';

export const installStep: Step = {
  name: 'install',
  title: (context) => `Installing dependencies: ${context.runtime?.description ?? 'unknown runtime'}`,
  run: async (context: DeployContext) => {
    await requireField(context, 'runtime').install(context, requireField(context, 'runtimeEnvironment'));
  },
};
