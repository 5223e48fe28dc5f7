// Step activate: makes the new release live. It points apps/<app> at the release (a new symlink
// renamed over the old one, so no reader sees a missing link), writes LIVE_ENV, installs the
// vassals (the emperor starts or reloads each worker) and the vhost, then reloads nginx.
// Reads: everything the earlier steps prepared. Fails when nginx rejects the vhost or cannot
// reload; the workers already run the new code then, and the deploy is recorded as failed.
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { serializeEnv } from '../../config/live-env.js';
import { applyVhost, writeAtomically } from '../../nginx/vhost-files.js';
import { installVassals } from '../../uwsgi/vassal-files.js';
import { requireField, type DeployContext, type Step } from '../types.js';
import { getVhostChange } from './check-nginx.js';

export const activateStep: Step = {
  name: 'activate',
  title: (context) => `Activating release ${context.releaseNumber}`,
  run: activate,
};

async function activate(context: DeployContext): Promise<void> {
  const { paths } = context;
  for (const directory of [paths.env, paths.data, paths.cache, paths.logs]) mkdirSync(directory, { recursive: true });

  switchLiveLink(context);
  writeAtomically(paths.liveEnvFile, serializeEnv({ ...requireField(context, 'env'), PWD: paths.live }));

  const vassals = requireField(context, 'vassals');
  if (context.startsApp) rmSync(paths.stoppedMarker, { force: true });
  const enable = !existsSync(paths.stoppedMarker);
  // A deploy runs new code and a restart is requested, so both restart every worker. A config or
  // scale change restarts only the workers whose vassal text changed.
  const restartUnchanged = context.deployId !== undefined || context.startsApp;
  const removed = installVassals(context.layout, context.app, vassals, { enable, restartUnchanged });
  const count = `${vassals.length} worker${vassals.length === 1 ? '' : 's'}`;
  context.output.detail(enable ? `Started ${count}` : `The app is stopped: ${count} stay off until "restart ${context.app}"`);
  if (removed.length > 0) context.output.detail(`Stopped workers that are gone: ${removed.join(', ')}`);

  const vhost = context.vhost ?? null;
  if (vhost !== null || existsSync(paths.nginxConf)) {
    await applyVhost({ ...getVhostChange(context), text: vhost });
    context.output.detail(vhost === null ? 'Removed the nginx vhost and reloaded nginx' : 'Reloaded nginx');
  }
}

// A piku-era apps/<app> is a real directory; it is kept as releases/<app>/piku-checkout.
function switchLiveLink(context: DeployContext): void {
  const { live, releases } = context.paths;
  mkdirSync(path.dirname(live), { recursive: true });
  if (existsSync(live) && !lstatSync(live).isSymbolicLink()) {
    renameSync(live, path.join(releases, 'piku-checkout'));
    context.output.detail(`Moved the piku checkout apps/${context.app} to releases/${context.app}/piku-checkout`);
  }

  const temporary = `${live}.${process.pid}.link`;
  rmSync(temporary, { force: true });
  symlinkSync(path.relative(path.dirname(live), context.releaseDir), temporary);
  renameSync(temporary, live);
}
