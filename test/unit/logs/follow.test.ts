import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { LogFollower } from '../../../src/logs/follow.js';

const dir = mkdtempSync(path.join(tmpdir(), 'follow-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileNumber = 0;

function createLog(text: string): string {
  const file = path.join(dir, `worker.${++fileNumber}.log`);
  writeFileSync(file, text);

  return file;
}

async function readNew(follower: LogFollower): Promise<string[]> {
  return (await follower.readNewLines()).map((line) => line.toString('utf8'));
}

test('log follow: starts at the end of the file', async () => {
  const file = createLog('old 1\nold 2\n');
  const follower = new LogFollower(file);
  await follower.start();

  appendFileSync(file, 'new 1\nnew 2\n');

  assert.deepEqual(await readNew(follower), ['new 1', 'new 2']);
  assert.deepEqual(await readNew(follower), []);
  await follower.close();
});

test('log follow: waits for the end of a line', async () => {
  const file = createLog('');
  const follower = new LogFollower(file);
  await follower.start();

  appendFileSync(file, 'hal');
  assert.deepEqual(await readNew(follower), []);
  appendFileSync(file, 'f done\n');

  assert.deepEqual(await readNew(follower), ['half done']);
  await follower.close();
});

test('log follow: continues in the new file after a rotation', async () => {
  const file = createLog('before\n');
  const follower = new LogFollower(file);
  await follower.start();

  // As uwsgi's log-maxsize does: the last lines go to the old file, which is renamed, and a new file
  // takes its place.
  appendFileSync(file, 'last old line\n');
  renameSync(file, `${file}.old`);
  writeFileSync(file, 'first new line\n');

  assert.deepEqual(await readNew(follower), ['last old line', 'first new line']);
  appendFileSync(file, 'second new line\n');
  assert.deepEqual(await readNew(follower), ['second new line']);
  await follower.close();
});

test('log follow: waits while a rotated file is not yet replaced', async () => {
  const file = createLog('');
  const follower = new LogFollower(file);
  await follower.start();

  appendFileSync(file, 'old\n');
  renameSync(file, `${file}.old`);
  assert.deepEqual(await readNew(follower), ['old']);
  writeFileSync(file, 'new\n');

  assert.deepEqual(await readNew(follower), ['new']);
  await follower.close();
});

test('log follow: reads a truncated file from its start', async () => {
  const file = createLog('one\ntwo\n');
  const follower = new LogFollower(file);
  await follower.start();

  truncateSync(file, 0);
  appendFileSync(file, 'again\n');

  assert.deepEqual(await readNew(follower), ['again']);
  await follower.close();
});

test('log follow: reads a file that appears later from its start', async () => {
  const file = path.join(dir, 'later.1.log');
  const follower = new LogFollower(file);
  assert.equal(await follower.start(), undefined);

  writeFileSync(file, 'hello\n');

  assert.deepEqual(await readNew(follower), ['hello']);
  await follower.close();
});
