import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntilHealthy } from '../../../src/health/health-check.js';
import type { HealthSettings } from '../../../src/health/health-settings.js';

const SETTINGS: HealthSettings = { path: '/', timeoutMs: 2000, attempts: 3 };

// Reserves a free loopback port, then frees it for the test to listen on later.
async function getFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  return port;
}

function listen(port: number, status: number): Promise<Server> {
  const server = createServer((request, response) => response.writeHead(status).end(`path ${request.url}`));

  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

test('health check: late listener passes attempt 1', async (t) => {
  const port = await getFreePort();
  const check = waitUntilHealthy({ kind: 'http', port }, SETTINGS, 'app.test');
  await sleep(300);
  const server = await listen(port, 200);
  t.after(() => server.close());

  assert.deepEqual(await check, { healthy: true, attempts: 1, lastResult: 'status 200' });
});

test('health check: failing status uses every attempt', async (t) => {
  const port = await getFreePort();
  const server = await listen(port, 503);
  t.after(() => server.close());

  assert.deepEqual(await waitUntilHealthy({ kind: 'http', port }, { ...SETTINGS, attempts: 2 }, 'app.test'), {
    healthy: false,
    attempts: 2,
    lastResult: 'status 503, expected below 500',
  });
});

test('health check: no listener fails with refusal', async () => {
  const port = await getFreePort();

  assert.deepEqual(await waitUntilHealthy({ kind: 'http', port }, { ...SETTINGS, attempts: 2 }, 'app.test'), {
    healthy: false,
    attempts: 2,
    lastResult: `connect ECONNREFUSED 127.0.0.1:${port}`,
  });
});

test('health check: no polling fails late listener', async (t) => {
  const port = await getFreePort();
  const check = waitUntilHealthy({ kind: 'http', port }, { ...SETTINGS, attempts: 1 }, 'app.test', { pollsUntilListening: false });
  await sleep(300);
  const server = await listen(port, 200);
  t.after(() => server.close());

  assert.deepEqual(await check, { healthy: false, attempts: 1, lastResult: `connect ECONNREFUSED 127.0.0.1:${port}` });
});
