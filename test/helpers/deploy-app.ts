// Pushes an app to a sandbox the way a user does: a git repository with a `piku` remote, then
// `git push piku main` over SSH.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { REPO_DIR, type Sandbox } from './sandbox.js';

export const FIXTURE_APPS_DIR = path.join(REPO_DIR, 'test', 'fixtures', 'apps');
export const EXAMPLES_DIR = path.join(REPO_DIR, 'examples');
const PUSH_TIMEOUT_MS = 180_000;

export interface DeployResult {
  exitCode: number;
  /** stdout and stderr of `git push`, interleaved: the deploy's `remote:` lines are in stderr. */
  output: string;
  /** The client repository, for pushCommit. */
  workdir: string;
}

export interface DeployOptions {
  /** Branch to push. The platform deploys `main` unless the app sets another deploy branch. */
  branch?: string;
  /** Files written over the fixture's before the first commit, path -> content. */
  files?: Record<string, string>;
}

// Copies a fixture (a name under test/fixtures/apps, or an absolute path) into a new repository
// inside the sandbox, commits it and pushes it to APP.
export async function deployApp(sandbox: Sandbox, fixtureDir: string, app: string, options: DeployOptions = {}): Promise<DeployResult> {
  const { branch = 'main', files = {} } = options;
  const clients = path.join(sandbox.dir, 'clients');
  await mkdir(clients, { recursive: true });
  const workdir = await mkdtemp(path.join(clients, `${app}-`));
  await cp(path.resolve(FIXTURE_APPS_DIR, fixtureDir), workdir, { recursive: true });
  await writeFiles(workdir, files);

  await git(workdir, ['init', '--quiet', '--initial-branch', branch]);
  // The repository keeps the sandbox's SSH command and an identity, so pushCommit needs neither.
  await git(workdir, ['config', 'core.sshCommand', sandbox.env.GIT_SSH_COMMAND!]);
  await git(workdir, ['config', 'user.name', 'piku test']);
  await git(workdir, ['config', 'user.email', 'test@piku.invalid']);
  await git(workdir, ['config', 'commit.gpgsign', 'false']);
  await git(workdir, ['remote', 'add', 'piku', `${sandbox.env.PIKU_REMOTE}:${app}`]);
  await commitAll(workdir, 'Deploy the fixture');

  return { ...(await push(workdir, branch)), workdir };
}

// Writes `change` (path -> content, null deletes) in a repository made by deployApp, commits and pushes it.
export async function pushCommit(workdir: string, change: Record<string, string | null>, branch = 'main'): Promise<DeployResult> {
  for (const [file, content] of Object.entries(change)) {
    if (content === null) await rm(path.join(workdir, file), { force: true, recursive: true });
    else await writeFiles(workdir, { [file]: content });
  }
  await commitAll(workdir, `Change ${Object.keys(change).join(', ')}`);

  return { ...(await push(workdir, branch)), workdir };
}

async function writeFiles(workdir: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(workdir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

async function commitAll(workdir: string, message: string): Promise<void> {
  await git(workdir, ['add', '--all']);
  await git(workdir, ['commit', '--quiet', '--allow-empty', '--message', message]);
}

async function push(workdir: string, branch: string): Promise<{ exitCode: number; output: string }> {
  // GIT_SSH_COMMAND from the caller's environment would win over the repository's core.sshCommand.
  const result = await execa('git', ['push', 'piku', branch], {
    cwd: workdir,
    env: { GIT_SSH_COMMAND: undefined },
    all: true,
    reject: false,
    timeout: PUSH_TIMEOUT_MS,
  });

  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

async function git(workdir: string, args: string[]): Promise<void> {
  await execa('git', args, { cwd: workdir });
}
