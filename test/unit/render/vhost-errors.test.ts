import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import type { ProcfileEntry } from '../../../src/procfile/types.js';
import { createVhostContext, type VhostInput } from '../../../src/render/vhost.js';

const layout = getLayout({ PIKU_ROOT: '/srv/piku' });
const WEB: ProcfileEntry = { kind: 'web', category: 'web', command: 'node server.js', line: 1 };

function create(overrides: Partial<VhostInput>): void {
  createVhostContext({
    app: 'blog',
    layout,
    env: { NGINX_SERVER_NAME: 'blog.example.com' },
    entries: [WEB],
    webPorts: [20001],
    wsgiSockets: [],
    releaseDir: '/srv/piku/releases/blog/7',
    settings: { httpPort: 8080, ipv4Address: '0.0.0.0', ipv6Address: '[::]' },
    ...overrides,
  });
}

const SERVER_NAME_FIX =
  'use host names of letters, digits, "-" and ".", separated by commas or spaces, e.g. example.com,www.example.com';
const STATIC_FIX = 'use a path inside the app of letters, digits and . _ ~ @ + = , / -, without ".."';

const hostileNames = ['a.com;', 'a.com{', 'a.com}', "a'.com", 'a".com', 'a.com\nlisten 81', '$host', 'a..com', '-a.com'];
for (const name of hostileNames) {
  test(`vhost: rejects server name ${JSON.stringify(name)}`, () => {
    const escapedName = JSON.stringify(name).slice(1, -1).replaceAll('\\"', '"');
    assert.throws(() => create({ env: { NGINX_SERVER_NAME: name } }), {
      code: 'PIKU_ERR_RENDER_SETTING_INVALID',
      message: `Setting NGINX_SERVER_NAME has an invalid value "${escapedName}": ${SERVER_NAME_FIX}.`,
    });
  });
}

const hostilePaths = ['/media:up;loads', '/media:{x}', '/media:"x"', "/media:it's", '/media:$host', '/media:a b', '/media:../etc', '/media:/etc'];
for (const mapping of hostilePaths) {
  test(`vhost: rejects static path ${JSON.stringify(mapping)}`, () => {
    const env = { NGINX_SERVER_NAME: 'blog.example.com', NGINX_STATIC_PATHS: mapping };

    assert.throws(() => create({ env }), {
      code: 'PIKU_ERR_RENDER_STATIC_PATH_INVALID',
      message: `Static path "${mapping.slice('/media:'.length)}" in NGINX_STATIC_PATHS is invalid: ${STATIC_FIX}.`,
    });
  });
}

test('vhost: rejects static URL with a brace', () => {
  const entries: ProcfileEntry[] = [{ kind: 'static', category: 'static', command: '/a{b:public', line: 1 }];

  assert.throws(() => create({ entries, webPorts: [] }), {
    code: 'PIKU_ERR_RENDER_STATIC_PATH_INVALID',
    message:
      'Static path "/a{b:public" in Procfile entry "static" is invalid: use /url:path pairs separated by commas, e.g. /static:public,/media:uploads.',
  });
});

test('vhost: rejects listen address with a semicolon', () => {
  assert.throws(() => create({ env: { NGINX_SERVER_NAME: 'a.com', NGINX_IPV4_ADDRESS: '0.0.0.0;' } }), {
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message: 'Setting NGINX_IPV4_ADDRESS has an invalid value "0.0.0.0;": use an IPv4 address, e.g. 0.0.0.0.',
  });
  assert.throws(() => create({ env: { NGINX_SERVER_NAME: 'a.com', NGINX_IPV6_ADDRESS: '[::]:80 ssl' } }), {
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message: 'Setting NGINX_IPV6_ADDRESS has an invalid value "[::]:80 ssl": use an IPv6 address, e.g. [::].',
  });
});

test('vhost: rejects PIKU_ROOT with a space', () => {
  assert.throws(() => create({ layout: getLayout({ PIKU_ROOT: '/srv/my piku' }) }), {
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message:
      'Setting PIKU_ROOT has an invalid value "/srv/my piku/acme": use an absolute path of letters, digits and . _ ~ @ + = , : / -, without spaces or quotes.',
  });
});

test('vhost: rejects static root beside a web app', () => {
  const entries: ProcfileEntry[] = [WEB, { kind: 'static', category: 'static', command: 'public', line: 2 }];

  assert.throws(() => create({ entries }), {
    code: 'PIKU_ERR_RENDER_STATIC_URL_DUPLICATE',
    message:
      'Static URL "/" is mapped twice or clashes with a location of the app: map each URL once, and serve the static files of a web or wsgi app under a prefix such as /static.',
  });
});

test('vhost: rejects server name without anything to serve', () => {
  assert.throws(() => create({ entries: [], webPorts: [] }), {
    code: 'PIKU_ERR_RENDER_VHOST_EMPTY',
    message:
      'App "blog" sets NGINX_SERVER_NAME but has no wsgi, web or static entry to serve: add one to the Procfile or unset NGINX_SERVER_NAME.',
  });
});
