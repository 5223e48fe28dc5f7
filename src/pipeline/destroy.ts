// destroy: removes an app (its repo, releases, live link, envs with the dependency environment,
// logs, vassals, vhost, certificate, sockets, port rows and grants) and keeps data/<app> and cache/<app>.
// Every path is the app's exact name: destroying "blog" leaves "blog2" and "blog_x" alone. There is
// no confirmation prompt, as in piku, because scripts run it over SSH without a terminal.
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Identity } from '../cli/command.js';
import { PIKU_ERR_APP_STOP_TIMED_OUT } from '../errors/codes.js';
import { getAppPaths, isWorkerSocketName, type Layout } from '../home/layout.js';
import type { Settings } from '../home/settings.js';
import { applyVhost } from '../nginx/vhost-files.js';
import type { Db } from '../store/db.js';
import { deleteAppGrants, listAppGrants } from '../store/grants.js';
import { releasePortsExcept } from '../store/ports.js';
import { deleteSlot } from '../store/slots.js';
import { formatWorkers, waitForWorkersGone } from '../uwsgi/emperor-state.js';
import { removeVassals } from '../uwsgi/vassal-files.js';
import { DETAIL_PREFIX, STEP_PREFIX } from './deploy-output.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { stopPendingRetirement } from './retire.js';
import { STOP_TIMEOUT_MS } from './stop.js';

export interface DestroyRequest {
  app: string;
  layout: Layout;
  settings: Settings;
  db: Db;
  identity: Identity;
  stream: NodeJS.WritableStream;
  timeoutMs?: number;
}

export async function destroyApp(request: DestroyRequest): Promise<void> {
  const { app, layout, db, stream } = request;
  const paths = getAppPaths(layout, app);
  const detail = (message: string) => stream.write(`${DETAIL_PREFIX}${message}\n`);

  await acquireAppLock({ db, app, holder: request.identity.name, purpose: 'destroy', notify: detail });
  try {
    stream.write(`${STEP_PREFIX}Destroying ${app}\n`);
    stopPendingRetirement(db, app);
    await stopWorkers(request, detail);
    if (existsSync(paths.nginxConf)) {
      await applyVhost({ db, settings: request.settings, app, file: paths.nginxConf, text: null, notify: detail, holder: 'destroy' });
      detail(`Removed nginx/${app}.conf and reloaded nginx`);
    }

    const nginxFiles = listAppNginxFiles(layout.nginx, app);
    // An app pushed later under the same name is another app, so the users of this one lose access.
    const grantees = listAppGrants(db, app).map((grant) => grant.userName);
    releasePortsExcept(db, app, []);
    deleteSlot(db, app);
    deleteAppGrants(db, app);
    // The repo goes last: while it exists the app still counts as existing, so a destroy that
    // fails part way can be run again.
    const trees = [paths.live, paths.releases, paths.env, paths.logs, paths.repo].filter(isPresent);
    for (const file of [...nginxFiles, ...trees]) rmSync(file, { recursive: true, force: true });
    const removed = [...trees, ...nginxFiles].map((file) => path.relative(layout.root, file));
    if (removed.length > 0) detail(`Removed ${removed.join(', ')}`);
    if (grantees.length > 0) detail(`Removed the grants of ${grantees.join(', ')} on ${app}`);

    const kept = [paths.data, paths.cache].filter((tree) => existsSync(tree)).map((tree) => path.relative(layout.root, tree));
    detail(kept.length > 0 ? `Kept ${kept.join(' and ')}: remove by hand what is no longer needed` : 'No data/ or cache/ to keep');
  } finally {
    releaseAppLock(db, app);
  }
}

// Removes the vassals and waits for the workers, so no process still writes into files removed next.
async function stopWorkers({ app, layout, timeoutMs = STOP_TIMEOUT_MS }: DestroyRequest, detail: (message: string) => void): Promise<void> {
  const vassals = removeVassals(layout, app);
  if (vassals.length > 0) detail(`Removed vassals ${vassals.join(', ')}`);

  const left = await waitForWorkersGone(layout, app, timeoutMs);
  if (left.length > 0) throw PIKU_ERR_APP_STOP_TIMED_OUT(app, Math.round(timeoutMs / 1000), formatWorkers(left));
}

// The app's certificate, key, sockets and socket links in nginx/: "blog.crt", "blog.key",
// "blog.sock" (piku), "blog.wsgi.1.green.sock" and "blog.web.1.sock", but not "blog2.crt" or
// "blog.io.crt".
function listAppNginxFiles(directory: string, app: string): string[] {
  if (!existsSync(directory)) return [];

  const exact = new Set([`${app}.crt`, `${app}.key`, `${app}.sock`]);

  return readdirSync(directory)
    .filter((name) => exact.has(name) || isWorkerSocketName(app, name))
    .sort()
    .map((name) => path.join(directory, name));
}

// True for a dangling symlink too, e.g. apps/<app> whose release is already gone.
function isPresent(file: string): boolean {
  try {
    lstatSync(file);

    return true;
  } catch {
    return false;
  }
}
