// The bare repository of an app and its hooks. The deploy runs from the pre-receive hook, not
// post-receive as in piku, because only pre-receive can fail the push: a failed deploy then exits
// `git push` non-zero and leaves the branch at the commit that is live.
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_SSH_PATH_UNSAFE } from '../errors/codes.js';
import { CLI_SCRIPT } from '../home/install-paths.js';
import { writeAtomically } from '../home/atomic-write.js';
import { renderTemplate } from '../render/templates.js';


// Creates the bare repo on first push and (re)writes its hook, so a moved install keeps working.
export async function ensureRepo(repo: string, app: string, root: string): Promise<boolean> {
  const isNew = !existsSync(path.join(repo, 'HEAD'));
  if (isNew) await runGit(['init', '--bare', '--quiet', '--initial-branch=main', repo]);

  writeHook(repo, app, root);

  return isNew;
}

// Every push reads this module, and most pushes run no git command from it, so execa loads on use.
async function runGit(args: string[]): Promise<void> {
  const { execa } = await import('execa');
  await execa('git', args);
}

function writeHook(repo: string, app: string, root: string): void {
  for (const value of [root, process.execPath, CLI_SCRIPT]) {
    if (/['\\\n]/.test(value)) throw PIKU_ERR_SSH_PATH_UNSAFE(value);
  }
  const hook = path.join(repo, 'hooks', 'pre-receive');
  writeAtomically(hook, renderTemplate('git/pre-receive.sh', { root, node: process.execPath, script: CLI_SCRIPT, app }));
  chmodSync(hook, 0o755);

  // piku's post-receive hook calls its own `git-hook`; left in place it would deploy a second time.
  const pikuHook = path.join(repo, 'hooks', 'post-receive');
  if (existsSync(pikuHook) && readFileSync(pikuHook, 'utf8').includes('git-hook')) rmSync(pikuHook);
}

// Resolves a ref or branch name to a commit, or undefined when it does not exist.
export async function resolveCommit(repo: string, ref: string): Promise<string | undefined> {
  const { execa } = await import('execa');
  const result = await execa('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo, reject: false });

  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}
