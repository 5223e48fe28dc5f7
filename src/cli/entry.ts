// The edge of the CLI: picks the words to run (argv, or SSH_ORIGINAL_COMMAND under a forced
// command), finds the command, runs it, and turns every error into one printed line and an exit
// status. No other place catches errors to print them.
import { PIKU_ERR_CLI_APP_MISSING, PIKU_ERR_CLI_UNKNOWN_COMMAND } from '../errors/codes.js';
import { isPikuError } from '../errors/piku-error.js';
import { getLayout } from '../home/layout.js';
import { createRootLogger } from '../log/logger.js';
import type { CommandContext } from './command.js';
import { formatCommandList } from './help-text.js';
import { findCommand } from './registry.js';
import { splitWords } from './split-words.js';

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const context = createContext(env);

  try {
    const words = getWords(argv, env);
    const [name = 'help', ...args] = words;
    const spec = findCommand(name);
    if (spec === undefined) return printUsageError(context, PIKU_ERR_CLI_UNKNOWN_COMMAND(name).message);
    if (spec.needsApp && (args[0] === undefined || args[0] === '')) {
      return printUsageError(context, PIKU_ERR_CLI_APP_MISSING(name).message);
    }

    const command = await spec.load();

    return await command.run(context, args);
  } catch (error) {
    return handleError(context, error);
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

  return {
    layout,
    identity,
    getLogger: () => (logger ??= createRootLogger(layout, { keyFingerprint: identity.fingerprint })),
    stdout: process.stdout,
    stderr: process.stderr,
  };
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
