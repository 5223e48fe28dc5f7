import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { runClient } from '../../../src/client/run-client.js';
import { splitWords } from '../../../src/cli/split-words.js';

// A real program replaces ssh: it writes its arguments, one per line, to ARGS_FILE and exits
// with SSH_EXIT_STATUS, so each test sees exactly what ssh would have been given.
const base = mkdtempSync(path.join(tmpdir(), 'piku-client-run-'));
after(() => rmSync(base, { recursive: true, force: true }));
const recorder = path.join(base, 'record-ssh');
const argsFile = path.join(base, 'args');
writeFileSync(recorder, '#!/bin/sh\nprintf "%s\\n" "$@" > "$ARGS_FILE"\nexit "${SSH_EXIT_STATUS:-0}"\n');
chmodSync(recorder, 0o755);

const ENV = {
  PATH: process.env.PATH,
  HOME: base,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_SSH_COMMAND: `${recorder} -o BatchMode=yes`,
  ARGS_FILE: argsFile,
  PIKU_SERVER: 'piku@main.example',
  PIKU_APP: 'blog',
};

async function runRecorded(argv: string[], env: Record<string, string | undefined> = {}, isTerminal = false) {
  rmSync(argsFile, { force: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const status = await runClient(argv, { env: { ...ENV, ...env }, cwd: base, stdout, stderr, isTerminal });
  const recorded = readFileSync(argsFile, 'utf8').replace(/\n$/, '');

  return { status, sshArgs: recorded.split('\n'), stdout: stdout.read()?.toString() ?? '', stderr: stderr.read()?.toString() ?? '' };
}

test('client run: hostile config value reaches the server as one word', async () => {
  const value = `GREETING=hello all, it's "$HOME" \\ *`;
  const { status, sshArgs } = await runRecorded(['config:set', value]);

  assert.equal(status, 0);
  assert.deepEqual(sshArgs.slice(0, 4), ['-o', 'BatchMode=yes', '--', 'piku@main.example']);
  assert.equal(sshArgs.length, 5);
  assert.deepEqual(splitWords(sshArgs[4]!), ['config:set', 'blog', value]);
});

test('client run: port of an ssh url goes before the destination', async () => {
  const { sshArgs } = await runRecorded(['apps'], { PIKU_SERVER: 'ssh://piku@main.example:2222' });

  assert.deepEqual(sshArgs, ['-o', 'BatchMode=yes', '-p', '2222', '--', 'piku@main.example', 'apps']);
});

test('client run: run gets a terminal only from a terminal', async () => {
  const interactive = await runRecorded(['run', 'ls', '-la'], {}, true);
  const piped = await runRecorded(['run', 'ls', '-la'], {}, false);

  assert.deepEqual(interactive.sshArgs, ['-o', 'BatchMode=yes', '-t', '--', 'piku@main.example', 'run blog ls -la']);
  assert.deepEqual(piped.sshArgs, ['-o', 'BatchMode=yes', '--', 'piku@main.example', 'run blog ls -la']);
});

test('client run: exit status of ssh is returned', async () => {
  const { status } = await runRecorded(['run', 'false'], { SSH_EXIT_STATUS: '3' });

  assert.equal(status, 3);
});

test('client run: missing ssh program is a clear error', async () => {
  const stderr = new PassThrough();
  const status = await runClient(['apps'], { env: { ...ENV, GIT_SSH_COMMAND: '', PATH: base }, cwd: base, stderr });

  assert.equal(status, 1);
  assert.equal(stderr.read().toString(), ' !     SSH client "ssh" could not be started: spawn ssh ENOENT. Install OpenSSH, or fix GIT_SSH_COMMAND or git\'s core.sshCommand.\n');
});

test('client run: no server outside a checkout is a clear error', async () => {
  const stderr = new PassThrough();
  const status = await runClient(['apps'], { env: { ...ENV, PIKU_SERVER: undefined }, cwd: base, stderr });

  assert.equal(status, 2);
  assert.equal(stderr.read().toString(), ` !     No piku server is configured for "${base}": add a git remote with "git remote add piku piku@HOST:APP", or set PIKU_SERVER=piku@HOST.\n`);
});

test('client run: unknown client option is a usage error', async () => {
  const stderr = new PassThrough();
  const status = await runClient(['--bogus', 'apps'], { env: ENV, cwd: base, stderr });

  assert.equal(status, 2);
  assert.equal(stderr.read().toString(), ' !     Invalid use of "piku": unknown option \'--bogus\'.\n');
});

test('client run: help asks the server for its commands', async () => {
  const { status, sshArgs, stdout } = await runRecorded(['--help']);

  assert.equal(status, 0);
  assert.deepEqual(sshArgs, ['-o', 'BatchMode=yes', '--', 'piku@main.example', 'help']);
  assert.match(stdout, /^Usage: piku \[-r REMOTE\] COMMAND \[ARGS\.\.\.\]\n/);
  assert.ok(stdout.endsWith('\nServer: piku@main.example (PIKU_SERVER)\nApp:    blog (PIKU_APP)\n\n'), stdout);
});
