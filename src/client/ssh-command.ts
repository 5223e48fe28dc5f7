// Runs one command line on the server through ssh, with the terminal attached, and returns ssh's
// exit status: the remote command's status, or 255 when ssh itself failed.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { PIKU_ERR_CLIENT_SSH_FAILED } from '../errors/codes.js';
import { getSshCommandSetting } from './git-config.js';
import type { ServerAddress } from './remote-url.js';

export interface SshOptions {
  server: ServerAddress;
  /** The whole remote command line, already quoted. */
  commandLine: string;
  /** Allocates a terminal on the server (ssh -t), for interactive commands. */
  isInteractive?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

// Runs ssh the way git does for a push: GIT_SSH_COMMAND, else git's core.sshCommand, else "ssh".
// The sandbox and users who need a key, port or jump host set one of these once for both git and
// this client.
export async function runSsh(options: SshOptions): Promise<number> {
  const args = getSshArgs(options);
  const sshCommand = options.env.GIT_SSH_COMMAND || getSshCommandSetting(options.cwd, options.env);
  // git runs a configured command through sh, so its quoting and variables work as the user wrote
  // them, with the arguments appended as "$@".
  const [program, programArgs] = sshCommand === undefined ? ['ssh', args] : ['sh', ['-c', `${sshCommand} "$@"`, sshCommand, ...args]];

  return await waitForExit(program, programArgs, options, sshCommand ?? 'ssh');
}

// Arguments after the ssh command: "--" stops ssh reading options, so a destination can never be
// taken for one, and the remote command line is one argument that ssh sends as it is.
export function getSshArgs({ server, commandLine, isInteractive = false }: SshOptions): string[] {
  const terminal = isInteractive ? ['-t'] : [];
  const port = server.port === undefined ? [] : ['-p', String(server.port)];

  return [...terminal, ...port, '--', server.destination, commandLine];
}

// The terminal sends Ctrl-C to ssh and to this process alike. Ignoring it here lets ssh decide,
// and the status returned is ssh's.
function waitForExit(program: string, args: string[], { cwd, env }: SshOptions, label: string): Promise<number> {
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGQUIT', ignore);

  return new Promise<number>((resolve, reject) => {
    const child = spawn(program, args, { cwd, env, stdio: 'inherit' });
    child.on('error', (error) => reject(PIKU_ERR_CLIENT_SSH_FAILED.with({ cause: error }, label, error.message)));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
  }).finally(() => {
    process.off('SIGINT', ignore);
    process.off('SIGQUIT', ignore);
  });
}
