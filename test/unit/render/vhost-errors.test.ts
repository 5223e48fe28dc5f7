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
    webSockets: ['/srv/piku/nginx/blog.web.1.sock'],
    wsgiSockets: [],
    releaseDir: '/srv/piku/releases/blog/7',
    codeDir: '/srv/piku/releases/blog/7',
    settings: { httpPort: 8080, httpsPort: 8443, ipv4Address: '0.0.0.0', ipv6Address: '[::]' },
    ...overrides,
  });
}

const SERVER_NAME_FIX =
  'use host names of letters, digits, "-" and ".", separated by commas or spaces, e.g. example.com,www.example.com';
const STATIC_FIX = 'use a path inside the app of letters, digits and . _ ~ @ + = , / -, without ".."';
const ABSOLUTE_PATH_FIX = 'use an absolute path of letters, digits and . _ ~ @ + = , : / -, without spaces or quotes';
const ADDRESS_FIX = 'use IPv4 or IPv6 addresses or CIDR ranges separated by commas or spaces, e.g. 203.0.113.7,10.0.0.0/8';

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

  assert.throws(() => create({ entries, webSockets: [] }), {
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
  assert.throws(() => create({ entries: [], webSockets: [] }), {
    code: 'PIKU_ERR_RENDER_VHOST_EMPTY',
    message:
      'App "blog" sets NGINX_SERVER_NAME but has no wsgi, web or static entry to serve: add one to the Procfile or unset NGINX_SERVER_NAME.',
  });
});

