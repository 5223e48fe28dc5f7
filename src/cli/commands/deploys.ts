// deploys APP [-n N]: list the app's deploys, newest first.
import { InvalidArgumentError } from 'commander';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { openDatabase } from '../../store/db.js';
import { listDeploys, type DeployRow } from '../../store/deploys.js';
import { formatTable } from '../table.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args, options } = parseArgs('deploys', words, (command) =>
    command.argument('<app>').option('-n, --limit <count>', 'how many deploys to list', parseCount, 20),
  );
  const { app } = getExistingApp(context.layout, args[0]!);
  const db = openDatabase(context.layout);
  const deploys = listDeploys(db, app, options.limit as number);
  db.close();

  if (deploys.length === 0) {
    context.stdout.write(`App "${app}" has no deploys yet.\n`);

    return 0;
  }
  context.stdout.write(formatTable(['ID', 'RELEASE', 'STATUS', 'COMMIT', 'REF', 'PUSHER', 'STARTED', 'DURATION'], deploys.map(formatRow)));

  return 0;
}

function formatRow(deploy: DeployRow): string[] {
  const duration = deploy.finishedAt === null ? '-' : `${((Date.parse(deploy.finishedAt) - Date.parse(deploy.startedAt)) / 1000).toFixed(1)} s`;
  const status = deploy.status === 'failed' && deploy.failedStep !== null ? `failed (${deploy.failedStep})` : deploy.status;

  return [String(deploy.id), String(deploy.releaseNumber), status, deploy.commitSha.slice(0, 12), deploy.ref.replace('refs/heads/', ''), deploy.pusherName, deploy.startedAt, duration];
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not a whole number of 1 or more`);

  return Number(value);
}
