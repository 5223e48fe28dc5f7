// setup: create the $PIKU_ROOT layout and the emperor's uwsgi/uwsgi.ini. Safe to run again: it
// creates what is missing, rewrites the emperor's config and points the SSH keys of this root at
// the installed CLI.
import { mkdirSync } from 'node:fs';
import { writeAtomically } from '../../home/atomic-write.js';
import { CLI_SCRIPT } from '../../home/install-paths.js';
import { renderEmperorIni } from '../../render/emperor.js';
import { getAuthorizedKeysFile, updateForcedCommands } from '../../ssh/authorized-keys.js';
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
  // SSH keys added by an older version may run another CLI script, e.g. dist/cli.js.
  const updatedKeys = updateForcedCommands(getAuthorizedKeysFile(layout), { root: layout.root, node: process.execPath, script: CLI_SCRIPT });
  context.stdout.write(`-----> Platform ready in ${layout.root}\n       Emperor config: ${layout.emperorIni}\n`);
  if (updatedKeys > 0) context.stdout.write(`       Updated the forced command of ${updatedKeys} SSH key(s) to ${CLI_SCRIPT}\n`);

  return 0;
}
