import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { getLayout, type Layout } from '../../../src/home/layout.js';
import { getAppStatus } from '../../../src/uwsgi/worker-status.js';

const PROCFILE = 'web: node server.js\nworker: node worker.js\n';
const PORTS = new Map([['web.1', 20001]]);

const dir = mkdtempSync(path.join(tmpdir(), 'worker-status-test-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

// A root with app blog live at release 1, and one process per title working in that release.
async function createApp(name: string, titles: string[]): Promise<{ layout: Layout; pids: number[] }> {
  const layout = getLayout({ PIKU_ROOT: path.join(dir, name) });
  const release = path.join(layout.releases, 'blog', '1');
  mkdirSync(release, { recursive: true });
  mkdirSync(layout.apps, { recursive: true });
  writeFileSync(path.join(release, 'Procfile'), PROCFILE);
  symlinkSync(release, path.join(layout.apps, 'blog'));

  const pids = titles.map((title) => {
    const child = spawn('sleep', ['60'], { argv0: title, cwd: release, stdio: 'ignore' });
    children.push(child);

    return child.pid!;
  });
  await sleep(100);

  return { layout, pids };
}

test('worker status: shows the serving slot of a web worker', async () => {
  const { layout, pids } = await createApp('serving', ['blog:web.1.green uWSGI master', 'blog:worker.1 uWSGI master']);

  const status = getAppStatus(layout, 'blog', { ports: PORTS, slot: 'green' });

  assert.deepEqual(
    status.kinds.map((kind) => kind.workers),
    [
      [{ label: 'web.1', state: 'running', pid: pids[0], port: 20001 }],
      [{ label: 'worker.1', state: 'running', pid: pids[1], port: undefined }],
    ],
  );
});

test('worker status: lists a draining web worker after the serving one', async () => {
  const titles = ['blog:web.1.blue uWSGI master', 'blog:web.1.green uWSGI master', 'blog:worker.1 uWSGI master'];
  const { layout, pids } = await createApp('draining', titles);

  const status = getAppStatus(layout, 'blog', { ports: PORTS, slot: 'green', isDraining: true });

  assert.deepEqual(status.kinds[0]!.workers, [
    { label: 'web.1', state: 'running', pid: pids[1], port: 20001 },
    { label: 'web.1', state: 'draining', pid: pids[0], slot: 'blue' },
  ]);
});

test('worker status: a new slot before the switch is not serving', async () => {
  const { layout, pids } = await createApp('starting', ['blog:web.1.blue uWSGI master']);

  const status = getAppStatus(layout, 'blog', { ports: PORTS, slot: 'green' });

  assert.deepEqual(status.kinds[0]!.workers, [
    { label: 'web.1', state: 'not running', pid: undefined, port: 20001 },
    { label: 'web.1', state: 'not serving', pid: pids[0], slot: 'blue' },
  ]);
});
