// Step record: stores the release, frees the ports of workers that are gone, and removes old
// release directories, keeping the newest KEEP_RELEASES (default 5) and the live one.
// Reads: the release and the rendered workers. A failure here leaves the new release live and is
// reported; the next deploy prunes again.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { insertRelease } from '../../store/releases.js';
import { releasePortsExcept } from '../../store/ports.js';
import { requireField, type DeployContext, type Step } from '../types.js';

const DEFAULT_KEEP_RELEASES = 5;

export const recordStep: Step = {
  name: 'record',
  title: (context) => `Recording release ${context.releaseNumber}`,
  run: async (context: DeployContext) => {
    // An app without the file stores "", so a rollback to this release also removes later settings.
    const envFile = existsSync(context.paths.envFile) ? readFileSync(context.paths.envFile, 'utf8') : '';
    insertRelease(context.db, { app: context.app, number: context.releaseNumber, deployId: context.deployId!, commitSha: context.commit }, envFile);
    releasePortsExcept(
      context.db,
      context.app,
      requireField(context, 'workers').map((worker) => ({ kind: worker.entry.kind, index: worker.index })),
    );

    const pruned = pruneReleases(context);
    if (pruned.length > 0) context.output.detail(`Removed old releases ${pruned.join(', ')}`);
  },
};

function pruneReleases(context: DeployContext): number[] {
  // At least two: the previous release may still be draining in the old slot.
  const keep = Math.max(2, Number.parseInt(context.env?.KEEP_RELEASES ?? '', 10) || DEFAULT_KEEP_RELEASES);
  const numbers = readdirSync(context.paths.releases)
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a);
  const pruned = numbers.slice(keep).filter((number) => number !== context.releaseNumber);
  for (const number of pruned) rmSync(path.join(context.paths.releases, String(number)), { recursive: true, force: true });

  return pruned;
}
