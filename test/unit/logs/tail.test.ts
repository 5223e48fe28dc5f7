import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readLastLines } from '../../../src/logs/tail.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tail-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readTail(text: string, count: number): Promise<string[]> {
  const file = path.join(dir, 'worker.1.log');
  writeFileSync(file, text);
  const handle = await open(file, 'r');
  try {
    const lines = await readLastLines(handle, Buffer.byteLength(text), count);

    return lines.map((line) => line.toString('utf8'));
  } finally {
    await handle.close();
  }
}

test('log tail: returns the last lines', async () => {
  assert.deepEqual(await readTail('a\nb\nc\nd\n', 2), ['c', 'd']);
});

test('log tail: returns a short file whole', async () => {
  assert.deepEqual(await readTail('a\nb\n', 10), ['a', 'b']);
});

test('log tail: leaves out an unfinished last line', async () => {
  assert.deepEqual(await readTail('a\nb\nhalf', 2), ['a', 'b']);
});

test('log tail: returns nothing for zero lines or an empty file', async () => {
  assert.deepEqual(await readTail('a\n', 0), []);
  assert.deepEqual(await readTail('', 5), []);
});

test('log tail: reads lines across block boundaries', async () => {
  const lines = Array.from({ length: 20000 }, (_, index) => `line ${index + 1} ${'x'.repeat(20)}`);

  const tail = await readTail(`${lines.join('\n')}\n`, 3000);

  assert.equal(tail.length, 3000);
  assert.equal(tail[0], lines[17000]);
  assert.equal(tail[2999], lines[19999]);
});

test('log tail: keeps blank lines and multibyte text', async () => {
  assert.deepEqual(await readTail('héllo\n\n✓ done\n', 3), ['héllo', '', '✓ done']);
});
