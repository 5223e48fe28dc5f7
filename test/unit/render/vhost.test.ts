import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import type { ProcfileEntry } from '../../../src/procfile/types.js';
import { createVhostContext, renderVhost, type VhostInput } from '../../../src/render/vhost.js';
import { checkNginxVhost } from '../../helpers/nginx-check.js';

const layout = getLayout({ PIKU_ROOT: '/srv/piku' });
const RELEASE = '/srv/piku/releases/blog/7';
const WEB: ProcfileEntry = { kind: 'web', category: 'web', command: 'node server.js', line: 1 };

function render(overrides: Partial<VhostInput> = {}): string {
  const input: VhostInput = {
    app: 'blog',
    layout,
    env: { NGINX_SERVER_NAME: 'blog.example.com' },
    entries: [WEB],
    webPorts: [20001],
    wsgiSockets: [],
    releaseDir: RELEASE,
    settings: { httpPort: 8080, ipv4Address: '0.0.0.0', ipv6Address: '[::]' },
    ...overrides,
  };
  const context = createVhostContext(input);
  assert.notEqual(context, null);

  return renderVhost(context!);
}

// Asserts the whole text, then that the real nginx accepts it; prints the text when either fails.
async function assertVhost(text: string, expected: string[]): Promise<void> {
  assert.equal(text, `${expected.join('\n')}\n`, text);
  const check = await checkNginxVhost(text);
  assert.ok(check.ok, `nginx -t failed:\n${check.output}\n${text}`);
}

const SERVER_START = [
  'server {',
  '    listen 0.0.0.0:8080;',
  '    listen [::]:8080;',
  '    server_name blog.example.com;',
  '',
  '    location ^~ /.well-known/acme-challenge/ {',
  '        root /srv/piku/acme;',
  '    }',
];
const GIT_DENIED = ['', '    location ~ /\\.git(/|$) {', '        return 404;', '    }'];
const PROXY = [
  '',
  '    location / {',
  '        proxy_pass http://blog-app;',
  '        proxy_http_version 1.1;',
  '        proxy_set_header Host $host;',
  '        proxy_set_header X-Real-IP $remote_addr;',
  '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  '        proxy_set_header X-Forwarded-Proto $scheme;',
  '        proxy_set_header X-Forwarded-Host $host;',
  '        proxy_set_header X-Request-Start "t=${msec}";',
  '        proxy_set_header Upgrade $http_upgrade;',
  '        proxy_set_header Connection "upgrade";',
  '    }',
];
const HEADER = ['# Vhost of app blog, written by piku on each deploy.'];

function getStaticLocation(url: string, alias: string): string[] {
  return ['', `    location ${url} {`, `        alias ${alias}/;`, '        try_files $uri $uri.html $uri/ =404;', '    }'];
}

test('vhost: wsgi app passes to its sockets', async () => {
  const text = render({
    entries: [{ kind: 'wsgi', category: 'wsgi', command: 'app:app', line: 1 }],
    webPorts: [],
    wsgiSockets: ['/srv/piku/nginx/blog.wsgi.1.sock', '/srv/piku/nginx/blog.wsgi.2.sock'],
  });

  await assertVhost(text, [
    ...HEADER,
    'upstream blog-app {',
    '    server unix:/srv/piku/nginx/blog.wsgi.1.sock;',
    '    server unix:/srv/piku/nginx/blog.wsgi.2.sock;',
    '}',
    '',
    ...SERVER_START,
    ...GIT_DENIED,
    '',
    '    location / {',
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
    '        uwsgi_pass blog-app;',
    '    }',
    '}',
  ]);
});

test('vhost: web app with two ports', async () => {
  const text = render({ webPorts: [20001, 20002] });

  await assertVhost(text, [
    ...HEADER,
    'upstream blog-app {',
    '    server 127.0.0.1:20001;',
    '    server 127.0.0.1:20002;',
    '}',
    '',
    ...SERVER_START,
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: static-only site served at root', async () => {
  const text = render({ entries: [{ kind: 'static', category: 'static', command: 'public', line: 1 }], webPorts: [] });

  await assertVhost(text, [...HEADER, ...SERVER_START, ...GIT_DENIED, ...getStaticLocation('/', `${RELEASE}/public`), '}']);
});

test('vhost: static paths beside a web app', async () => {
  const text = render({
    env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_STATIC_PATHS: '/media:./uploads/, /docs:.' },
    entries: [WEB, { kind: 'static', category: 'static', command: '/static:public', line: 2 }],
  });

  await assertVhost(text, [
    ...HEADER,
    'upstream blog-app {',
    '    server 127.0.0.1:20001;',
    '}',
    '',
    ...SERVER_START,
    ...GIT_DENIED,
    ...getStaticLocation('/static/', `${RELEASE}/public`),
    ...getStaticLocation('/media/', `${RELEASE}/uploads`),
    ...getStaticLocation('/docs/', RELEASE),
    ...PROXY,
    '}',
  ]);
});

test('vhost: IPv6 disabled, custom address and names', async () => {
  const env = {
    NGINX_SERVER_NAME: 'blog.example.com,www.example.com  *.blog.example.com',
    NGINX_IPV4_ADDRESS: '127.0.0.1',
    DISABLE_IPV6: 'TRUE',
  };
  const text = render({ env });

  await assertVhost(text, [
    ...HEADER,
    'upstream blog-app {',
    '    server 127.0.0.1:20001;',
    '}',
    '',
    'server {',
    '    listen 127.0.0.1:8080;',
    '    server_name blog.example.com www.example.com *.blog.example.com;',
    ...SERVER_START.slice(4),
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: git folders allowed', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_ALLOW_GIT_FOLDERS: 'on', NGINX_IPV6_ADDRESS: '::1' } });

  await assertVhost(text, [
    ...HEADER,
    'upstream blog-app {',
    '    server 127.0.0.1:20001;',
    '}',
    '',
    ...SERVER_START.slice(0, 2),
    '    listen [::1]:8080;',
    ...SERVER_START.slice(3),
    ...PROXY,
    '}',
  ]);
});

test('vhost: none without NGINX_SERVER_NAME', () => {
  const input = { app: 'blog', layout, env: {}, entries: [WEB], webPorts: [20001], wsgiSockets: [], releaseDir: RELEASE };

  assert.equal(createVhostContext({ ...input, settings: { httpPort: 8080, ipv4Address: '0.0.0.0', ipv6Address: '[::]' } }), null);
});

test('vhost: nginx check fails on broken text', async () => {
  const check = await checkNginxVhost('server { listen 8080 }\n');

  assert.equal(check.ok, false);
  assert.match(check.output, /\[emerg\]/);
});
