// Renders the nginx vhost of every deployed app again, from the templates of this installation and
// the current settings, then tests nginx once and reloads it once. Admins run it after an upgrade,
// or after a change of PIKU_HTTP_PORT or another listen setting in piku.conf. Each vhost keeps sending requests to
// its app's serving slot, and no worker restarts. An app whose deploy or config change is running,
// or whose config cannot be rendered, is skipped and named.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { PIKU_ERR_RENDER_SLOT_UNKNOWN } from '../errors/codes.js';
import { isValidAppName } from '../home/app-name.js';
import { getAppPaths } from '../home/layout.js';
import { applyVhosts } from '../nginx/vhost-files.js';
import { pointSocketLinks, requireWebRouters, type LinkedWorker } from '../nginx/socket-links.js';
import { getCurrentSlot, getOtherSlot } from '../store/slots.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { createLiveContext } from './reconfigure.js';
import { configureStep } from './steps/configure.js';
import { prepareCertificateStep } from './steps/prepare-certificate.js';
import { getLinkedWorkers, renderVhostForSlot } from './steps/render.js';
import type { OperationBase } from './types.js';

export interface RenderVhostsResult {
  updated: string[];
  unchanged: string[];
  skipped: Array<{ app: string; reason: string }>;
}

const LABEL = 'nginx render';

export async function renderAllVhosts(base: OperationBase): Promise<RenderVhostsResult> {
  const result: RenderVhostsResult = { updated: [], unchanged: [], skipped: [] };
  const files: Array<{ file: string; text: string | null }> = [];
  const links: Array<{ app: string; workers: LinkedWorker[] }> = [];
  const locked: string[] = [];

  try {
    for (const app of listDeployedApps(base)) {
      try {
        await acquireAppLock({ db: base.db, app, holder: base.identity.name, purpose: LABEL, notify: () => {}, timeoutMs: 0 });
        locked.push(app);
        const rendered = await renderVhost(base, app);
        links.push({ app, workers: rendered.linkedWorkers });
        const file = getAppPaths(base.layout, app).nginxConf;
        if (rendered.vhost === readText(file)) {
          result.unchanged.push(app);
        } else {
          files.push({ file, text: rendered.vhost });
          result.updated.push(app);
        }
      } catch (error) {
        result.skipped.push({ app, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    await installAll(base, files, links);
  } finally {
    for (const app of locked) releaseAppLock(base.db, app);
  }

  return result;
}

// Points every socket link at its serving slot (an install from before the links has none yet), then
// installs the changed vhosts with one test and one reload. A rejected test puts the links back too.
async function installAll(base: OperationBase, files: Array<{ file: string; text: string | null }>, links: Array<{ app: string; workers: LinkedWorker[] }>): Promise<void> {
  const restores = links.map(({ app, workers }) => pointSocketLinks(base.layout, app, workers));
  try {
    if (files.length > 0) await applyVhosts({ ...base, app: 'every app', files, notify: () => {}, holder: base.identity.name });
  } catch (error) {
    for (const restore of restores.reverse()) restore();
    throw error;
  }
}

// Apps with a live release, sorted by name.
function listDeployedApps(base: OperationBase): string[] {
  if (!existsSync(base.layout.repos)) return [];

  return readdirSync(base.layout.repos)
    .filter((app) => isValidAppName(app) && existsSync(getAppPaths(base.layout, app).live))
    .sort();
}

// The app's vhost for its serving slot (null when it has no NGINX_SERVER_NAME) and the HTTP workers
// nginx reaches through links. A missing certificate is made as a deploy would, since nginx -t
// loads the certificate of every HTTPS vhost.
async function renderVhost(base: OperationBase, app: string): Promise<{ vhost: string | null; linkedWorkers: LinkedWorker[] }> {
  const context = createLiveContext({ ...base, app, label: LABEL, stream: DISCARD, startsApp: false });
  await configureStep.run(context);
  const serving = getCurrentSlot(base.db, app);
  const { vhost, workers } = renderVhostForSlot(context, serving ?? getOtherSlot(undefined));
  const linkedWorkers = getLinkedWorkers(workers);
  if (serving === undefined && linkedWorkers.length > 0) throw PIKU_ERR_RENDER_SLOT_UNKNOWN(app);
  requireWebRouters(base.layout, app, linkedWorkers);
  context.vhost = vhost;
  await prepareCertificateStep.run(context);

  return { vhost, linkedWorkers };
}

const DISCARD = new Writable({ write: (_chunk, _encoding, done) => done() });

function readText(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
