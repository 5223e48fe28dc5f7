// deploy:cancel APP: stop the app's running deploy or rollback. The deploy process gets SIGTERM,
// stops its current command, removes what it built and records the deploy as interrupted.
import { PIKU_ERR_DEPLOY_NOT_RUNNING } from '../../errors/codes.js';
import { openDatabase } from '../../store/db.js';
import { getLock, isProcessAlive } from '../../store/locks.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('deploy:cancel', words, (command) => command.argument('<app>'));
  const { app } = getExistingApp(context.layout, args[0] as string);
  const db = openDatabase(context.layout);
  const lock = getLock(db, app);
  db.close();

  if (lock === undefined || !['deploy', 'rollback'].includes(lock.purpose) || !isProcessAlive(lock.pid)) throw PIKU_ERR_DEPLOY_NOT_RUNNING(app);

  process.kill(lock.pid, 'SIGTERM');
  context.stdout.write(`-----> Sent a stop to ${lock.purpose}${lock.deployId === null ? '' : ` ${lock.deployId}`} of ${app} (PID ${lock.pid})\n`);

  return 0;
}
