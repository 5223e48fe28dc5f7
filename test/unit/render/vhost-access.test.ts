import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SHIPPED_RANGES_FILE } from '../../../src/nginx/cloudflare-ranges.js';
import { checkNginxVhost } from '../../helpers/nginx-check.js';
import {
  ACME_LOCATION,
  GIT_DENIED,
  HEADER,
  LISTEN_HTTP,
  LISTEN_HTTPS,
  PROXY,
  RELEASE,
  ROOT,
  SERVER_NAME_AND_TLS,
  SERVER_START,
  WEB_UPSTREAM,
  assertVhost,
  render,
  useVhostRoot,
} from '../../helpers/vhost-render.js';

useVhostRoot();

const SERVER_HEAD = ['server {', ...LISTEN_HTTP, ...LISTEN_HTTPS, ...SERVER_NAME_AND_TLS];

test('vhost: allowed addresses deny everyone else', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_ALLOWED_IPS: '127.0.0.1, 10.0.0.0/8 2001:db8::/32' } });

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    ...SERVER_HEAD,
    '',
    '    # NGINX_ALLOWED_IPS: any other client address gets 403.',
    '    allow 127.0.0.1;',
    '    allow 10.0.0.0/8;',
    '    allow 2001:db8::/32;',
    '    deny all;',
    '',
    '    location ^~ /.well-known/acme-challenge/ {',
    `        root ${ROOT}/acme;`,
    '        allow all;',
    '    }',
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: cloudflare ACL uses the refreshed ranges', async (context) => {
  const file = path.join(ROOT, 'cloudflare-ranges.json');
  writeFileSync(file, JSON.stringify({ ipv4: ['173.245.48.0/20'], ipv6: ['2400:cb00::/32'] }));
  context.after(() => rmSync(file));

  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CLOUDFLARE_ACL: 'true' } });

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    "# 1 when the connecting address, before CF-Connecting-IP replaces it, is Cloudflare's or loopback.",
    'geo $realip_remote_addr $piku_blog_cloudflare {',
    '    default 0;',
    '    127.0.0.0/8 1;',
    '    ::1 1;',
    '    173.245.48.0/20 1;',
    '    2400:cb00::/32 1;',
    '}',
    '',
    ...SERVER_HEAD,
    '',
    "    # Only Cloudflare and loopback may connect; the client's address comes from CF-Connecting-IP.",
    '    set_real_ip_from 173.245.48.0/20;',
    '    set_real_ip_from 2400:cb00::/32;',
    '    real_ip_header CF-Connecting-IP;',
    '    if ($piku_blog_cloudflare = 0) {',
    '        return 403;',
    '    }',
    ...ACME_LOCATION,
    ...GIT_DENIED,
    ...PROXY,
    '}',
  ]);
});

test('vhost: cloudflare ACL uses the shipped ranges', async () => {
  const shipped = JSON.parse(readFileSync(SHIPPED_RANGES_FILE, 'utf8')) as { ipv4: string[]; ipv6: string[] };
  const ranges = [...shipped.ipv4, ...shipped.ipv6];
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CLOUDFLARE_ACL: 'on' } });

  assert.equal(shipped.ipv4.length, 15);
  assert.equal(shipped.ipv6.length, 7);
  assert.deepEqual(
    ranges.filter((range) => text.includes(`    ${range} 1;\n`) && text.includes(`    set_real_ip_from ${range};\n`)),
    ranges,
  );
  const check = await checkNginxVhost(text);
  assert.ok(check.ok, `nginx -t failed:\n${check.output}\n${text}`);
});

test('vhost: include file from the release', async () => {
  const text = render({ env: { NGINX_SERVER_NAME: 'blog.example.com', NGINX_INCLUDE_FILE: './conf/extra.conf' } });

  await assertVhost(text, [...HEADER, ...WEB_UPSTREAM, ...SERVER_START, ...GIT_DENIED, ...PROXY, '', `    include ${RELEASE}/conf/extra.conf;`, '}']);
});
