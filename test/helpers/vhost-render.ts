// Renders vhosts for the vhost tests inside a throwaway PIKU_ROOT that holds what nginx -t opens:
// the app's certificate and key, the cache directory and an include file in the release.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { getLayout } from '../../src/home/layout.js';
import { createSelfSignedCertificate, writeCertificate } from '../../src/nginx/certificate-files.js';
import type { ProcfileEntry } from '../../src/procfile/types.js';
import { createVhostContext, renderVhost, type VhostInput } from '../../src/render/vhost.js';
import { checkNginxVhost } from './nginx-check.js';

export const ROOT = mkdtempSync(path.join(tmpdir(), 'piku-vhost-'));
export const layout = getLayout({ PIKU_ROOT: ROOT });
export const RELEASE = `${ROOT}/releases/blog/7`;
export const WEB: ProcfileEntry = { kind: 'web', category: 'web', command: 'node server.js', line: 1 };
export const WSGI: ProcfileEntry = { kind: 'wsgi', category: 'wsgi', command: 'app:app', line: 1 };
export const SETTINGS = { httpPort: 8080, httpsPort: 8443, ipv4Address: '0.0.0.0', ipv6Address: '[::]' };

// Creates the root before the tests of the calling file and removes it after them.
export function useVhostRoot(): void {
  before(async () => {
    mkdirSync(path.join(ROOT, 'nginx'), { recursive: true });
    mkdirSync(path.join(ROOT, 'cache'), { recursive: true });
    mkdirSync(path.join(RELEASE, 'conf'), { recursive: true });
    writeFileSync(path.join(RELEASE, 'conf', 'extra.conf'), 'add_header X-Extra yes;\n');
    const files = { certificate: path.join(ROOT, 'nginx', 'blog.crt'), key: path.join(ROOT, 'nginx', 'blog.key') };
    writeCertificate(files, await createSelfSignedCertificate('blog', ['blog.example.com']));
  });
  after(() => rmSync(ROOT, { recursive: true, force: true }));
}

// The input of every case: a web app named blog, with one override per test.
export function getInput(overrides: Partial<VhostInput> = {}): VhostInput {
  return {
    app: 'blog',
    layout,
    env: { NGINX_SERVER_NAME: 'blog.example.com' },
    entries: [WEB],
    webSockets: [`${ROOT}/nginx/blog.web.1.sock`],
    wsgiSockets: [],
    releaseDir: RELEASE,
    codeDir: RELEASE,
    settings: SETTINGS,
    ...overrides,
  };
}

export function render(overrides: Partial<VhostInput> = {}): string {
  const context = createVhostContext(getInput(overrides));
  assert.notEqual(context, null);

  return renderVhost(context!);
}

// Asserts the whole text, then that the real nginx accepts it; prints the text when either fails.
export async function assertVhost(text: string, expected: string[]): Promise<void> {
  assert.equal(text, `${expected.join('\n')}\n`, text);
  const check = await checkNginxVhost(text);
  assert.ok(check.ok, `nginx -t failed:\n${check.output}\n${text}`);
}

export const HEADER = ['# Vhost of app blog, written by piku on each deploy.'];
export const WEB_UPSTREAM = [
  'upstream blog-app {',
  `    server unix:${ROOT}/nginx/blog.web.1.sock;`,
  '}',
  '',
  '# Sends "Connection: upgrade" only with an Upgrade header, e.g. for WebSocket.',
  'map $http_upgrade $piku_blog_connection {',
  '    default upgrade;',
  "    '' close;",
  '}',
  '',
];
export const LISTEN_HTTP = ['    listen 0.0.0.0:8080;', '    listen [::]:8080;'];
export const LISTEN_HTTPS = ['    listen 0.0.0.0:8443 ssl http2;', '    listen [::]:8443 ssl http2;'];
export const SERVER_NAME_AND_TLS = [
  '    server_name blog.example.com;',
  `    ssl_certificate ${ROOT}/nginx/blog.crt;`,
  `    ssl_certificate_key ${ROOT}/nginx/blog.key;`,
];
export const ACME_LOCATION = ['', '    location ^~ /.well-known/acme-challenge/ {', `        root ${ROOT}/acme;`, '    }'];
export const SERVER_START = ['server {', ...LISTEN_HTTP, ...LISTEN_HTTPS, ...SERVER_NAME_AND_TLS, ...ACME_LOCATION];
export const GIT_DENIED = ['', '    location ~ /\\.git(/|$) {', '        return 404;', '    }'];
export const PROXY_DIRECTIVES = [
  '        proxy_pass http://blog-app;',
  '        proxy_http_version 1.1;',
  '        proxy_set_header Host $host;',
  '        proxy_set_header X-Real-IP $remote_addr;',
  '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  '        proxy_set_header X-Forwarded-Proto $scheme;',
  '        proxy_set_header X-Forwarded-Host $host;',
  '        proxy_set_header X-Forwarded-Port $server_port;',
  '        proxy_set_header X-Request-Start "t=${msec}";',
  '        proxy_set_header Upgrade $http_upgrade;',
  '        proxy_set_header Connection $piku_blog_connection;',
];
export const PROXY = ['', '    location / {', ...PROXY_DIRECTIVES, '    }'];
export const UWSGI_PARAMS = [
  '        # The request variables a WSGI app reads, written out instead of `include uwsgi_params` so',
  '        # the vhost does not depend on where the main nginx.conf lives.',
  '        uwsgi_param QUERY_STRING $query_string;',
  '        uwsgi_param REQUEST_METHOD $request_method;',
  '        uwsgi_param CONTENT_TYPE $content_type;',
  '        uwsgi_param CONTENT_LENGTH $content_length;',
  '        uwsgi_param REQUEST_URI $request_uri;',
  '        uwsgi_param PATH_INFO $document_uri;',
  '        uwsgi_param DOCUMENT_ROOT $document_root;',
  '        uwsgi_param SERVER_PROTOCOL $server_protocol;',
  '        uwsgi_param REQUEST_SCHEME $scheme;',
  '        uwsgi_param HTTPS $https if_not_empty;',
  '        uwsgi_param REMOTE_ADDR $remote_addr;',
  '        uwsgi_param REMOTE_PORT $remote_port;',
  '        uwsgi_param SERVER_PORT $server_port;',
  '        uwsgi_param SERVER_NAME $server_name;',
  '        uwsgi_param HTTP_HOST $host;',
  '        uwsgi_param HTTP_X_FORWARDED_FOR $proxy_add_x_forwarded_for;',
  '        uwsgi_param HTTP_X_FORWARDED_PROTO $scheme;',
  '        uwsgi_param HTTP_X_FORWARDED_HOST $host;',
  '        uwsgi_param HTTP_X_FORWARDED_PORT $server_port;',
  '        uwsgi_param HTTP_X_REQUEST_START "t=${msec}";',
];

export function getStaticLocation(url: string, alias: string, fallback = '=404'): string[] {
  return ['', `    location ${url} {`, `        alias ${alias}/;`, `        try_files $uri $uri.html $uri/ ${fallback};`, '    }'];
}
