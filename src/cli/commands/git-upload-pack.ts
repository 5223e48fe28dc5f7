// git-upload-pack APP: serve `git clone` and `git fetch` of an existing app.
import { runGitService } from '../../git/git-service.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';

export async function run(context: CommandContext, args: string[]): Promise<number> {
  const { paths } = getExistingApp(context.layout, args[0]!);
  return runGitService('git-upload-pack', paths.repo);
}
