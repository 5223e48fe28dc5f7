// The vhost features against a real sandbox: HTTPS with self-signed and ACME certificates (pebble
// on loopback), the https-only redirect, static files, the response cache, address allow-lists, the
// include file, a vhost nginx rejects, and removing the vhost. The tests run in order and change one
// app's config step by step.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { deployApp } from '../helpers/deploy-app.js';
import { startPebble } from '../helpers/pebble.js';
import { REPO_DIR, useSandbox, type CommandResult, type Sandbox } from '../helpers/sandbox.js';

const APP = 'nginx-web';
const HOST = 'web.nginx.test';
let getSandbox: () => Sandbox;

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  certificate: tls.PeerCertificate | null;
}

interface RequestOptions {
  host?: string;
  path?: string;
  isHttps?: boolean;
  /** PEM CA certificates to verify the server with; without them the certificate is not verified. */
  ca?: string;
  localAddress?: string;
  headers?: Record<string, string>;
}

// Sends GET to the sandbox's nginx on 127.0.0.1 with the Host header (and SNI name) `host`.
function request({ host = HOST, path: urlPath = '/', isHttps = false, ca, localAddress, headers = {} }: RequestOptions = {}): Promise<Response> {
  const port = Number(getSandbox().env[isHttps ? 'PIKU_HTTPS_PORT' : 'PIKU_HTTP_PORT']);
  const options = { host: '127.0.0.1', port, path: urlPath, headers: { ...headers, Host: host }, agent: false, localAddress, timeout: 10_000 };
  const tlsOptions = { servername: host, ca, rejectUnauthorized: ca !== undefined };

  return new Promise((resolve, reject) => {
    const onResponse = (response: http.IncomingMessage) => {
      const socket = response.socket as tls.TLSSocket;
      const certificate = isHttps ? socket.getPeerCertificate() : null;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body, certificate }));
    };
    const sent = isHttps ? https.get({ ...options, ...tlsOptions }, onResponse) : http.get(options, onResponse);
    sent.on('timeout', () => sent.destroy(new Error(`GET ${urlPath} timed out`)));
    sent.on('error', reject);
  });
}

// `nginx -s reload` returns before the old workers stop accepting, so a request right after a change
// may still reach one: this polls until `isReady` holds for 3 responses in a row, or for 10 s, and
// returns the last response.
async function waitForResponse(options: RequestOptions, isReady: (response: Response) => boolean): Promise<Response> {
  const deadline = Date.now() + 10_000;
  let readyCount = 0;
  let response = await request(options);
  while (Date.now() < deadline) {
    readyCount = isReady(response) ? readyCount + 1 : 0;
    if (readyCount === 3) break;

    await sleep(100);
    response = await request(options);
  }

  return response;
}

async function ssh(args: string[]): Promise<CommandResult> {
  return getSandbox().ssh(args);
}

async function setConfig(...pairs: string[]): Promise<string> {
  const result = await ssh(['config:set', APP, ...pairs]);
  assert.equal(result.exitCode, 0, `${result.stdout}\n${result.stderr}`);

  return result.stdout;
}

// Appends platform settings to piku.conf (a later line wins) and returns a function that restores the file.
function changeSettings(lines: string[]): () => void {
  const file = path.join(getSandbox().root, 'piku.conf');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, `${original}${lines.join('\n')}\n`);

  return () => writeFileSync(file, original);
}

