import { test } from 'node:test';
import {
  ACME_LOCATION,
  GIT_DENIED,
  HEADER,
  LISTEN_HTTP,
  LISTEN_HTTPS,
  PROXY,
  SERVER_NAME_AND_TLS,
  SETTINGS,
  WEB_UPSTREAM,
  assertVhost,
  render,
  useVhostRoot,
} from '../../helpers/vhost-render.js';

useVhostRoot();

function getRedirectServer(target: string): string[] {
  return [
    'server {',
    ...LISTEN_HTTP,
    '    server_name blog.example.com;',
    ...ACME_LOCATION,
    '',
    '    location / {',
    `        return 301 ${target};`,
    '    }',
    '}',
    '',
  ];
}

test('vhost: https-only redirects port 80 except challenges', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_HTTPS_ONLY: 'yes' } });

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    ...getRedirectServer('https://$host:8443$request_uri'),
    'server {',
    ...LISTEN_HTTPS,
    ...SERVER_NAME_AND_TLS,
    ...ACME_LOCATION,
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: https-only on port 443 leaves the port out', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_HTTPS_ONLY: '1' }, settings: { ...SETTINGS, httpPort: 80, httpsPort: 443 } });
  const listenHttp = ['    listen 0.0.0.0:80;', '    listen [::]:80;'];

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    'server {',
    ...listenHttp,
    ...getRedirectServer('https://$host$request_uri').slice(3),
    'server {',
    '    listen 0.0.0.0:443 ssl http2;',
    '    listen [::]:443 ssl http2;',
    ...SERVER_NAME_AND_TLS,
    ...ACME_LOCATION,
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: https-only off serves both from one server', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_HTTPS_ONLY: 'off' } });

  await assertVhost(text, [...HEADER, ...WEB_UPSTREAM, 'server {', ...LISTEN_HTTP, ...LISTEN_HTTPS, ...SERVER_NAME_AND_TLS, ...ACME_LOCATION, ...GIT_DENIED, ...PROXY, '}']);
});
