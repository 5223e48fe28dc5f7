// Step checkout: writes the pushed commit's tree into a new release directory.
// Reads: the bare repo (inside a pre-receive hook, git's quarantine variables make the pushed
// objects readable). Fails when git archive fails; the half-written directory is removed by the
// pipeline.
import { mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_DEPLOY_CHECKOUT_FAILED } from '../../errors/codes.js';
import { extractCommit } from '../../process/run-file.js';
import type { DeployContext, Step } from '../types.js';

export const checkoutStep: Step = {
  name: 'checkout',
  title: (context) => `Checking out ${context.commit.slice(0, 12)} into release ${context.releaseNumber}`,
  run: checkOut,
};

async function checkOut(context: DeployContext): Promise<void> {
  mkdirSync(context.releaseDir, { recursive: true });

  try {
    await extractCommit(context.paths.repo, context.commit, context.releaseDir);
  } catch (error) {
    throw PIKU_ERR_DEPLOY_CHECKOUT_FAILED.with({ cause: error }, context.commit, (error as Error).message);
  }

  // NOTE: git archive leaves submodules empty, and a bare repo cannot fetch them without network
  // credentials of its own; the pusher is told instead of getting a silently incomplete tree.
  if (existsSync(path.join(context.releaseDir, '.gitmodules'))) {
    context.output.detail('Warning: .gitmodules found, but submodules are not checked out: vendor them into the repo.');
  }
}
