import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { extractCommit, runFile } from '../../../src/process/run-file.js';

test('runFile: exit status and output', async () => {
  assert.deepEqual(await runFile('sh', ['-c', 'echo "nginx: [emerg] bad" >&2; exit 3']), { exitCode: 3, output: 'nginx: [emerg] bad' });
  assert.deepEqual(await runFile('sh', ['-c', 'echo ok']), { exitCode: 0, output: 'ok' });
});

test('runFile: signal and missing program', async () => {
  assert.deepEqual(await runFile('sh', ['-c', 'kill -TERM $$']), { exitCode: 143, output: '' });
  assert.deepEqual(await runFile('piku-no-such-program', []), { exitCode: 127, output: 'piku-no-such-program: spawn piku-no-such-program ENOENT' });
});

test('extractCommit: tree written, bad commit rejected', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'piku-extract-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const repo = path.join(dir, 'repo');
  await mkdir(path.join(repo, 'sub'), { recursive: true });
  await writeFile(path.join(repo, 'sub', 'file.txt'), 'hello\n');
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@piku.invalid', ...args], { encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'one');
  const commit = git('rev-parse', 'HEAD').trim();
  const target = path.join(dir, 'release');
  await mkdir(target);

  await extractCommit(repo, commit, target);
  assert.equal(await readFile(path.join(target, 'sub', 'file.txt'), 'utf8'), 'hello\n');

  await assert.rejects(extractCommit(repo, 'f'.repeat(40), target), { message: `fatal: not a tree object: ${'f'.repeat(40)}` });
});

test('extractCommit: failed tar reported', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'piku-extract-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const missing = path.join(dir, 'missing');

  await assert.rejects(extractCommit(path.resolve(import.meta.dirname, '../../..'), 'HEAD', missing), {
    message: `tar: ${missing}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now`,
  });
});
