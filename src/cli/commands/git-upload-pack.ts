// git-upload-pack APP: serve `git clone` and `git fetch` of an existing app.
import { execa } from 'execa';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';

export async function run(context: CommandContext, args: string[]): Promise<number> {
  const { paths } = getExistingApp(context.layout, args[0]!);
  const result = await execa('git-upload-pack', [paths.repo], { stdio: 'inherit', reject: false });

  return result.exitCode ?? 1;
}
