// git-receive-pack APP: receive a push. The first push to a new name creates the app.
import { execa } from 'execa';
import { ensureRepo } from '../../git/repo.js';
import { getAppPaths } from '../../home/layout.js';
import { getAppName } from '../app-arg.js';
import type { CommandContext } from '../command.js';

export async function run(context: CommandContext, args: string[]): Promise<number> {
  const app = getAppName(args[0]!);
  const { repo } = getAppPaths(context.layout, app);
  if (await ensureRepo(repo, app, context.layout.root)) context.getLogger().info({ app }, 'app created by push');

  const result = await execa('git-receive-pack', [repo], { stdio: 'inherit', reject: false });

  return result.exitCode ?? 1;
}
