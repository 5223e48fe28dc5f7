// logs APP [KIND] [-n N] [--no-follow]: print the last N lines (default 20, as piku) of each
// worker log, each prefixed "kind.n | ", then follow them until the client disconnects.
import { InvalidArgumentError } from 'commander';
import { PIKU_ERR_APP_KIND_UNKNOWN } from '../../errors/codes.js';
import { watchClient } from '../../logs/client-gone.js';
import { listWorkerLogs } from '../../logs/log-files.js';
import { printWorkerLogs } from '../../logs/print-logs.js';
import { getProcessKinds, readLiveProcfile } from '../../procfile/live-procfile.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

const DEFAULT_LINES = 20;

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args, options } = parseArgs('logs', words, (command) =>
    command
      .argument('<app>')
      .argument('[kind]')
      .option('-n, --lines <count>', 'lines of each log to print first', parseLineCount, DEFAULT_LINES)
      .option('--no-follow', 'print the last lines and exit'),
  );
  const { app } = getExistingApp(context.layout, args[0]!);
  const kind = args[1];
  if (kind !== undefined) {
    const kinds = getProcessKinds(readLiveProcfile(context.layout, app));
    if (!kinds.includes(kind)) throw PIKU_ERR_APP_KIND_UNKNOWN(app, kind, kinds);
  }

  const listLogs = () => listWorkerLogs(context.layout, app, kind);
  if (listLogs().length === 0) context.stdout.write(`App "${app}" has no worker logs yet${options.follow ? ': waiting for them' : ''}.\n`);

  // A client that leaves ends the command quietly with status 0.
  const output = context.getProgressStream();
  const client = watchClient(output);
  try {
    await printWorkerLogs({ listLogs, lines: options.lines as number, follow: options.follow as boolean, output, signal: client.signal });
  } finally {
    client.dispose();
  }

  return 0;
}

function parseLineCount(value: string): number {
  // commander turns only an InvalidArgumentError into a usage error; any other error would crash.
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Use a whole number of 0 or more');

  return Number(value);
}
