import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import { listRunningWorkers, parseProcessTitle, waitForWorkersGone } from '../../../src/uwsgi/emperor-state.js';

const TITLES: Array<[title: string, expected: ReturnType<typeof parseProcessTitle>]> = [
  ['blog:web.1 uWSGI master', { app: 'blog', kind: 'web', index: 1 }],
  ['blog:web.1.green uWSGI master', { app: 'blog', kind: 'web', index: 1, slot: 'green' }],
  ['blog.io:wsgi.3.blue uWSGI worker 2', { app: 'blog.io', kind: 'wsgi', index: 3, slot: 'blue' }],
  ['blog.io:wsgi.12 uWSGI worker 3', { app: 'blog.io', kind: 'wsgi', index: 12 }],
  ['blog_x:cron-nightly.2 uWSGI master', { app: 'blog_x', kind: 'cron-nightly', index: 2 }],
  ['uwsgi --ini /home/piku/.piku/uwsgi/uwsgi.ini', undefined],
  ['blog:web uWSGI master', undefined],
  ['blog:web.1.red uWSGI master', undefined],
  ['blog:web.1. uWSGI master', undefined],
  ['blog:web.1 node server.js', undefined],
  ['Blog:web.1 uWSGI master', undefined],
];

for (const [title, expected] of TITLES) {
  test(`emperor state: reads title "${title}"`, () => {
    assert.deepEqual(parseProcessTitle(title), expected);
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'emperor-state-test-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

// Starts a real process whose title (argv[0]) is `title`, working in `cwd`, like a vassal master.
async function startTitled(title: string, cwd: string): Promise<ChildProcess> {
  mkdirSync(cwd, { recursive: true });
  const child = spawn('sleep', ['60'], { argv0: title, cwd, stdio: 'ignore' });
  children.push(child);
  await sleep(100);

  return child;
}

test('emperor state: lists only workers under its root', async () => {
  const layout = getLayout({ PIKU_ROOT: path.join(dir, 'root') });
  const ours = await startTitled('blog:web.1 uWSGI master', path.join(layout.releases, 'blog', '1'));
  await startTitled('blog:web.2 uWSGI master', path.join(dir, 'other-root', 'releases', 'blog', '1'));
  await startTitled('blog2:web.1 uWSGI master', path.join(layout.releases, 'blog2', '1'));

  assert.deepEqual(listRunningWorkers(layout, 'blog'), [{ app: 'blog', kind: 'web', index: 1, pid: ours.pid }]);
  assert.deepEqual(
    listRunningWorkers(layout).map((worker) => `${worker.app}:${worker.kind}.${worker.index}`),
    ['blog:web.1', 'blog2:web.1'],
  );
});

test('emperor state: lists both slots of a worker', async () => {
  const layout = getLayout({ PIKU_ROOT: path.join(dir, 'slots-root') });
  const cwd = path.join(layout.releases, 'blog', '2');
  const green = await startTitled('blog:web.1.green uWSGI master', cwd);
  await startTitled('blog:web.1.green uWSGI worker 1', cwd);
  const blue = await startTitled('blog:web.1.blue uWSGI master', cwd);
  const worker = await startTitled('blog:worker.1 uWSGI master', cwd);

  assert.deepEqual(listRunningWorkers(layout, 'blog'), [
    { app: 'blog', kind: 'web', index: 1, slot: 'blue', pid: blue.pid },
    { app: 'blog', kind: 'web', index: 1, slot: 'green', pid: green.pid },
    { app: 'blog', kind: 'worker', index: 1, pid: worker.pid },
  ]);
});

test('emperor state: waits until the workers exit', async () => {
  const layout = getLayout({ PIKU_ROOT: path.join(dir, 'wait-root') });
  const child = await startTitled('shop:worker.1 uWSGI master', path.join(layout.releases, 'shop', '1'));
  setTimeout(() => child.kill('SIGTERM'), 300);

  assert.deepEqual(await waitForWorkersGone(layout, 'shop', 5000), []);
});

test('emperor state: returns the workers left at the deadline', async () => {
  const layout = getLayout({ PIKU_ROOT: path.join(dir, 'timeout-root') });
  const child = await startTitled('shop:worker.1 uWSGI master', path.join(layout.releases, 'shop', '1'));

  const left = await waitForWorkersGone(layout, 'shop', 300);

  assert.deepEqual(left, [{ app: 'shop', kind: 'worker', index: 1, pid: child.pid }]);
});
