// git-hook APP: called by the repo's pre-receive hook with "<old> <new> <ref>" lines on stdin.
// Deploys the update of the deploy branch; other refs are stored without a deploy. A non-zero exit
// makes git reject the whole push.
import { readFileSync } from 'node:fs';
import { DETAIL_PREFIX, STEP_PREFIX } from '../../pipeline/deploy-output.js';
import { getAppName } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { deployApp, getDeployBranch } from '../deploy-app.js';

const ZERO_COMMIT = /^0+$/;

export async function run(context: CommandContext, args: string[]): Promise<number> {
  const app = getAppName(args[0]!);
  const updates = parseRefUpdates(readFileSync(0, 'utf8'));
  const configured = getDeployBranch(context, app);
  const deployRefs = configured === undefined ? ['refs/heads/main', 'refs/heads/master'] : [`refs/heads/${configured}`];
  const branchLabel = configured ?? 'main or master';

  // With both main and master pushed at once, main deploys.
  const deploy = deployRefs.map((ref) => updates.find((update) => update.ref === ref)).find((update) => update !== undefined);
  for (const update of updates) {
    if (update === deploy) continue;
    context.stdout.write(`${STEP_PREFIX}Stored ${update.ref} without deploying: only ${branchLabel} deploys\n`);
  }
  if (deploy === undefined) return 0;

  if (ZERO_COMMIT.test(deploy.newCommit)) {
    context.stdout.write(`${STEP_PREFIX}Deleting ${deploy.ref}: the running release keeps serving\n`);

    return 0;
  }

  context.stdout.write(`${STEP_PREFIX}Deploying ${app} from ${deploy.ref.replace('refs/heads/', '')}\n${DETAIL_PREFIX}\n`);

  return (await deployApp(context, app, deploy.newCommit, deploy.ref)) ? 0 : 1;
}

interface RefUpdate {
  oldCommit: string;
  newCommit: string;
  ref: string;
}

function parseRefUpdates(text: string): RefUpdate[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length === 3)
    .map(([oldCommit, newCommit, ref]) => ({ oldCommit: oldCommit!, newCommit: newCommit!, ref: ref! }));
}