// Each setting that reaches the vhost, with a valid value that gets a hostile sequence in its middle.
// Every one must be rejected with a message naming the setting.
const HOSTILE_SEQUENCES = [';', '{', '}', "'", '"', '\n', '$host', '\\'];
const WHOLE_NUMBER = (max: number, min = 0) => `use a whole number from ${min} to ${max}`;
const CACHED = { NGINX_CACHE_PREFIXES: '/api' };
const SETTING_CASES: Array<{ setting: string; before: string; after: string; env?: Record<string, string>; code?: string; message: (value: string) => string }> = [
  { setting: 'NGINX_SERVER_NAME', before: 'blog', after: '.example.com', message: (value) => `Setting NGINX_SERVER_NAME has an invalid value "${value}": ${SERVER_NAME_FIX}.` },
  { setting: 'NGINX_IPV4_ADDRESS', before: '127.0', after: '.0.1', message: (value) => `Setting NGINX_IPV4_ADDRESS has an invalid value "${value}": use an IPv4 address, e.g. 0.0.0.0.` },
  { setting: 'NGINX_IPV6_ADDRESS', before: '[::', after: '1]', message: (value) => `Setting NGINX_IPV6_ADDRESS has an invalid value "${value}": use an IPv6 address, e.g. [::].` },
  {
    setting: 'NGINX_STATIC_PATHS',
    before: '/media:up',
    after: 'loads',
    code: 'PIKU_ERR_RENDER_STATIC_PATH_INVALID',
    message: (value) => `Static path "${value.slice('/media:'.length)}" in NGINX_STATIC_PATHS is invalid: ${STATIC_FIX}.`,
  },
  {
    setting: 'NGINX_CATCH_ALL',
    before: '/index',
    after: '.html',
    env: { NGINX_STATIC_PATHS: '/docs:docs' },
    message: (value) => `Setting NGINX_CATCH_ALL has an invalid value "${value}": use a URL path of letters, digits and . _ ~ / -, e.g. /index.html, or a status such as =404.`,
  },
  {
    setting: 'NGINX_CACHE_PREFIXES',
    before: '/api',
    after: '/feed',
    message: (value) =>
      `Setting NGINX_CACHE_PREFIXES has an invalid value "${value}": use URL prefixes of letters, digits and . _ ~ / - separated by commas or spaces, e.g. /api/feed,/images.`,
  },
  { setting: 'NGINX_CACHE_SIZE', before: '1', after: '0', env: CACHED, message: (value) => `Setting NGINX_CACHE_SIZE has an invalid value "${value}": ${WHOLE_NUMBER(100000, 1)}.` },
  { setting: 'NGINX_CACHE_TIME', before: '36', after: '00', env: CACHED, message: (value) => `Setting NGINX_CACHE_TIME has an invalid value "${value}": ${WHOLE_NUMBER(31536000)}.` },
  { setting: 'NGINX_CACHE_REDIRECTS', before: '36', after: '00', env: CACHED, message: (value) => `Setting NGINX_CACHE_REDIRECTS has an invalid value "${value}": ${WHOLE_NUMBER(31536000)}.` },
  { setting: 'NGINX_CACHE_ANY', before: '36', after: '00', env: CACHED, message: (value) => `Setting NGINX_CACHE_ANY has an invalid value "${value}": ${WHOLE_NUMBER(31536000)}.` },
  { setting: 'NGINX_CACHE_CONTROL', before: '36', after: '00', env: CACHED, message: (value) => `Setting NGINX_CACHE_CONTROL has an invalid value "${value}": ${WHOLE_NUMBER(31536000)}.` },
  { setting: 'NGINX_CACHE_EXPIRY', before: '86', after: '400', env: CACHED, message: (value) => `Setting NGINX_CACHE_EXPIRY has an invalid value "${value}": ${WHOLE_NUMBER(31536000, 1)}.` },
  { setting: 'NGINX_CACHE_PATH', before: '/var/cache', after: '/blog', env: CACHED, message: (value) => `Setting NGINX_CACHE_PATH has an invalid value "${value}": ${ABSOLUTE_PATH_FIX}.` },
  { setting: 'NGINX_ALLOWED_IPS', before: '10.0.0', after: '.1', message: (value) => `Setting NGINX_ALLOWED_IPS has an invalid value "${value}": ${ADDRESS_FIX}.` },
  {
    setting: 'NGINX_INCLUDE_FILE',
    before: 'conf/extra',
    after: '.conf',
    message: (value) => `Setting NGINX_INCLUDE_FILE has an invalid value "${value}": use a file inside the app of letters, digits and . _ ~ @ + = , / -, not absolute and without "..".`,
  },
  {
    setting: 'NGINX_CLIENT_MAX_BODY_SIZE',
    before: '10',
    after: 'm',
    message: (value) => `Setting NGINX_CLIENT_MAX_BODY_SIZE has an invalid value "${value}": use a size in bytes with an optional k, m or g suffix, e.g. 10m; 0 means no limit.`,
  },
  { setting: 'NGINX_PROXY_READ_TIMEOUT', before: '3', after: '0', message: (value) => `Setting NGINX_PROXY_READ_TIMEOUT has an invalid value "${value}": ${WHOLE_NUMBER(86400, 1)}.` },
  { setting: 'NGINX_PROXY_SEND_TIMEOUT', before: '3', after: '0', message: (value) => `Setting NGINX_PROXY_SEND_TIMEOUT has an invalid value "${value}": ${WHOLE_NUMBER(86400, 1)}.` },
  ...['NGINX_HTTPS_ONLY', 'NGINX_CLOUDFLARE_ACL', 'NGINX_ALLOW_GIT_FOLDERS', 'DISABLE_IPV6'].map((setting) => ({
    setting,
    before: 'o',
    after: 'n',
    code: 'PIKU_ERR_ENV_BOOLEAN_INVALID',
    message: (value: string) =>
      `Setting ${setting} has an invalid value "${value}": use 1, on, true, enabled, yes or y for true, and 0, off, false, disabled, no, n or an empty value for false.`,
  })),
];

for (const { setting, before, after, env = {}, code = 'PIKU_ERR_RENDER_SETTING_INVALID', message } of SETTING_CASES) {
  test(`vhost: rejects hostile ${setting}`, () => {
    for (const sequence of HOSTILE_SEQUENCES) {
      const value = `${before}${sequence}${after}`;
      const shown = value.replace('\n', '\\n');

      assert.throws(() => create({ env: { NGINX_SERVER_NAME: 'blog.example.com', ...env, [setting]: value } }), { code, message: message(shown) }, JSON.stringify(value));
    }
  });
}

