// releases APP: list the kept releases, newest first, marking the live one.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../store/db.js';
import { listReleases } from '../../store/releases.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { formatTable } from '../table.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('releases', words, (command) => command.argument('<app>'));
  const { app, paths } = getExistingApp(context.layout, args[0] as string);
  const live = existsSync(paths.live) ? path.basename(realpathSync(paths.live)) : undefined;
  const db = openDatabase(context.layout);
  const releases = listReleases(db, app).filter((release) => existsSync(path.join(paths.releases, String(release.number))));
  db.close();

  if (releases.length === 0) {
    context.stdout.write(`App "${app}" has no releases yet.\n`);

    return 0;
  }
  const rows = releases.map((release) => [
    String(release.number),
    String(release.number) === live ? 'live' : '',
    release.commitSha.slice(0, 12),
    String(release.deployId),
    release.createdAt,
  ]);
  context.stdout.write(formatTable(['RELEASE', 'STATE', 'COMMIT', 'DEPLOY', 'CREATED'], rows));

  return 0;
}
