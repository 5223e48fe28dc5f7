// `certs:renew`: renews the certificates of every app with a live vhost, or of one app, for a cron
// job or systemd timer. Each app's names come from its LIVE_ENV, the environment of its last start,
// so a renewal covers exactly the names its live vhost serves.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parseLiveEnv } from '../config/live-env.js';
import { PIKU_ERR_CERTS_RENEW_FAILED } from '../errors/codes.js';
import { isPikuError } from '../errors/piku-error.js';
import { isValidAppName } from '../home/app-name.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import type { Settings } from '../home/settings.js';
import { DETAIL_PREFIX, FAILURE_PREFIX, STEP_PREFIX } from '../pipeline/deploy-output.js';
import { acquireAppLock, releaseAppLock } from '../pipeline/lock.js';
import { getHostNames } from '../render/nginx-values.js';
import type { Db } from '../store/db.js';
import { renewCertificate } from './certificate-renewal.js';

export interface RenewCertificatesOptions {
  layout: Layout;
  settings: Settings;
  db: Db;
  /** One validated app name, or null for every app. */
  app: string | null;
  holder: string;
  stream: NodeJS.WritableStream;
  now?: Date;
}

// Renews what is due and reports one line per app; throws PIKU_ERR_CERTS_RENEW_FAILED after the last app when any failed.
export async function renewAppCertificates(options: RenewCertificatesOptions): Promise<void> {
  const { layout, stream } = options;
  const apps = options.app === null ? listApps(layout) : [options.app];
  stream.write(`${STEP_PREFIX}Renewing certificates due within 30 days\n`);

  const failed: string[] = [];
  for (const app of apps) {
    const isRenewed = await renewAppCertificate(options, app);
    if (!isRenewed) failed.push(app);
  }

  if (failed.length > 0) throw PIKU_ERR_CERTS_RENEW_FAILED(failed.join(', '));
}

function listApps(layout: Layout): string[] {
  return existsSync(layout.repos) ? readdirSync(layout.repos).filter(isValidAppName).sort() : [];
}

// Returns false when the app ends without a certificate from the ACME server it asked.
async function renewAppCertificate(options: RenewCertificatesOptions, app: string): Promise<boolean> {
  const { layout, db, stream } = options;
  const names = getLiveNames(layout, app);
  if (names === null) {
    stream.write(`${DETAIL_PREFIX}${app}: no live vhost, nothing to renew\n`);

    return true;
  }

  const notify = (message: string) => stream.write(`${DETAIL_PREFIX}${app}: ${message}\n`);
  await acquireAppLock({ db, app, holder: options.holder, purpose: 'certificate renewal', notify });
  try {
    const result = await renewCertificate({ ...options, app, names, notify });
    if (result.error !== null) stream.write(`${FAILURE_PREFIX}${app}: ${result.error.message}\n`);
    notify(result.message);

    return result.error === null;
  } catch (error) {
    if (!isPikuError(error)) throw error;
    stream.write(`${FAILURE_PREFIX}${app}: ${error.message}\n`);

    return false;
  } finally {
    releaseAppLock(db, app);
  }
}

// The names of the live vhost, or null when the app has none: no vhost file or no NGINX_SERVER_NAME.
function getLiveNames(layout: Layout, app: string): string[] | null {
  const paths = getAppPaths(layout, app);
  if (!existsSync(paths.nginxConf) || !existsSync(paths.liveEnvFile)) return null;

  const serverName = parseLiveEnv(readFileSync(paths.liveEnvFile, 'utf8'), paths.liveEnvFile).NGINX_SERVER_NAME ?? '';

  return serverName.trim() === '' ? null : getHostNames('NGINX_SERVER_NAME', serverName);
}