describe('nginx', () => {
  getSandbox = useSandbox();
  before(async () => {
    const deploy = await deployApp(getSandbox(), 'nginx-web', APP);
    assert.equal(deploy.exitCode, 0, deploy.output);
  });

  test('nginx: name serves HTTP and self-signed HTTPS', async () => {
    const output = await setConfig(`NGINX_SERVER_NAME=${HOST},www.nginx.test`);
    assert.match(output, /Created a self-signed certificate for web\.nginx\.test, www\.nginx\.test/);

    const plain = await waitForResponse({}, (response) => response.status === 200);
    const secure = await request({ isHttps: true });

    assert.match(plain.body, /^path=\/ count=\d+ x-forwarded-proto=http x-forwarded-for=127\.0\.0\.1 x-real-ip=127\.0\.0\.1 request-start=yes\n$/);
    assert.match(secure.body, /^path=\/ count=\d+ x-forwarded-proto=https x-forwarded-for=127\.0\.0\.1 x-real-ip=127\.0\.0\.1 request-start=yes\n$/);
    assert.equal(secure.certificate?.subject.CN, HOST);
    assert.equal(secure.certificate?.issuer.CN, HOST);
    assert.equal(secure.certificate?.subjectaltname, 'DNS:web.nginx.test, DNS:www.nginx.test');
  });

  test('nginx: HTTPS offers HTTP/2', async () => {
    const socket = tls.connect({ host: '127.0.0.1', port: Number(getSandbox().env.PIKU_HTTPS_PORT), servername: HOST, ALPNProtocols: ['h2', 'http/1.1'], rejectUnauthorized: false });
    const protocol = await new Promise((resolve, reject) => socket.once('secureConnect', () => resolve(socket.alpnProtocol)).once('error', reject));
    socket.end();

    assert.equal(protocol, 'h2');
  });

  test('nginx: new names get a new self-signed certificate', async () => {
    const output = await setConfig(`NGINX_SERVER_NAME=${HOST}`);
    const secure = await waitForResponse({ isHttps: true }, (response) => response.certificate?.subjectaltname === 'DNS:web.nginx.test');

    assert.match(output, /Installed a self-signed certificate for web\.nginx\.test: PIKU_ACME_DIRECTORY is none/);
    assert.equal(secure.certificate?.subjectaltname, 'DNS:web.nginx.test');
  });

  test('nginx: static files and the .html fallback', async () => {
    await setConfig('NGINX_STATIC_PATHS=/static:public');

    const page = await waitForResponse({ path: '/static/about' }, (response) => response.body.startsWith('<p>'));
    const style = await request({ path: '/static/style.css' });
    const missing = await request({ path: '/static/missing' });

    assert.deepEqual([page.status, page.body], [200, '<p>about page</p>\n']);
    assert.deepEqual([style.status, style.body, style.headers['content-type']], [200, 'body { color: black; }\n', 'text/css']);
    assert.equal(missing.status, 404);
  });

  test('nginx: second request comes from the cache', async () => {
    await setConfig('NGINX_CACHE_PREFIXES=/cached');
    await waitForResponse({ path: '/cached/warm-up' }, (response) => response.status === 200 && response.headers['x-cache'] !== undefined);

    const first = await request({ path: '/cached/page' });
    const second = await request({ path: '/cached/page' });
    const uncached = await request({ path: '/other' });

    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.body, first.body);
    assert.equal(second.headers['cache-control'], 'public, max-age=3600', JSON.stringify([first.headers, second.headers]));
    assert.equal(uncached.headers['x-cache'], undefined);
  });

  test('nginx: allowed address gets in, others get 403', async (context) => {
    await setConfig('NGINX_ALLOWED_IPS=127.0.0.1');
    context.after(async () => assert.equal((await ssh(['config:unset', APP, 'NGINX_ALLOWED_IPS'])).exitCode, 0));

    const denied = await waitForResponse({ localAddress: '127.0.0.2' }, (response) => response.status === 403);
    const allowed = await waitForResponse({ localAddress: '127.0.0.1' }, (response) => response.status === 200);
    const challenge = await request({ localAddress: '127.0.0.2', path: '/.well-known/acme-challenge/missing' });

    assert.equal(allowed.status, 200);
    assert.equal(denied.status, 403);
    assert.equal(challenge.status, 404);
  });

  test('nginx: https-only redirects all but challenges', async () => {
    await setConfig('NGINX_HTTPS_ONLY=1');
    const challengeDir = path.join(getSandbox().root, 'acme', '.well-known', 'acme-challenge');
    mkdirSync(challengeDir, { recursive: true });
    writeFileSync(path.join(challengeDir, 'probe-token'), 'probe');

    const redirect = await waitForResponse({ path: '/page?x=1' }, (response) => response.status === 301);
    const challenge = await request({ path: '/.well-known/acme-challenge/probe-token' });
    const missing = await request({ path: '/.well-known/acme-challenge/missing' });
    const secure = await waitForResponse({ isHttps: true, path: '/page' }, (response) => response.status === 200);

    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, `https://${HOST}:${getSandbox().env.PIKU_HTTPS_PORT}/page?x=1`);
    assert.deepEqual([challenge.status, challenge.body], [200, 'probe']);
    assert.equal(missing.status, 404);
    assert.match(secure.body, /^path=\/page count=\d+ x-forwarded-proto=https /);
  });

  test('nginx: include file joins the server block', async () => {
    await setConfig('NGINX_INCLUDE_FILE=nginx-extra.conf');

    const response = await waitForResponse({ isHttps: true }, (candidate) => candidate.status === 200 && candidate.headers['x-included'] !== undefined);

    assert.equal(response.headers['x-included'], 'yes');
  });

  test('nginx: failed ACME order falls back to self-signed', async (context) => {
    // Port 9 (discard) has no listener on loopback, so the order fails at once.
    context.after(changeSettings(['PIKU_ACME_DIRECTORY=https://127.0.0.1:9/dir']));

    const output = await setConfig(`NGINX_SERVER_NAME=${HOST},api.nginx.test`);
    const renew = await ssh(['certs:renew', APP]);
    const secure = await waitForResponse({ isHttps: true, host: 'api.nginx.test' }, (response) => response.certificate?.subjectaltname?.includes('api') === true);

    assert.match(
      output,
      /Warning: Requesting a certificate for "web\.nginx\.test, api\.nginx\.test" from the ACME server failed: the directory https:\/\/127\.0\.0\.1:9\/dir is unreachable: ECONNREFUSED\. /,
    );
    assert.match(output, /Installed a self-signed certificate for web\.nginx\.test, api\.nginx\.test: the ACME order failed/);
    assert.equal(secure.certificate?.subjectaltname, 'DNS:web.nginx.test, DNS:api.nginx.test');
    assert.equal(renew.exitCode, 1, renew.stdout);
    assert.match(renew.stdout, /^ ! {5}nginx-web: Requesting a certificate for "web\.nginx\.test, api\.nginx\.test" from the ACME server failed: /m);
    assert.match(renew.stderr, /Renewing the certificates of "nginx-web" failed, see the lines above/);
  });

  test('nginx: vhost nginx rejects never goes live', async () => {
    const vhostFile = path.join(getSandbox().root, 'nginx', `${APP}.conf`);
    const before = readFileSync(vhostFile, 'utf8');
    const release = realpathSync(path.join(getSandbox().root, 'apps', APP));

    const result = await ssh(['config:set', APP, 'NGINX_INCLUDE_FILE=broken-nginx.conf']);
    const response = await request({ isHttps: true });
    const kept = await ssh(['config:get', APP, 'NGINX_INCLUDE_FILE']);

    assert.equal(result.exitCode, 1);
    const nginxLine = `nginx: [emerg] unknown directive "bogus_directive" in ${release}/broken-nginx.conf:1`;
    assert.ok(result.stdout.includes(`nginx rejected the vhost of "${APP}": ${nginxLine}. The previous vhost stays`), result.stdout);
    assert.equal(readFileSync(vhostFile, 'utf8'), before);
    assert.equal(response.headers['x-included'], 'yes');
    assert.equal(kept.stdout, 'nginx-extra.conf');
  });

  test('nginx: cloudflare ACL trusts CF-Connecting-IP from its ranges', async () => {
    // 127.0.0.2 plays Cloudflare: the refreshed list contains it, so its CF-Connecting-IP is trusted.
    const lists = path.join(getSandbox().dir, 'cloudflare');
    mkdirSync(lists, { recursive: true });
    writeFileSync(path.join(lists, 'ips-v4'), '127.0.0.2/32\n');
    writeFileSync(path.join(lists, 'ips-v6'), '2001:db8::/32\n');
    const urls = ['--ipv4-url', `file://${lists}/ips-v4`, '--ipv6-url', `file://${lists}/ips-v6`];
    const refresh = await execa('node', [path.join(REPO_DIR, 'dist', 'cli.js'), 'cloudflare:refresh', ...urls], {
      env: { PIKU_ROOT: getSandbox().root },
      reject: false,
    });
    assert.equal(refresh.exitCode, 0, refresh.stderr);
    assert.match(refresh.stdout, /^ {7}Wrote 1 IPv4 and 1 IPv6 ranges to \S+\/root\/cloudflare-ranges\.json$/m);
    await setConfig('NGINX_CLOUDFLARE_ACL=1');

    const headers = { 'CF-Connecting-IP': '203.0.113.9' };
    const proxied = await waitForResponse({ isHttps: true, localAddress: '127.0.0.2', headers }, (response) => response.body.includes('x-real-ip=203.0.113.9'));
    const direct = await request({ isHttps: true, localAddress: '127.0.0.1', headers });

    assert.match(proxied.body, /x-forwarded-for=203\.0\.113\.9 x-real-ip=203\.0\.113\.9 /);
    assert.match(direct.body, /x-forwarded-for=127\.0\.0\.1 x-real-ip=127\.0\.0\.1 /);
  });

  test('nginx: cloudflare:refresh file options are local only', async () => {
    const result = await ssh(['cloudflare:refresh', '--output', '/tmp/elsewhere.json']);

    assert.equal(result.exitCode, 2);
    assert.equal(result.stderr, ' !     Invalid use of "cloudflare:refresh": --ipv4-url, --ipv6-url and --output work only when run on the server itself.');
  });

  test('nginx: removing the name removes the vhost', async () => {
    const result = await ssh(['config:unset', APP, 'NGINX_SERVER_NAME']);
    const response = await waitForResponse({}, (candidate) => candidate.status === 404);

    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /Removed the nginx vhost and reloaded nginx/);
    assert.equal(existsSync(path.join(getSandbox().root, 'nginx', `${APP}.conf`)), false);
    assert.equal(response.status, 404);
  });

  test('nginx: certificate from an ACME server', async (context) => {
    const pebble = await startPebble(getSandbox().dir, getSandbox().httpPort);
    context.after(() => pebble.stop());
    context.after(changeSettings([`PIKU_ACME_DIRECTORY=${pebble.directoryUrl}`, `PIKU_ACME_CA_BUNDLE=${pebble.apiCaFile}`, 'PIKU_ACME_EMAIL=ops@nginx.test']));

    const deploy = await deployApp(getSandbox(), 'nginx-web', 'nginx-acme', { files: { ENV: 'NGINX_SERVER_NAME=acme.nginx.test\n' } });
    const ca = await pebble.getIssuerCertificates();
    const isIssued = (response: Response) => response.status === 200 && response.certificate?.issuer.CN?.startsWith('Pebble') === true;
    await waitForResponse({ isHttps: true, host: 'acme.nginx.test' }, isIssued);
    const secure = await request({ isHttps: true, host: 'acme.nginx.test', ca });
    const renew = await ssh(['certs:renew', 'nginx-acme']);

    assert.equal(deploy.exitCode, 0, deploy.output);
    assert.ok(deploy.output.includes(`Installed a certificate for acme.nginx.test from ${pebble.directoryUrl}`), deploy.output);
    assert.equal(secure.status, 200);
    assert.match(secure.certificate?.issuer.CN ?? '', /^Pebble Intermediate CA /);
    assert.equal(secure.certificate?.subjectaltname, 'DNS:acme.nginx.test');
    assert.equal(renew.exitCode, 0, renew.stderr);
    assert.match(renew.stdout, /^ {7}nginx-acme: Certificate for acme\.nginx\.test is valid until \d{4}-\d\d-\d\d$/m);
  });

  test('nginx: certs:renew goes through every app', async () => {
    const renew = await ssh(['certs:renew']);

    assert.equal(renew.exitCode, 0, renew.stderr);
    assert.match(renew.stdout, /^-----> Renewing certificates due within 30 days$/m);
    assert.match(renew.stdout, /^ {7}nginx-acme: Certificate for acme\.nginx\.test is valid until /m);
    assert.match(renew.stdout, /^ {7}nginx-web: no live vhost, nothing to renew$/m);
  });

  test('nginx:render: stale vhost rewritten', async () => {
    const vhostFile = path.join(getSandbox().root, 'nginx', 'nginx-acme.conf');
    const rendered = readFileSync(vhostFile, 'utf8');
    writeFileSync(vhostFile, `${rendered}# left by an older version\n`);

    const result = await ssh(['nginx:render']);
    const again = await ssh(['nginx:render']);

    assert.deepEqual(result, {
      exitCode: 0,
      stdout: [
        '-----> Rendering the nginx vhost of every app',
        '       nginx-acme: updated',
        '       1 updated, 1 unchanged, 0 skipped',
        '       nginx accepts the configuration and was reloaded once',
      ].join('\n'),
      stderr: '',
    });
    assert.equal(readFileSync(vhostFile, 'utf8'), rendered);
    assert.match(again.stdout, /^ {7}0 updated, 2 unchanged, 0 skipped\n {7}Nothing changed: nginx was not reloaded$/m);
  });

  test('nginx:render: locked app skipped', async () => {
    const vhostFile = path.join(getSandbox().root, 'nginx', 'nginx-acme.conf');
    const stale = `${readFileSync(vhostFile, 'utf8')}# left by an older version\n`;
    writeFileSync(vhostFile, stale);
    const db = new Database(path.join(getSandbox().root, 'piku.db'));
    db.prepare('INSERT INTO locks (name, pid, holder, purpose, acquired_at) VALUES (?, ?, ?, ?, ?)').run('nginx-acme', process.pid, 'alice', 'deploy 9', '2026-01-01T00:00:00.000Z');

    const result = await ssh(['nginx:render']);
    db.prepare('DELETE FROM locks WHERE name = ?').run('nginx-acme');
    db.close();

    assert.equal(result.exitCode, 1);
    assert.equal(
      result.stdout.split('\n')[1],
      `       nginx-acme: skipped: Lock "nginx-acme" is still held: deploy 9 by alice since 2026-01-01T00:00:00.000Z (PID ${process.pid}). Wait for it to finish, or stop that process; a lock whose process is gone is taken over automatically.`,
    );
    assert.match(result.stdout, /^ {7}0 updated, 1 unchanged, 1 skipped$/m);
    assert.equal(readFileSync(vhostFile, 'utf8'), stale);
    assert.equal((await ssh(['nginx:render'])).exitCode, 0);
  });

  test('nginx:render: web workers without a router skipped', async () => {
    const enabled = path.join(getSandbox().root, 'uwsgi-enabled');
    const vassal = path.join(enabled, readdirSync(enabled).find((name) => name.startsWith('nginx-acme_web.1.'))!);
    const text = readFileSync(vassal, 'utf8');
    // A vassal as an earlier version wrote it: the web worker listens only on its port.
    writeFileSync(vassal, text.replace(/^(plugin = rawrouter|rawrouter.*|chmod-socket = 660)\n/gm, ''));

    const result = await ssh(['nginx:render']);
    writeFileSync(vassal, text);

    assert.equal(result.exitCode, 1);
    assert.equal(
      result.stdout.split('\n')[1],
      '       nginx-acme: skipped: App "nginx-acme" runs web workers started by an earlier version of piku, which nginx cannot reach through a socket: run "restart nginx-acme", which starts them with one and installs the new vhost.',
    );
    assert.equal((await ssh(['nginx:render'])).exitCode, 0);
  });
});
