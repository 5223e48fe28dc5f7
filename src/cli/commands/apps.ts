// apps: list the apps the caller may read, with their state and their latest deploy.
import { existsSync, readdirSync } from 'node:fs';
import { listReadableApps } from '../../access/caller.js';
import { isValidAppName } from '../../home/app-name.js';
import { openDatabase } from '../../store/db.js';
import { getLatestDeploys } from '../../store/deploys.js';
import { describeAppStates } from '../../uwsgi/app-state.js';
import { countRunningWorkers } from '../../uwsgi/emperor-state.js';
import type { CommandContext } from '../command.js';
import { formatTable } from '../table.js';

export async function run(context: CommandContext): Promise<number> {
  const { layout } = context;
  const allApps = existsSync(layout.repos) ? readdirSync(layout.repos).filter(isValidAppName).sort() : [];
  if (allApps.length === 0) {
    context.stdout.write('No apps yet: push one with git push.\n');

    return 0;
  }

  const db = openDatabase(layout);
  const apps = listReadableApps(db, context.caller, allApps).map(({ app }) => app);
  const deploys = getLatestDeploys(db);
  db.close();
  if (apps.length === 0) {
    context.stdout.write(`No apps that user "${context.caller.name}" may read: ask an admin for access with "access:grant APP ${context.caller.name} read", or push a new app.\n`);

    return 0;
  }

  const states = describeAppStates(layout, apps, await countRunningWorkers(layout));
  const rows = apps.map((app) => {
    const deploy = deploys.get(app);

    return [app, states.get(app)!, deploy === undefined ? '-' : `${deploy.status} ${deploy.commitSha.slice(0, 12)} ${deploy.startedAt}`];
  });
  context.stdout.write(formatTable(['APP', 'STATE', 'LATEST DEPLOY'], rows));

  return 0;
}
