// The laptop-side `piku` command: finds the server and app, then runs the command on the server
// over ssh and returns its exit status. Errors of the client itself print one ` !     ` line.
import { Command, CommanderError } from 'commander';
import { PIKU_ERR_CLI_USAGE, PIKU_ERR_CLIENT_SERVER_MISSING } from '../errors/codes.js';
import { isPikuError } from '../errors/piku-error.js';
import { getRemoteWords } from './command-words.js';
import { formatClientUsage, formatTarget } from './help-text.js';
import { joinCommandLine, validateArguments } from './quote-words.js';
import type { ServerAddress } from './remote-url.js';
import { runSsh } from './ssh-command.js';
import { resolveTarget, type Target } from './target.js';

export interface ClientOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** True when stdin is a terminal, so `run` gets one on the server too. */
  isTerminal?: boolean;
}

interface ParsedClientArgs {
  remote?: string;
  isHelp: boolean;
  command?: string;
  args: string[];
}

// Runs one client invocation, e.g. `piku -r staging config:set KEY=VALUE`.
export async function runClient(argv: string[], options: ClientOptions = {}): Promise<number> {
  const { env = process.env, cwd = process.cwd(), stdout = process.stdout, stderr = process.stderr } = options;
  const isTerminal = options.isTerminal ?? process.stdin.isTTY === true;

  try {
    const { remote, isHelp, command, args } = parseClientArgs(argv);
    if (isHelp || command === undefined || command === 'help') return await showHelp(remote, cwd, env, stdout);

    const target = resolveTarget({ remote, cwd, env });
    const server = getServer(target, cwd);
    validateArguments(command, args);
    const commandLine = joinCommandLine(getRemoteWords(command, args, target.app));

    return await runSsh({ server, commandLine, isInteractive: command === 'run' && isTerminal, cwd, env });
  } catch (error) {
    if (!isPikuError(error)) throw error;
    stderr.write(` !     ${error.message}\n`);

    return error.exitCode;
  }
}

// Options come before the command. Everything from the command on goes to the server untouched,
// so `piku run ls -la` passes "-la" on.
function parseClientArgs(argv: string[]): ParsedClientArgs {
  const program = new Command('piku')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .helpOption(false)
    .option('-r, --remote <name>')
    .option('-h, --help')
    .argument('[command]')
    .argument('[args...]')
    .passThroughOptions();

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    throw PIKU_ERR_CLI_USAGE.with({ cause: error }, 'piku', error.message.replace(/^error: /, '').replace(/\.$/, ''));
  }
  const opts = program.opts<{ remote?: string; help?: boolean }>();
  const [command, args = []] = program.processedArgs as [string | undefined, string[] | undefined];

  return { remote: opts.remote, isHelp: opts.help === true, command, args };
}

// Prints the client's help, then runs `help` on the server when a server is known.
async function showHelp(remote: string | undefined, cwd: string, env: NodeJS.ProcessEnv, stdout: NodeJS.WritableStream): Promise<number> {
  stdout.write(formatClientUsage());
  const target = resolveTarget({ remote, cwd, env });
  stdout.write(formatTarget(target));
  if (target.server === undefined) return 0;

  stdout.write('\n');

  return await runSsh({ server: target.server, commandLine: 'help', cwd, env });
}

function getServer(target: Target, cwd: string): ServerAddress {
  if (target.server === undefined) throw PIKU_ERR_CLIENT_SERVER_MISSING(cwd);

  return target.server;
}
