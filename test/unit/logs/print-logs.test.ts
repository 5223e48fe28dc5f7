import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import { listWorkerLogs } from '../../../src/logs/log-files.js';
import { printWorkerLogs } from '../../../src/logs/print-logs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'print-logs-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const layout = getLayout({ PIKU_ROOT: dir });
const logs = path.join(layout.logs, 'blog');
mkdirSync(logs, { recursive: true });
writeFileSync(path.join(logs, 'web.1.log'), 'w1\nw2\nw3\n');
writeFileSync(path.join(logs, 'web.2.log'), 'x1\n');
writeFileSync(path.join(logs, 'worker.1.log'), 'k1\nk2\n');
writeFileSync(path.join(logs, 'worker.1.log.old'), 'rotated\n');
mkdirSync(path.join(layout.logs, 'blog2'));
writeFileSync(path.join(layout.logs, 'blog2', 'web.1.log'), 'other app\n');

function capture(): { output: PassThrough; text: () => string } {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));

  return { output, text: () => Buffer.concat(chunks).toString('utf8') };
}

test('worker logs: lists the logs of one app by kind and number', () => {
  assert.deepEqual(
    listWorkerLogs(layout, 'blog').map((log) => log.label),
    ['web.1', 'web.2', 'worker.1'],
  );
  assert.deepEqual(
    listWorkerLogs(layout, 'blog', 'worker').map((log) => log.label),
    ['worker.1'],
  );
});

test('worker logs: prints the last lines with aligned prefixes', async () => {
  const { output, text } = capture();

  await printWorkerLogs({ listLogs: () => listWorkerLogs(layout, 'blog'), lines: 2, follow: false, output, signal: new AbortController().signal });

  assert.equal(text(), 'web.1    | w2\nweb.1    | w3\nweb.2    | x1\nworker.1 | k1\nworker.1 | k2\n');
});

test('worker logs: follows new lines and new logs until aborted', async () => {
  const { output, text } = capture();
  const stop = new AbortController();
  const printing = printWorkerLogs({ listLogs: () => listWorkerLogs(layout, 'blog', 'worker'), lines: 1, follow: true, output, signal: stop.signal, pollMs: 20 });

  await sleep(100);
  appendFileSync(path.join(logs, 'worker.1.log'), 'k3\n');
  writeFileSync(path.join(logs, 'worker.2.log'), 'scaled up\n');
  await sleep(200);
  stop.abort();
  await printing;

  assert.equal(text(), 'worker.1 | k2\nworker.1 | k3\nworker.2 | scaled up\n');
});
