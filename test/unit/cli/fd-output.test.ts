import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { FdOutput } from '../../../src/cli/fd-output.js';

function withFile(run: (fd: number, file: string) => void | Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'piku-fd-output-'));
  const file = path.join(dir, 'out');
  const fd = openSync(file, 'w');

  return Promise.resolve(run(fd, file)).finally(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));

  return () => Buffer.concat(chunks).toString('utf8');
}

test('fd output: writes to the descriptor', async () => {
  await withFile(async (fd, file) => {
    let realStreamCount = 0;
    const output = new FdOutput(fd, () => {
      realStreamCount += 1;
      return new PassThrough();
    });

    assert.equal(output.write('héllo '), true);
    assert.equal(output.write(Buffer.from('wörld\n')), true);
    await new Promise<void>((resolve) => output.write('done\n', () => resolve()));
    output.end('bye\n');

    assert.equal(readFileSync(file, 'utf8'), 'héllo wörld\ndone\nbye\n');
    assert.equal(realStreamCount, 0);
  });
});

test('fd output: failed write uses the real stream', async () => {
  await withFile((fd, file) => {
    const real = new PassThrough();
    const received = collect(real);
    // A descriptor opened for reading fails every write with EBADF.
    const readOnly = openSync(file, 'r');
    const output = new FdOutput(readOnly, () => real);

    output.write('first\n');
    output.write('second\n');
    closeSync(readOnly);

    assert.equal(received(), 'first\nsecond\n');
    assert.equal(readFileSync(file, 'utf8'), '');
  });
});

test('fd output: error listener gets real errors', async () => {
  await withFile((fd, file) => {
    const real = new PassThrough();
    const received = collect(real);
    const output = new FdOutput(fd, () => real);
    const errors: string[] = [];

    output.on('error', (error: Error) => errors.push(error.message));
    output.write('after the listener\n');
    real.emit('error', new Error('write EPIPE'));

    assert.deepEqual(errors, ['write EPIPE']);
    assert.equal(received(), 'after the listener\n');
    assert.equal(readFileSync(file, 'utf8'), '');
  });
});

test('fd output: full pipe queues on the real stream', async () => {
  // The reader starts late, so the pipe (64 KiB) fills and writeSync fails with EAGAIN.
  const reader = spawn('sh', ['-c', 'sleep 0.3; sha256sum'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const digest = new Promise<string>((resolve) => {
    let text = '';
    reader.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    reader.on('close', () => resolve(text.split(' ')[0]!));
  });
  const pipeFd = (reader.stdin as unknown as { _handle: { fd: number } })._handle.fd;
  const data = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < data.length; index += 1) data[index] = index % 251;

  const output = new FdOutput(pipeFd, () => reader.stdin);
  const isComplete = output.write(data);
  output.write('tail');
  reader.stdin.end();

  assert.equal(isComplete, false);
  assert.equal(await digest, createHash('sha256').update(data).update('tail').digest('hex'));
});

test('fd output: getStream routes later writes', async () => {
  await withFile((fd, file) => {
    const real = new PassThrough();
    const received = collect(real);
    const output = new FdOutput(fd, () => real);

    output.write('before\n');
    const stream = output.getStream();
    output.write('after\n');

    assert.equal(stream, real);
    assert.equal(readFileSync(file, 'utf8'), 'before\n');
    assert.equal(received(), 'after\n');
  });
});

test('fd output: listener on the real stream only', async () => {
  // As `logs` does: it takes the real stream and listens there, so the FdOutput has no listener.
  await withFile((fd) => {
    const real = new PassThrough();
    const output = new FdOutput(fd, () => real);
    const errors: string[] = [];
    output.getStream().on('error', (error: Error) => errors.push(error.message));

    real.emit('error', new Error('write EPIPE'));

    assert.deepEqual(errors, ['write EPIPE']);
  });
});

test('fd output: gone reader drops output', async () => {
  // The reader closes its end of the pipe at once, so a write to the pipe fails with EPIPE.
  const reader = spawn('sh', ['-c', 'exec 0<&-; echo closed; sleep 5'], { stdio: ['pipe', 'pipe', 'ignore'] });
  await new Promise((resolve) => reader.stdout.once('data', resolve));
  const pipeFd = (reader.stdin as unknown as { _handle: { fd: number } })._handle.fd;
  let realStreamCount = 0;
  const output = new FdOutput(pipeFd, () => {
    realStreamCount += 1;
    return new PassThrough();
  });

  assert.equal(output.write('first\n'), true);
  assert.equal(output.write('second\n'), true);
  assert.equal(realStreamCount, 0);
  reader.kill();
});
