// Renders the nginx vhost of every deployed app again, from the templates of this installation and
// the current settings, then tests nginx once and reloads it once: after an upgrade or a change of
// PIKU_HTTP_PORT and the other listen settings in piku.conf. Each vhost keeps sending requests to
// its app's serving slot, and no worker restarts. An app whose deploy or config change is running
// is skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { isPikuError } from '../errors/piku-error.js';
import { isValidAppName } from '../home/app-name.js';
import { getAppPaths } from '../home/layout.js';
import { applyVhosts } from '../nginx/vhost-files.js';
import { getCurrentSlot, getOtherSlot } from '../store/slots.js';
import type { OperationBase } from '../cli/app-operation.js';
import { acquireAppLock, releaseAppLock } from './lock.js';
import { createLiveContext } from './reconfigure.js';
import { configureStep } from './steps/configure.js';
import { renderVhostForSlot } from './steps/render.js';

export interface RenderVhostsResult {
  updated: string[];
  unchanged: string[];
  skipped: Array<{ app: string; reason: string }>;
}

const LABEL = 'nginx render';

export async function renderAllVhosts(base: OperationBase): Promise<RenderVhostsResult> {
  const result: RenderVhostsResult = { updated: [], unchanged: [], skipped: [] };
  const files: Array<{ file: string; text: string | null }> = [];
  const locked: string[] = [];

  try {
    for (const app of listDeployedApps(base)) {
      try {
        await acquireAppLock({ db: base.db, app, holder: base.identity.name, purpose: LABEL, notify: () => {}, timeoutMs: 0 });
        locked.push(app);
        const text = await renderVhost(base, app);
        const file = getAppPaths(base.layout, app).nginxConf;
        if (text === readText(file)) {
          result.unchanged.push(app);
        } else {
          files.push({ file, text });
          result.updated.push(app);
        }
      } catch (error) {
        if (!isPikuError(error)) throw error;
        result.skipped.push({ app, reason: error.message });
      }
    }
    if (files.length > 0) await applyVhosts({ ...base, app: 'every app', files, notify: () => {}, holder: base.identity.name });
  } finally {
    for (const app of locked) releaseAppLock(base.db, app);
  }

  return result;
}

// Apps with a live release, sorted by name.
function listDeployedApps(base: OperationBase): string[] {
  if (!existsSync(base.layout.repos)) return [];

  return readdirSync(base.layout.repos)
    .filter((app) => isValidAppName(app) && existsSync(getAppPaths(base.layout, app).live))
    .sort();
}

// The app's vhost for its serving slot, or null when it has no NGINX_SERVER_NAME.
async function renderVhost(base: OperationBase, app: string): Promise<string | null> {
  const context = createLiveContext({ ...base, app, label: LABEL, stream: DISCARD, startsApp: false });
  await configureStep.run(context);

  return renderVhostForSlot(context, getCurrentSlot(base.db, app) ?? getOtherSlot(undefined));
}

const DISCARD = new Writable({ write: (_chunk, _encoding, done) => done() });

function readText(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
