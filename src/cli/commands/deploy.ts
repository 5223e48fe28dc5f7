// deploy APP: deploy the deploy branch's current commit again, e.g. after a config change that
// needs a rebuild.
import { PIKU_ERR_DEPLOY_BRANCH_MISSING } from '../../errors/codes.js';
import { resolveCommit } from '../../git/repo.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { deployApp, getDeployBranch } from '../deploy-app.js';

export async function run(context: CommandContext, args: string[]): Promise<number> {
  const { app, paths } = getExistingApp(context.layout, args[0]!);
  const configured = getDeployBranch(context, app);
  const branches = configured === undefined ? ['main', 'master'] : [configured];

  for (const branch of branches) {
    const commit = await resolveCommit(paths.repo, `refs/heads/${branch}`);
    if (commit !== undefined) return (await deployApp(context, app, commit, `refs/heads/${branch}`)) ? 0 : 1;
  }

  throw PIKU_ERR_DEPLOY_BRANCH_MISSING(app, branches.join(' or '));
}
