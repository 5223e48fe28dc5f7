// Step activate: makes the new release live. It points apps/<app> at the release (a new symlink
// renamed over the old one, so no reader sees a missing link) and writes LIVE_ENV. It switches nginx
// to the new HTTP workers by pointing their socket links at the new slot, and reloads nginx only
// when the vhost text changed. It restarts the other workers (worker, cron) on the new code and
// leaves the old HTTP workers to a detached retirement after the drain period, so requests in
// flight finish.
// Reads: everything the earlier steps prepared. Fails when nginx rejects the vhost or cannot
// reload; the new workers then run beside the old ones and the old vhost stays.
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { serializeEnv } from '../../config/live-env.js';
import { writeAtomically } from '../../home/atomic-write.js';
import { applyVhost } from '../../nginx/vhost-files.js';
import { pointSocketLinks, removeUnusedSocketLinks, replaceLink } from '../../nginx/socket-links.js';
import { setCurrentSlot } from '../../store/slots.js';
import { listAppVassals, removeVassalsExcept, writeVassals } from '../../uwsgi/vassal-files.js';
import { hasCutover, isAppEnabled, shouldKeepWorkers } from '../app-running.js';
import { scheduleRetirement } from '../retire.js';
import { requireField, type DeployContext, type Step } from '../types.js';
import { getVhostChange } from './check-nginx.js';
import { getLinkedWorkers } from './render.js';

export const activateStep: Step = {
  name: 'activate',
  title: (context) => `Activating release ${context.releaseNumber}`,
  run: activate,
};

async function activate(context: DeployContext): Promise<void> {
  const { paths, layout, app } = context;
  const isCutover = hasCutover(context);
  const enable = isAppEnabled(context);
  const previousHttp = isCutover ? listAppVassals(layout, app).filter((name) => name.endsWith(`.${context.previousSlot}.ini`)) : [];

  // nginx first: when it rejects the vhost, the new workers are removed and nothing else moved.
  await switchNginx(context);
  removeUnusedSocketLinks(layout, app, getLinkedWorkers(context.workers ?? []));
  context.startedVassals = undefined;
  switchLiveLink(context);
  writeAtomically(paths.liveEnvFile, serializeEnv({ ...requireField(context, 'env'), PWD: paths.live }));
  if (context.startsApp) rmSync(paths.stoppedMarker, { force: true });
  if (context.slot !== undefined && (context.httpVassals?.length ?? 0) > 0) setCurrentSlot(context.db, app, context.slot);

  // A deploy runs new code and a restart is requested, so both restart every other worker. A
  // config or scale change restarts only those whose vassal text changed.
  const restartUnchanged = context.deployId !== undefined || context.startsApp;
  const vassals = requireField(context, 'vassals');
  if (shouldKeepWorkers(context)) {
    context.output.detail(`PIKU_AUTO_RESTART is false: the workers keep running until "restart ${app}"`);

    return;
  }
  const http = new Set(requireField(context, 'httpVassals').map((file) => file.name));
  const toWrite = isCutover ? vassals.filter((file) => !http.has(file.name)) : vassals;
  writeVassals(layout, toWrite, { enable, restartUnchanged: restartUnchanged && enable });
  const count = `${vassals.length} worker${vassals.length === 1 ? '' : 's'}`;
  context.output.detail(enable ? `Running ${count}` : `The app is stopped: ${count} stay off until "restart ${app}"`);

  const removed = removeVassalsExcept(layout, app, new Set([...vassals.map((file) => file.name), ...previousHttp]));
  if (removed.length > 0) context.output.detail(`Stopped workers that are gone: ${removed.join(', ')}`);
  if (previousHttp.length > 0) {
    const drain = scheduleRetirement(context, context.previousSlot!);
    context.output.detail(`The old workers of slot ${context.previousSlot} finish their requests and stop in ${drain} s`);
  }
}

// Points the socket links at the new slot, then installs the vhost. A vhost whose text is the one
// nginx runs already needs no test and no reload: the links alone move the traffic.
async function switchNginx(context: DeployContext): Promise<void> {
  const vhost = context.vhost ?? null;
  const restoreLinks = pointSocketLinks(context.layout, context.app, getLinkedWorkers(context.workers ?? []));
  try {
    if (vhost === null && !existsSync(context.paths.nginxConf)) return;
    if (vhost !== null && readText(context.paths.nginxConf) === vhost) {
      context.output.detail(`nginx now sends requests to slot ${context.slot}, without a reload`);

      return;
    }
    await applyVhost({ ...getVhostChange(context), text: vhost }, context.checkedVhost);
  } catch (error) {
    restoreLinks();
    throw error;
  }
  context.output.detail(vhost === null ? 'Removed the nginx vhost and reloaded nginx' : `nginx now sends requests to slot ${context.slot}`);
}

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

// A piku-era apps/<app> is a real directory; it is kept as releases/<app>/piku-checkout.
function switchLiveLink(context: DeployContext): void {
  const { live, releases } = context.paths;
  mkdirSync(path.dirname(live), { recursive: true });
  if (existsSync(live) && !lstatSync(live).isSymbolicLink()) {
    renameSync(live, path.join(releases, 'piku-checkout'));
    context.output.detail(`Moved the piku checkout apps/${context.app} to releases/${context.app}/piku-checkout`);
  }

  replaceLink(live, path.relative(path.dirname(live), context.releaseDir));
}
