// Requests one certificate for all of an app's names from an ACME server (Let's Encrypt by
// default) with the HTTP-01 challenge: the token goes into $PIKU_ROOT/acme, which every vhost
// serves at /.well-known/acme-challenge/, so the app's vhost must already be live.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { Client, axios as acmeHttp, crypto as acmeCrypto } from 'acme-client';
import { PIKU_ERR_CERTS_ACME_FAILED } from '../errors/codes.js';
import type { Layout } from '../home/layout.js';
import type { Settings } from '../home/settings.js';
import type { CertificatePair } from './certificate-files.js';

export interface AcmeOrderRequest {
  layout: Layout;
  settings: Settings;
  /** Host names without wildcards: HTTP-01 cannot prove control of "*.example.com". */
  names: string[];
}

// acme-client's own settings object on its axios instance, which its typings leave out.
interface AcmeHttpSettings {
  retryMaxAttempts: number;
  retryDefaultDelay: number;
}

// Tokens are base64url text; anything else from the server must not become a file name.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_COMMON_NAME_LENGTH = 64;

// Runs the whole order (account, order, challenges, finalize) and returns the new key and certificate chain.
export async function requestAcmeCertificate({ layout, settings, names }: AcmeOrderRequest): Promise<CertificatePair> {
  try {
    const agent = configureHttp(settings);
    await checkDirectory(settings.acmeDirectory!, agent);
    const client = new Client({
      directoryUrl: settings.acmeDirectory!,
      accountKey: await getAccountKey(layout),
      backoffAttempts: 10,
      backoffMin: 1000,
      backoffMax: 10_000,
    });
    const key = await acmeCrypto.createPrivateEcdsaKey('P-256');
    const commonName = names[0]!.length <= MAX_COMMON_NAME_LENGTH ? names[0] : undefined;
    const [, csr] = await acmeCrypto.createCsr({ commonName, altNames: names }, key);
    const challengeDir = path.join(layout.acme, '.well-known', 'acme-challenge');

    const certificate = await client.auto({
      csr,
      email: settings.acmeEmail ?? undefined,
      termsOfServiceAgreed: true,
      challengePriority: ['http-01'],
      // The server checks the challenge itself. A check from this host would need the names to
      // resolve here too, which fails behind NAT and on test hosts.
      skipChallengeVerification: true,
      challengeCreateFn: async (_authz, challenge, keyAuthorization) => writeChallenge(challengeDir, challenge.token, keyAuthorization),
      challengeRemoveFn: async (_authz, challenge) => rmSync(getTokenFile(challengeDir, challenge.token), { force: true }),
    });

    return { certificate, key: key.toString() };
  } catch (error) {
    throw PIKU_ERR_CERTS_ACME_FAILED.with({ cause: error }, names.join(', '), getReason(error));
  }
}

// The CA bundle adds to the public roots, so one setting serves a test CA and Let's Encrypt alike.
function configureHttp(settings: Settings): https.Agent {
  const extraCa = settings.acmeCaBundle === null ? [] : [readFileSync(settings.acmeCaBundle, 'utf8')];
  const agent = new https.Agent({ ca: [...rootCertificates, ...extraCa] });
  acmeHttp.defaults.httpsAgent = agent;
  acmeHttp.defaults.timeout = REQUEST_TIMEOUT_MS;
  // A deploy waits for the order, so an unreachable server must fail fast instead of retrying 5 times.
  const acmeSettings = Reflect.get(acmeHttp.defaults, 'acmeSettings') as AcmeHttpSettings;
  Object.assign(acmeSettings, { retryMaxAttempts: 1, retryDefaultDelay: 2 });

  return agent;
}

// NOTE: acme-client 5.4.0 reports a network error (refused, timed out, untrusted certificate) as
// "Cannot read properties of undefined (reading 'config')", so the directory is fetched here first
// to report the real cause.
function checkDirectory(url: string, agent: https.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.resume();
      if (response.statusCode === 200) resolve();
      else reject(new Error(`the directory ${url} returned HTTP status ${response.statusCode}`));
    });
    request.on('timeout', () => request.destroy(new Error(`the directory ${url} timed out after ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) => reject(new Error(`the directory ${url} is unreachable: ${error.code ?? error.message}`)));
  });
}

// One account key per host, $PIKU_ROOT/acme-account.key, made on first use.
async function getAccountKey(layout: Layout): Promise<Buffer> {
  const file = path.join(layout.root, 'acme-account.key');
  if (existsSync(file)) return readFileSync(file);

  const key = await acmeCrypto.createPrivateEcdsaKey('P-256');
  writeFileSync(file, key, { mode: 0o600 });

  return key;
}

function writeChallenge(challengeDir: string, token: string, keyAuthorization: string): void {
  mkdirSync(challengeDir, { recursive: true });
  writeFileSync(getTokenFile(challengeDir, token), keyAuthorization, { mode: 0o644 });
}

function getTokenFile(challengeDir: string, token: string): string {
  if (!TOKEN_PATTERN.test(token)) throw new Error(`the server sent a challenge token of unexpected characters "${token.slice(0, 80)}"`);

  return path.join(challengeDir, token);
}

// ACME problem documents arrive as Error messages, e.g. "Invalid response from http://...: 404".
function getReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);

  const text = error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;

  return text.replace(/\s+/g, ' ').slice(0, 300);
}
