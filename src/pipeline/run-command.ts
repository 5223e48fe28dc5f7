// Runs a command for a deploy step and streams each line of its output to the pusher as it comes,
// stdout and stderr interleaved in the order they were written.
import { PIKU_ERR_DEPLOY_CANCELLED, PIKU_ERR_DEPLOY_COMMAND_FAILED } from '../errors/codes.js';
import type { DeployContext } from './types.js';

export interface StepCommand {
  /** Purpose of the command in the failure message, e.g. "release" or "pip install". */
  label: string;
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export async function runStepCommand(context: DeployContext, command: StepCommand): Promise<void> {
  // Loaded here, not at the top: execa takes tens of milliseconds to import, and commands such as
  // config:get reach this module through the runtimes without running anything.
  const { execa } = await import('execa');
  // Its own process group, so a cancel stops the shell's children too (a `sleep` in a release
  // command would otherwise hold the output pipe open after the shell is gone).
  const subprocess = execa(command.file, command.args, {
    cwd: command.cwd,
    env: command.env,
    extendEnv: false,
    all: true,
    buffer: false,
    reject: false,
    stdin: 'ignore',
    detached: true,
  });
  const stopGroup = () => killGroup(subprocess.pid);
  context.signal?.addEventListener('abort', stopGroup, { once: true });

  try {
    for await (const line of subprocess.iterable({ from: 'all' })) context.output.detail(line);
  } finally {
    context.signal?.removeEventListener('abort', stopGroup);
  }

  const result = await subprocess;
  if (context.signal?.aborted) throw PIKU_ERR_DEPLOY_CANCELLED(context.label);
  if (result.exitCode !== 0) {
    const status = result.exitCode === undefined ? `was killed by ${result.signal ?? 'a signal'}` : `exited with status ${result.exitCode}`;
    throw PIKU_ERR_DEPLOY_COMMAND_FAILED.with({ details: { label: command.label } }, command.label, status);
  }
}

// A Procfile command is a shell command line, as in piku and Heroku.
export function createShellCommand(label: string, commandLine: string, cwd: string, env: Record<string, string>): StepCommand {
  return { label, file: '/bin/sh', args: ['-c', commandLine], cwd, env };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;

  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // The group is already gone.
  }
}
