import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createVhostContext } from '../../../src/render/vhost.js';
import { checkNginxVhost } from '../../helpers/nginx-check.js';
import {
  ACME_LOCATION,
  GIT_DENIED,
  HEADER,
  LISTEN_HTTPS,
  PROXY,
  RELEASE,
  ROOT,
  SERVER_NAME_AND_TLS,
  SERVER_START,
  UWSGI_PARAMS,
  WEB,
  WEB_UPSTREAM,
  WSGI,
  assertVhost,
  getInput,
  getStaticLocation,
  render,
  useVhostRoot,
} from '../../helpers/vhost-render.js';

useVhostRoot();

test('vhost: web app by default', async () => {
  await assertVhost(render(), [...HEADER, ...WEB_UPSTREAM, ...SERVER_START, ...GIT_DENIED, ...PROXY, '}']);
});

test('vhost: wsgi app passes to its sockets', async () => {
  const text = render({
    entries: [WSGI],
    webSockets: [],
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
    ...UWSGI_PARAMS,
    '        uwsgi_pass blog-app;',
    '    }',
    '}',
  ]);
});

test('vhost: web app with two workers', async () => {
  const text = render({ webSockets: [`${ROOT}/nginx/blog.web.1.sock`, `${ROOT}/nginx/blog.web.2.sock`] });
  const upstream = ['upstream blog-app {', `    server unix:${ROOT}/nginx/blog.web.1.sock;`, `    server unix:${ROOT}/nginx/blog.web.2.sock;`, ...WEB_UPSTREAM.slice(2)];

  await assertVhost(text, [...HEADER, ...upstream, ...SERVER_START, ...GIT_DENIED, ...PROXY, '}']);
});

test('vhost: static-only site served at root', async () => {
  const text = render({ entries: [{ kind: 'static', category: 'static', command: 'public', line: 1 }], webSockets: [] });

  await assertVhost(text, [...HEADER, ...SERVER_START, ...GIT_DENIED, ...getStaticLocation('/', `${RELEASE}/public`), '}']);
});

test('vhost: static paths beside a web app', async () => {
  const text = render({
    env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_STATIC_PATHS: '/media:./uploads/, /docs:.' },
    entries: [WEB, { kind: 'static', category: 'static', command: '/static:public', line: 2 }],
  });

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    ...SERVER_START,
    ...GIT_DENIED,
    ...getStaticLocation('/static/', `${RELEASE}/public`),
    ...getStaticLocation('/media/', `${RELEASE}/uploads`),
    ...getStaticLocation('/docs/', RELEASE),
    ...PROXY,
    '}',
  ]);
});

test('vhost: catch-all ends every static try_files', async () => {
  const env = { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CATCH_ALL: '/index.html', NGINX_STATIC_PATHS: '/docs:docs' };
  const text = render({ env, entries: [{ kind: 'static', category: 'static', command: 'public', line: 1 }], webSockets: [] });

  await assertVhost(text, [
    ...HEADER,
    ...SERVER_START,
    ...GIT_DENIED,
    ...getStaticLocation('/', `${RELEASE}/public`, '/index.html'),
    ...getStaticLocation('/docs/', `${RELEASE}/docs`, '/index.html'),
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
    ...WEB_UPSTREAM,
    'server {',
    '    listen 127.0.0.1:8080;',
    '    listen 127.0.0.1:8443 ssl http2;',
    '    server_name blog.example.com www.example.com *.blog.example.com;',
    ...SERVER_NAME_AND_TLS.slice(1),
    ...ACME_LOCATION,
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: platform without IPv6 and app address', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_IPV6_ADDRESS: '::1' }, settings: { ...getInput().settings, ipv6Address: null } });

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    'server {',
    '    listen 0.0.0.0:8080;',
    '    listen [::1]:8080;',
    LISTEN_HTTPS[0]!,
    '    listen [::1]:8443 ssl http2;',
    ...SERVER_NAME_AND_TLS,
    ...ACME_LOCATION,
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: git folders allowed', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_ALLOW_GIT_FOLDERS: 'on' } });

  await assertVhost(text, [...HEADER, ...WEB_UPSTREAM, ...SERVER_START, ...PROXY, '}']);
});

test('vhost: none without NGINX_SERVER_NAME', () => {
  assert.equal(createVhostContext(getInput({ env: {} })), null);
  assert.equal(createVhostContext(getInput({ env: { NGINX_SERVER_NAME: ' \t' } })), null);
});

test('vhost: nginx check fails on broken text', async () => {
  const check = await checkNginxVhost('server { listen 8080 }\n');

  assert.equal(check.ok, false);
  assert.match(check.output, /\[emerg\]/);
});
