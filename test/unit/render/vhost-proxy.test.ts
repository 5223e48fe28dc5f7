import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { createSelfSignedCertificate, writeCertificate } from '../../../src/nginx/certificate-files.js';
import { checkNginxVhost } from '../../helpers/nginx-check.js';
import { getAppVariableName } from '../../../src/render/nginx-values.js';
import {
  ACME_LOCATION,
  GIT_DENIED,
  HEADER,
  LISTEN_HTTP,
  LISTEN_HTTPS,
  PROXY_DIRECTIVES,
  ROOT,
  SERVER_NAME_AND_TLS,
  SERVER_START,
  UWSGI_PARAMS,
  WEB_UPSTREAM,
  WSGI,
  assertVhost,
  render,
  useVhostRoot,
} from '../../helpers/vhost-render.js';

useVhostRoot();

const LIMITS = { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CLIENT_MAX_BODY_SIZE: '10M', NGINX_PROXY_READ_TIMEOUT: '300', NGINX_PROXY_SEND_TIMEOUT: '90' };

test('vhost: web body size and timeouts', async () => {
  const text = render({ env: LIMITS });

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    'server {',
    ...LISTEN_HTTP,
    ...LISTEN_HTTPS,
    ...SERVER_NAME_AND_TLS,
    '    client_max_body_size 10m;',
    ...ACME_LOCATION,
    ...GIT_DENIED,
    '',
    '    location / {',
    ...PROXY_DIRECTIVES,
    '        proxy_read_timeout 300s;',
    '        proxy_send_timeout 90s;',
    '    }',
    '}',
  ]);
});

test('vhost: wsgi body size and timeouts', async () => {
  const text = render({ env: LIMITS, entries: [WSGI], webSockets: [], wsgiSockets: [`${ROOT}/nginx/blog.wsgi.1.sock`] });

  await assertVhost(text, [
    ...HEADER,
    'upstream blog-app {',
    `    server unix:${ROOT}/nginx/blog.wsgi.1.sock;`,
    '}',
    '',
    ...SERVER_START.slice(0, 8),
    '    client_max_body_size 10m;',
    ...ACME_LOCATION,
    ...GIT_DENIED,
    '',
    '    location / {',
    ...UWSGI_PARAMS,
    '        uwsgi_pass blog-app;',
    '        uwsgi_read_timeout 300s;',
    '        uwsgi_send_timeout 90s;',
    '    }',
    '}',
  ]);
});

test('vhost: app variables stay unique per app name', () => {
  assert.equal(getAppVariableName('blog', 'connection'), 'piku_blog_connection');
  assert.equal(getAppVariableName('my-app', 'connection'), 'piku_my_happ_connection');
  assert.equal(getAppVariableName('my.app', 'connection'), 'piku_my_dapp_connection');
  assert.equal(getAppVariableName('my_app', 'connection'), 'piku_my__app_connection');
  assert.equal(getAppVariableName('my_happ', 'connection'), 'piku_my__happ_connection');
});

test('vhost: long app name passes nginx', async () => {
  const app = `a${'b'.repeat(61)}c`;
  const text = render({ app, env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CACHE_PREFIXES: '/feed', NGINX_CLOUDFLARE_ACL: 'y' } });

  assert.equal(getAppVariableName(app, 'connection'), 'piku_h00bdc0e0966649b1_connection');
  assert.match(text, /^map \$http_upgrade \$piku_h00bdc0e0966649b1_connection \{$/m);
  assert.match(text, /^geo \$realip_remote_addr \$piku_h00bdc0e0966649b1_cloudflare \{$/m);
  const files = { certificate: path.join(ROOT, 'nginx', `${app}.crt`), key: path.join(ROOT, 'nginx', `${app}.key`) };
  writeCertificate(files, await createSelfSignedCertificate(app, ['blog.example.com']));
  const check = await checkNginxVhost(text);
  assert.ok(check.ok, `nginx -t failed:\n${check.output}\n${text}`);
});

test('vhost: app name with dots and dashes passes nginx', async () => {
  const text = render({ app: 'my-blog.v2', env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CACHE_PREFIXES: '/feed', NGINX_CLOUDFLARE_ACL: 'y' } });

  assert.match(text, /^map \$http_upgrade \$piku_my_hblog_dv2_connection \{$/m);
  assert.match(text, /^proxy_cache_path \S+ levels=1:2 keys_zone=my-blog\.v2-cache:10m /m);
  assert.match(text, /^geo \$realip_remote_addr \$piku_my_hblog_dv2_cloudflare \{$/m);

  const files = { certificate: path.join(ROOT, 'nginx', 'my-blog.v2.crt'), key: path.join(ROOT, 'nginx', 'my-blog.v2.key') };
  writeCertificate(files, await createSelfSignedCertificate('my-blog.v2', ['blog.example.com']));
  const check = await checkNginxVhost(text);
  assert.ok(check.ok, `nginx -t failed:\n${check.output}\n${text}`);
});
