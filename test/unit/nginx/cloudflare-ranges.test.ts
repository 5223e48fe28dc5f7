import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import { getCloudflareRanges, refreshCloudflareRanges, SHIPPED_RANGES_FILE } from '../../../src/nginx/cloudflare-ranges.js';

const dir = mkdtempSync(path.join(tmpdir(), 'piku-cloudflare-'));
const LISTS: Record<string, string> = {
  '/ips-v4': '173.245.48.0/20\n103.21.244.0/22\n',
  '/ips-v6': '2400:cb00::/32\r\n2606:4700::/32\n',
  '/bad': '173.245.48.0/20\n<html>not a range</html>\n',
  '/empty': '\n',
};
let server: http.Server;
let base = '';

// A loopback stand-in for Cloudflare's published lists. Any other path returns 404.
before(async () => {
  server = http.createServer((request, response) => {
    const body = LISTS[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'text/plain' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

test('cloudflare: refresh writes both lists from HTTP', async () => {
  const output = path.join(dir, 'http.json');
  const ranges = await refreshCloudflareRanges({ ipv4Url: `${base}/ips-v4`, ipv6Url: `${base}/ips-v6`, output });

  const expected = { ipv4: ['173.245.48.0/20', '103.21.244.0/22'], ipv6: ['2400:cb00::/32', '2606:4700::/32'] };
  assert.deepEqual(ranges, expected);
  assert.equal(readFileSync(output, 'utf8'), `${JSON.stringify(expected, null, 2)}\n`);
});

test('cloudflare: refresh reads file URLs', async () => {
  writeFileSync(path.join(dir, 'v4.txt'), '# comment\n198.41.128.0/17\n');
  writeFileSync(path.join(dir, 'v6.txt'), '2a06:98c0::/29\n');
  const output = path.join(dir, 'file.json');

  const ranges = await refreshCloudflareRanges({ ipv4Url: pathToFileURL(path.join(dir, 'v4.txt')).href, ipv6Url: pathToFileURL(path.join(dir, 'v6.txt')).href, output });

  assert.deepEqual(ranges, { ipv4: ['198.41.128.0/17'], ipv6: ['2a06:98c0::/29'] });
});

test('cloudflare: invalid entry writes nothing', async () => {
  const output = path.join(dir, 'bad.json');

  await assert.rejects(refreshCloudflareRanges({ ipv4Url: `${base}/bad`, ipv6Url: `${base}/ips-v6`, output }), {
    code: 'PIKU_ERR_CLOUDFLARE_RANGES_INVALID',
    message: `Cloudflare range list "${base}/bad and ${base}/ips-v6" has an invalid entry "<html>not a range</html>": it must hold IPv4 and IPv6 CIDR ranges only. Run cloudflare:refresh again.`,
  });
  assert.equal(existsSync(output), false);
});

test('cloudflare: IPv6 range in the IPv4 list is rejected', async () => {
  await assert.rejects(refreshCloudflareRanges({ ipv4Url: `${base}/ips-v6`, ipv6Url: `${base}/ips-v6`, output: path.join(dir, 'swapped.json') }), {
    code: 'PIKU_ERR_CLOUDFLARE_RANGES_INVALID',
  });
});

test('cloudflare: HTTP error and empty list fail', async () => {
  const output = path.join(dir, 'missing.json');

  await assert.rejects(refreshCloudflareRanges({ ipv4Url: `${base}/gone`, ipv6Url: `${base}/ips-v6`, output }), {
    code: 'PIKU_ERR_CLOUDFLARE_FETCH_FAILED',
    message: `Fetching Cloudflare's ranges from "${base}/gone" failed: HTTP status 404. The previous list stays; retry later or pass another URL.`,
  });
  await assert.rejects(refreshCloudflareRanges({ ipv4Url: `${base}/empty`, ipv6Url: `${base}/ips-v6`, output }), {
    code: 'PIKU_ERR_CLOUDFLARE_FETCH_FAILED',
    message: `Fetching Cloudflare's ranges from "${base}/empty" failed: the list is empty. The previous list stays; retry later or pass another URL.`,
  });
  assert.equal(existsSync(output), false);
});

test('cloudflare: refused connection names the cause', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/ips-v4`;
  await new Promise((resolve) => closed.close(resolve));

  await assert.rejects(refreshCloudflareRanges({ ipv4Url: url, ipv6Url: url, output: path.join(dir, 'refused.json') }), {
    code: 'PIKU_ERR_CLOUDFLARE_FETCH_FAILED',
    message: new RegExp(`^Fetching Cloudflare's ranges from "${url}" failed: fetch failed \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)\\.`),
  });
});

test('cloudflare: refreshed copy wins over the shipped one', () => {
  const layout = getLayout({ PIKU_ROOT: dir });
  const shipped = JSON.parse(readFileSync(SHIPPED_RANGES_FILE, 'utf8')) as unknown;
  assert.deepEqual(getCloudflareRanges(layout), shipped);

  writeFileSync(path.join(dir, 'cloudflare-ranges.json'), JSON.stringify({ ipv4: ['10.0.0.0/8'], ipv6: [] }));

  assert.deepEqual(getCloudflareRanges(layout), { ipv4: ['10.0.0.0/8'], ipv6: [] });
});

test('cloudflare: tampered copy is rejected', () => {
  const root = mkdtempSync(path.join(dir, 'root-'));
  writeFileSync(path.join(root, 'cloudflare-ranges.json'), JSON.stringify({ ipv4: ['10.0.0.0/8; deny all'], ipv6: [] }));

  assert.throws(() => getCloudflareRanges(getLayout({ PIKU_ROOT: root })), {
    code: 'PIKU_ERR_CLOUDFLARE_RANGES_INVALID',
    message: `Cloudflare range list "${root}/cloudflare-ranges.json" has an invalid entry "10.0.0.0/8; deny all": it must hold IPv4 and IPv6 CIDR ranges only. Run cloudflare:refresh again.`,
  });
});
