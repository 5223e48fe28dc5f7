// The edge of the CLI: picks the words to run (argv, or SSH_ORIGINAL_COMMAND under a forced
// command), finds the command, runs it, and turns every error into one printed line and an exit
// status. No other place catches errors to print them. Before a command loads, its permission is
// checked here, and a command that changes state is recorded in the audit trail with its exit status.
import { getCredential, LOCAL_CALLER, type Caller } from '../access/caller.js';
import { checkCommandAccess, type CommandAccess } from '../access/command-access.js';
import { PIKU_ERR_CLI_APP_MISSING, PIKU_ERR_CLI_UNKNOWN_COMMAND } from '../errors/codes.js';
import { isPikuError } from '../errors/piku-error.js';
import { getLayout } from '../home/layout.js';
import { createRootLogger } from '../log/logger.js';
import type { CommandContext } from './command.js';
import { FdOutput } from './fd-output.js';
import { formatCommandList } from './help-text.js';
import { findCommand } from './registry.js';
import { splitWords } from './split-words.js';

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const context = createContext(env);
  let access: CommandAccess | undefined;

  try {
    const words = getWords(argv, env);
    const [name = 'help', ...args] = words;
    const spec = findCommand(name);
    if (spec === undefined) return printUsageError(context, PIKU_ERR_CLI_UNKNOWN_COMMAND(name).message);
    if (spec.needsApp && (args[0] === undefined || args[0] === '')) {
      return printUsageError(context, PIKU_ERR_CLI_APP_MISSING(name).message);
    }

    access = checkCommandAccess({ layout: context.layout, env, command: spec, args, getLogger: context.getLogger });
    if (access !== undefined) setCaller(context, access.caller);
    const command = await spec.load();
    const status = await command.run(context, args);
    access?.finish(status);

    return status;
  } catch (error) {
    const status = handleError(context, error);
    access?.finish(status);

    return status;
  }
}

// A forced command runs us with no arguments and the client's words in SSH_ORIGINAL_COMMAND.
function getWords(argv: string[], env: NodeJS.ProcessEnv): string[] {
  if (argv.length === 0 && env.SSH_ORIGINAL_COMMAND !== undefined) return splitWords(env.SSH_ORIGINAL_COMMAND);

  return argv;
}

function createContext(env: NodeJS.ProcessEnv): CommandContext {
  const layout = getLayout(env);
  const identity = { fingerprint: env.FINGERPRINT || 'local', name: env.NAME || env.USER || 'local' };
  let logger: ReturnType<typeof createRootLogger> | undefined;
  const stdout = new FdOutput(1, () => process.stdout);

  return {
    layout,
    identity,
    caller: getCredential(env).kind === 'local' ? LOCAL_CALLER : { ...ANONYMOUS_CALLER, credential: identity.fingerprint },
    getLogger: () => (logger ??= createRootLogger(layout, { keyFingerprint: identity.fingerprint })),
    stdout,
    stderr: new FdOutput(2, () => process.stderr),
    getProgressStream: () => stdout.getStream(),
  };
}

const ANONYMOUS_CALLER: Caller = { name: 'anonymous', credential: '', userId: null, isAdmin: false, tokenApp: null, level: null };

// Deploys record the pusher under the user's name from the store, not the NAME the key line sets.
function setCaller(context: CommandContext, caller: Caller): void {
  context.caller = caller;
  if (caller.userId !== null) context.identity = { fingerprint: caller.credential, name: caller.name };
}

function printUsageError(context: CommandContext, message: string): number {
  context.stderr.write(` !     ${message}\n${formatCommandList()}`);

  return 2;
}

function handleError(context: CommandContext, error: unknown): number {
  if (isPikuError(error)) {
    context.stderr.write(` !     ${error.message}\n`);

    return error.exitCode;
  }

  const logger = context.getLogger();
  logger.error({ err: error }, 'command crashed');
  const reference = logger.bindings().sessionId as string;
  context.stderr.write(` !     Internal error (session ${reference}): the details are in the platform log.\n`);

  return 1;
}
