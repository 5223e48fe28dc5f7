// git-receive-pack APP: receive a push. The first push to a new name creates the app and makes the
// pusher its manager.
import { openDatabase } from '../../store/db.js';
import { setGrant } from '../../store/grants.js';
import { runGitService } from '../../git/git-service.js';
import { ensureRepo } from '../../git/repo.js';
import { getAppPaths } from '../../home/layout.js';
import { getAppName } from '../app-arg.js';
import type { CommandContext } from '../command.js';

export async function run(context: CommandContext, args: string[]): Promise<number> {
  const app = getAppName(args[0]!);
  const { repo } = getAppPaths(context.layout, app);
  if (await ensureRepo(repo, app, context.layout.root)) {
    context.getLogger().info({ app, user: context.caller.name }, 'app created by push');
    if (context.caller.userId !== null) grantManage(context, context.caller.userId, app);
  }

  return runGitService('git-receive-pack', repo);
}

function grantManage(context: CommandContext, userId: number, app: string): void {
  const db = openDatabase(context.layout);
  try {
    setGrant(db, userId, app, 'manage');
  } finally {
    db.close();
  }
}
