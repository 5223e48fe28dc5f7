// apps: list the apps with their state and their latest deploy.
import { existsSync, readdirSync } from 'node:fs';
import { isValidAppName } from '../../home/app-name.js';
import { openDatabase } from '../../store/db.js';
import { getDeploy } from '../../store/deploys.js';
import { describeAppState } from '../../uwsgi/app-state.js';
import { listRunningWorkers } from '../../uwsgi/emperor-state.js';
import type { CommandContext } from '../command.js';
import { formatTable } from '../table.js';

export async function run(context: CommandContext): Promise<number> {
  const { layout } = context;
  const apps = existsSync(layout.repos) ? readdirSync(layout.repos).filter(isValidAppName).sort() : [];
  if (apps.length === 0) {
    context.stdout.write('No apps yet: push one with git push.\n');

    return 0;
  }

  const db = openDatabase(layout);
  const running = listRunningWorkers(layout);
  const rows = apps.map((app) => {
    const deploy = getDeploy(db, app);
    const state = describeAppState(layout, app, running.filter((worker) => worker.app === app));

    return [app, state, deploy === undefined ? '-' : `${deploy.status} ${deploy.commitSha.slice(0, 12)} ${deploy.startedAt}`];
  });
  db.close();
  context.stdout.write(formatTable(['APP', 'STATE', 'LATEST DEPLOY'], rows));

  return 0;
}
