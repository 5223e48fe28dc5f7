// Platform settings: how this host runs nginx, which ports web workers get, which python builds
// venvs. They are read from $PIKU_ROOT/piku.conf (KEY=VALUE lines) and then from the environment of
// the CLI, so a sandbox or a packager can point the platform at its own nginx.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { PIKU_ERR_SETTINGS_INVALID } from '../errors/codes.js';
import { splitWords } from '../cli/split-words.js';
import type { Layout } from './layout.js';

export interface Settings {
  /** Command that tests the whole nginx configuration, e.g. ["nginx", "-t"]. */
  nginxTest: string[];
  /** Command that makes nginx load its configuration again. */
  nginxReload: string[];
  /** Port the app vhosts listen on for HTTP. */
  httpPort: number;
  /** Port the app vhosts listen on for HTTPS (TLS and HTTP/2). */
  httpsPort: number;
  /** ACME directory URL that certificates are requested from, or null (PIKU_ACME_DIRECTORY=none) for self-signed ones only. */
  acmeDirectory: string | null;
  /** Contact address of the ACME account, or null for none. */
  acmeEmail: string | null;
  /** PEM file of extra CA certificates that the ACME server's TLS certificate is checked against, e.g. pebble's. */
  acmeCaBundle: string | null;
  /** Ports handed to `web` workers, lowest first. */
  portRange: { low: number; high: number };
  /** Addresses app vhosts listen on unless an app sets NGINX_IPV4_ADDRESS or NGINX_IPV6_ADDRESS; null: no IPv6. */
  nginxIPv4Address: string;
  nginxIPv6Address: string | null;
  /** How long a deploy or change waits for the app's lock. */
  lockTimeoutMs: number;
  /** Python interpreter that builds app venvs; it must match uwsgi's python plugin. */
  python: string;
  /** The authorized_keys file sshd reads for the platform user; keys:add and setup:ssh write it. */
  authorizedKeysFile: string;
}

const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

const SETTING_NAMES = [
  'PIKU_NGINX_TEST',
  'PIKU_NGINX_RELOAD',
  'PIKU_HTTP_PORT',
  'PIKU_HTTPS_PORT',
  'PIKU_ACME_DIRECTORY',
  'PIKU_ACME_EMAIL',
  'PIKU_ACME_CA_BUNDLE',
  'PIKU_PORT_RANGE',
  'PIKU_PYTHON',
  'PIKU_NGINX_IPV4_ADDRESS',
  'PIKU_NGINX_IPV6_ADDRESS',
  'PIKU_AUTHORIZED_KEYS',
  'PIKU_LOCK_TIMEOUT',
];

// Reads piku.conf, overridden by variables of the same names in the environment.
export function getSettings(layout: Layout, env: NodeJS.ProcessEnv = process.env): Settings {
  const values = { ...readSettingsFile(layout.settingsFile) };
  for (const name of SETTING_NAMES) {
    const value = env[name];
    if (value !== undefined && value !== '') values[name] = value;
  }

  return {
    nginxTest: splitWords(values.PIKU_NGINX_TEST ?? 'nginx -t'),
    nginxReload: splitWords(values.PIKU_NGINX_RELOAD ?? 'nginx -s reload'),
    httpPort: parsePort('PIKU_HTTP_PORT', values.PIKU_HTTP_PORT ?? '80'),
    httpsPort: parsePort('PIKU_HTTPS_PORT', values.PIKU_HTTPS_PORT ?? '443'),
    acmeDirectory: parseAcmeDirectory(values.PIKU_ACME_DIRECTORY ?? LETS_ENCRYPT_DIRECTORY),
    acmeEmail: values.PIKU_ACME_EMAIL || null,
    acmeCaBundle: values.PIKU_ACME_CA_BUNDLE || null,
    portRange: parsePortRange(values.PIKU_PORT_RANGE ?? '20000-29999'),
    nginxIPv4Address: values.PIKU_NGINX_IPV4_ADDRESS ?? '0.0.0.0',
    // "none" turns IPv6 off for every app, for hosts without IPv6.
    nginxIPv6Address: values.PIKU_NGINX_IPV6_ADDRESS === 'none' ? null : (values.PIKU_NGINX_IPV6_ADDRESS ?? '[::]'),
    lockTimeoutMs: parseSeconds('PIKU_LOCK_TIMEOUT', values.PIKU_LOCK_TIMEOUT ?? '600') * 1000,
    python: values.PIKU_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'),
    // A setting, because commands over SSH run with the platform user's HOME, which a test bed's sshd may not use.
    authorizedKeysFile: values.PIKU_AUTHORIZED_KEYS || path.join(env.HOME || homedir(), '.ssh', 'authorized_keys'),
  };
}

// piku.conf uses the plain KEY=VALUE form without expansion: settings hold commands, not references.
function readSettingsFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};

  const values: Record<string, string> = {};
  for (const rawLine of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;

    const separator = line.indexOf('=');
    if (separator < 1) throw PIKU_ERR_SETTINGS_INVALID(file, line, 'write it as KEY=VALUE');
    values[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }

  return values;
}

function parseSeconds(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 86400) throw PIKU_ERR_SETTINGS_INVALID(name, value, 'use whole seconds from 0 to 86400');

  return Number(value);
}

function parsePort(name: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw PIKU_ERR_SETTINGS_INVALID(name, value, 'use a port number from 1 to 65535');
  }

  return port;
}

// "none" turns ACME off: every app gets a self-signed certificate and no request leaves the host.
function parseAcmeDirectory(value: string): string | null {
  if (value === 'none') return null;
  if (!/^https:\/\/[^\s]+$/.test(value)) {
    throw PIKU_ERR_SETTINGS_INVALID('PIKU_ACME_DIRECTORY', value, 'use the https:// URL of an ACME directory, or none');
  }

  return value;
}

function parsePortRange(value: string): { low: number; high: number } {
  const match = /^(\d+)-(\d+)$/.exec(value);
  const low = Number(match?.[1]);
  const high = Number(match?.[2]);
  if (!match || low < 1024 || high > 65535 || low > high) {
    throw PIKU_ERR_SETTINGS_INVALID('PIKU_PORT_RANGE', value, 'use LOW-HIGH with 1024 <= LOW <= HIGH <= 65535');
  }

  return { low, high };
}
