// setup: create the $PIKU_ROOT layout and the emperor's uwsgi/uwsgi.ini. Safe to run again: it
// creates what is missing and rewrites the emperor's config.
import { mkdirSync } from 'node:fs';
import { writeAtomically } from '../../home/atomic-write.js';
import { renderEmperorIni } from '../../render/emperor.js';
import { openDatabase } from '../../store/db.js';
import type { CommandContext } from '../command.js';

export async function run(context: CommandContext): Promise<number> {
  const { layout } = context;
  const directories = [
    layout.repos,
    layout.apps,
    layout.releases,
    layout.envs,
    layout.data,
    layout.cache,
    layout.logs,
    layout.platformLogs,
    layout.nginx,
    layout.uwsgi,
    layout.uwsgiAvailable,
    layout.uwsgiEnabled,
    layout.acme,
  ];
  for (const directory of directories) mkdirSync(directory, { recursive: true });

  writeAtomically(layout.emperorIni, renderEmperorIni({ layout }));
  openDatabase(layout).close();
  context.stdout.write(`-----> Platform ready in ${layout.root}\n       Emperor config: ${layout.emperorIni}\n`);

  return 0;
}
