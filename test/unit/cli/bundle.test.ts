// The one-file build that SSH keys and git hooks run (dist/bundle/piku-server.cjs, made by
// `npm run build`) must behave as the ES module build (dist/cli.js) does, with or without its
// code cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BUNDLE = path.join(REPO, 'dist', 'bundle', 'piku-server.cjs');
const MODULES = path.join(REPO, 'dist', 'cli.js');
const ROOT = mkdtempSync(path.join(tmpdir(), 'piku-bundle-'));
after(() => rmSync(ROOT, { recursive: true, force: true }));

// Runs `node [nodeFlags] script args` with PIKU_ROOT in a scratch directory.
function run(script: string, args: string[], nodeFlags: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...nodeFlags, script, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PIKU_ROOT: ROOT },
  });

  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('bundle: help matches the module build', () => {
  const expected = run(MODULES, ['help']);

  assert.equal(expected.status, 0);
  assert.deepEqual(run(BUNDLE, ['help']), expected);
});

test('bundle: rejected code cache still runs', () => {
  // V8 rejects a code cache made with other flags, as it would one from another Node version.
  assert.deepEqual(run(BUNDLE, ['help'], ['--no-opt']), run(MODULES, ['help']));
});

test('bundle: truncated code cache still runs', () => {
  // A copy, so the tests that run the real bundle at the same time keep their cache.
  const copy = path.join(ROOT, 'copy', 'dist', 'bundle');
  mkdirSync(copy, { recursive: true });
  for (const name of ['piku-server.cjs', 'cli.cjs', 'cli.cjs.cache']) copyFileSync(path.join(BUNDLE, '..', name), path.join(copy, name));
  const cache = readFileSync(path.join(copy, 'cli.cjs.cache'));
  writeFileSync(path.join(copy, 'cli.cjs.cache'), cache.subarray(0, Math.floor(cache.length / 2)));

  assert.deepEqual(run(path.join(copy, 'piku-server.cjs'), ['help']), run(MODULES, ['help']));
});

test('bundle: unknown command exits 2', () => {
  const result = run(BUNDLE, ['no-such-command']);

  assert.equal(result.status, 2);
  assert.match(result.stderr, /^ ! {5}Unknown command "no-such-command": run "help" to list the commands\.\n/);
  assert.deepEqual(result, run(MODULES, ['no-such-command']));
});

test('bundle: users opens the database', () => {
  const result = run(BUNDLE, ['users']);

  assert.deepEqual(result, { status: 0, stdout: 'USER  ROLE  APPS\n\nKEY  USER  ADDED\n\nTOKEN  USER  APP  STATUS  CREATED\n', stderr: '' });
  assert.equal(existsSync(path.join(ROOT, 'piku.db')), true);
});

test('bundle: piped command skips net modules', () => {
  // A config:get with its output on pipes must load neither node:net nor node:child_process,
  // because each costs milliseconds of every SSH command.
  const preload = path.join(ROOT, 'list-modules.cjs');
  const listFile = path.join(ROOT, 'modules.txt');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(listFile)}, process.moduleLoadList.join('\\n')));\n`);
  const result = run(BUNDLE, ['config:get', 'blog', 'GREETING'], ['--require', preload]);
  const loaded = readFileSync(listFile, 'utf8').split('\n');

  assert.deepEqual(result, { status: 1, stdout: '', stderr: ' !     App "blog" not found: push to it first, or run "apps" to list the apps.\n' });
  assert.deepEqual(loaded.filter((name) => /^NativeModule (net|child_process|stream)$/.test(name)), []);
});