const badSettings: Array<[string, Record<string, string>, string]> = [
  ['NGINX_ALLOWED_IPS', { NGINX_ALLOWED_IPS: '10.0.0.0/33' }, `Setting NGINX_ALLOWED_IPS has an invalid value "10.0.0.0/33": ${ADDRESS_FIX}.`],
  ['NGINX_ALLOWED_IPS', { NGINX_ALLOWED_IPS: 'fe80::1%eth0' }, `Setting NGINX_ALLOWED_IPS has an invalid value "fe80::1%eth0": ${ADDRESS_FIX}.`],
  ['NGINX_ALLOWED_IPS', { NGINX_ALLOWED_IPS: 'example.com' }, `Setting NGINX_ALLOWED_IPS has an invalid value "example.com": ${ADDRESS_FIX}.`],
  [
    'NGINX_INCLUDE_FILE',
    { NGINX_INCLUDE_FILE: '../other/nginx.conf' },
    'Setting NGINX_INCLUDE_FILE has an invalid value "../other/nginx.conf": use a file inside the app of letters, digits and . _ ~ @ + = , / -, not absolute and without "..".',
  ],
  [
    'NGINX_INCLUDE_FILE',
    { NGINX_INCLUDE_FILE: '/etc/passwd' },
    'Setting NGINX_INCLUDE_FILE has an invalid value "/etc/passwd": use a file inside the app of letters, digits and . _ ~ @ + = , / -, not absolute and without "..".',
  ],
  [
    'NGINX_CATCH_ALL',
    { NGINX_CATCH_ALL: '/../secret' },
    'Setting NGINX_CATCH_ALL has an invalid value "/../secret": use a URL path of letters, digits and . _ ~ / -, e.g. /index.html, or a status such as =404.',
  ],
  ['NGINX_CACHE_PATH', { NGINX_CACHE_PREFIXES: '/api', NGINX_CACHE_PATH: 'cache/blog' }, `Setting NGINX_CACHE_PATH has an invalid value "cache/blog": ${ABSOLUTE_PATH_FIX}.`],
  [
    'NGINX_CACHE_PREFIXES',
    { NGINX_CACHE_PREFIXES: '/' },
    'Setting NGINX_CACHE_PREFIXES has an invalid value "/": list each prefix once, and not "/", the ACME path or a static URL.',
  ],
  [
    'NGINX_CACHE_PREFIXES',
    { NGINX_CACHE_PREFIXES: '/media/', NGINX_STATIC_PATHS: '/media:uploads' },
    'Setting NGINX_CACHE_PREFIXES has an invalid value "/media/": list each prefix once, and not "/", the ACME path or a static URL.',
  ],
  [
    'NGINX_CACHE_PREFIXES',
    { NGINX_CACHE_PREFIXES: '/api /api' },
    'Setting NGINX_CACHE_PREFIXES has an invalid value "/api": list each prefix once, and not "/", the ACME path or a static URL.',
  ],
  ['NGINX_CLIENT_MAX_BODY_SIZE', { NGINX_CLIENT_MAX_BODY_SIZE: '10mb' }, 'Setting NGINX_CLIENT_MAX_BODY_SIZE has an invalid value "10mb": use a size in bytes with an optional k, m or g suffix, e.g. 10m; 0 means no limit.'],
  ['NGINX_PROXY_READ_TIMEOUT', { NGINX_PROXY_READ_TIMEOUT: '0' }, 'Setting NGINX_PROXY_READ_TIMEOUT has an invalid value "0": use a whole number from 1 to 86400.'],
];
for (const [setting, env, message] of badSettings) {
  test(`vhost: rejects ${setting} ${JSON.stringify(env[setting])}`, () => {
    assert.throws(() => create({ env: { NGINX_SERVER_NAME: 'blog.example.com', ...env } }), { code: 'PIKU_ERR_RENDER_SETTING_INVALID', message });
  });
}

test('vhost: rejects a cache without an upstream', () => {
  const entries: ProcfileEntry[] = [{ kind: 'static', category: 'static', command: 'public', line: 1 }];

  assert.throws(() => create({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CACHE_PREFIXES: '/api' }, entries, webSockets: [] }), {
    code: 'PIKU_ERR_RENDER_SETTING_INVALID',
    message: 'Setting NGINX_CACHE_PREFIXES has an invalid value "/api": cache only apps with a web or wsgi worker, or unset it.',
  });
});
