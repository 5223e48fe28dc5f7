// Decides whether an app needs a new certificate and installs it: from the ACME server when one is
// set, else (or when the order fails and nothing valid is installed) a self-signed one. Used by the
// deploy after the vhost is live and by `certs:renew`.
import { PIKU_ERR_CERTS_ACME_FAILED, PIKU_ERR_CERTS_REJECTED } from '../errors/codes.js';
import { isPikuError, type PikuError } from '../errors/piku-error.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import type { Settings } from '../home/settings.js';
import type { Db } from '../store/db.js';
import {
  createSelfSignedCertificate,
  hasSameNames,
  readCertificate,
  writeCertificate,
  type CertificateFiles,
  type CertificatePair,
} from './certificate-files.js';
import { reloadNginx, testNginx } from './nginx-control.js';
import { getErrorLine, withNginxLock } from './vhost-files.js';

export interface CertificateRequest {
  app: string;
  layout: Layout;
  settings: Settings;
  db: Db;
  /** The app's validated host names, in NGINX_SERVER_NAME order. */
  names: string[];
  /** Lock holder, e.g. "deploy 12" or the SSH key's name. */
  holder: string;
  notify: (message: string) => void;
  now?: Date;
}

export interface CertificateResult {
  /** kept: the installed pair stays; issued: a new ACME certificate; self-signed: a new self-signed pair. */
  action: 'kept' | 'issued' | 'self-signed';
  message: string;
  /** The failed ACME order, when there was one. `message` then names the pair the app serves. */
  error: PikuError | null;
}

// Certificates are renewed when fewer days than this remain, as Let's Encrypt recommends for its 90-day certificates.
export const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

// Makes a self-signed pair when the app has none, so nginx -t can load the vhost; returns true when it did.
export async function ensureCertificate(app: string, layout: Layout, names: string[]): Promise<boolean> {
  const files = getCertificateFiles(layout, app);
  if (readCertificate(files) !== null) return false;

  writeCertificate(files, await createSelfSignedCertificate(app, names));

  return true;
}

// Renews the app's certificate when it is missing, self-signed, for other names or due; the vhost must be live.
export async function renewCertificate(request: CertificateRequest): Promise<CertificateResult> {
  const { app, layout, settings, names, now = new Date() } = request;
  const current = readCertificate(getCertificateFiles(layout, app));
  const isCovering = current !== null && hasSameNames(current, names) && current.notAfter > now;
  const isDue = !isCovering || current.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS;
  const validUntil = current?.notAfter.toISOString().slice(0, 10) ?? '';
  const blocker = getAcmeBlocker(settings, names);

  if (!isDue && (blocker !== null || !current.isSelfSigned)) {
    return { action: 'kept', message: `Certificate for ${names.join(', ')} is valid until ${validUntil}`, error: null };
  }
  if (blocker !== null) return installSelfSigned(request, blocker, null);

  try {
    // acme-client takes about 140 ms to load, so only an ACME order loads it.
    const { requestAcmeCertificate } = await import('./acme-order.js');
    await installCertificate(request, await requestAcmeCertificate({ layout, settings, names }));
  } catch (error) {
    if (!isPikuError(error) || error.code !== PIKU_ERR_CERTS_ACME_FAILED.code) throw error;
    if (isCovering) return { action: 'kept', message: `Kept the certificate valid until ${validUntil}`, error };

    return installSelfSigned(request, 'the ACME order failed', error);
  }

  return { action: 'issued', message: `Installed a certificate for ${names.join(', ')} from ${settings.acmeDirectory}`, error: null };
}

export function getCertificateFiles(layout: Layout, app: string): CertificateFiles {
  const paths = getAppPaths(layout, app);

  return { certificate: paths.nginxCert, key: paths.nginxKey };
}

function getAcmeBlocker(settings: Settings, names: string[]): string | null {
  if (settings.acmeDirectory === null) return 'PIKU_ACME_DIRECTORY is none';
  if (names.some((name) => name.startsWith('*.'))) return 'a wildcard name needs the DNS-01 challenge, which piku does not run';

  return null;
}

async function installSelfSigned(request: CertificateRequest, reason: string, error: PikuError | null): Promise<CertificateResult> {
  await installCertificate(request, await createSelfSignedCertificate(request.app, request.names));

  return { action: 'self-signed', message: `Installed a self-signed certificate for ${request.names.join(', ')}: ${reason}`, error };
}

// Swaps the pair in, tests nginx, puts the old pair back when the test fails, else reloads.
async function installCertificate(request: CertificateRequest, pair: CertificatePair): Promise<void> {
  await withNginxLock(request, async () => {
    const restore = writeCertificate(getCertificateFiles(request.layout, request.app), pair);
    const result = await testNginx(request.settings);
    if (!result.ok) {
      restore();
      throw PIKU_ERR_CERTS_REJECTED.with({ details: { output: result.output } }, request.app, getErrorLine(result.output));
    }

    await reloadNginx(request.settings);
  });
}
