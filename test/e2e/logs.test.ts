// `logs` over SSH: the last lines of each worker log with a "kind.n | " prefix, then following,
// across uwsgi's own log rotation, until the client goes away.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { execa } from 'execa';
import { deployApp } from '../helpers/deploy-app.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';

const NUMBERS = 'logs-numbers';
const FAST = 'logs-fast';
const NODE = 'logs-node';

describe('logs', () => {
  const getSandbox = useSandbox();
  const ssh = (...words: string[]) => getSandbox().ssh(words);
  const logFile = (app: string, name: string) => path.join(getSandbox().root, 'logs', app, name);

  test('logs: the fixtures deploy', async () => {
    for (const app of [NUMBERS, FAST]) {
      const deploy = await deployApp(getSandbox(), app, app);
      assert.equal(deploy.exitCode, 0, deploy.output);
    }
    await waitFor(() => readText(logFile(NUMBERS, 'worker.1.log')).includes('line 20\n'), 'line 20 in the worker log');
  });

  test('logs: prints the last lines with the worker prefix', async () => {
    const expected = [16, 17, 18, 19, 20].map((number) => `worker.1 | line ${number}`).join('\n');

    assert.deepEqual(await ssh('logs', NUMBERS, '--no-follow', '-n', '5'), { exitCode: 0, stdout: expected, stderr: '' });
  });

  test('logs: shows what a Node worker prints', async () => {
    const deploy = await deployApp(getSandbox(), NODE, NODE);
    assert.equal(deploy.exitCode, 0, deploy.output);
    await waitFor(() => readText(logFile(NODE, 'worker.1.log')).includes('from stderr\n'), 'the stderr line in the worker log');

    const result = await ssh('logs', NODE, '--no-follow', '-n', '50');

    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(
      result.stdout.split('\n').filter((line) => line.includes(' from ')),
      ['worker.1 | from console.log', 'worker.1 | from stderr'],
    );
  });

  test('logs: rejects a kind the app does not have', async () => {
    assert.deepEqual(await ssh('logs', NUMBERS, 'web', '--no-follow'), {
      exitCode: 2,
      stdout: '',
      stderr: ' !     App "logs-numbers" has no process kind "web": use one of worker.',
    });
  });

  test('logs: rejects a line count that is not a number', async () => {
    assert.deepEqual(await ssh('logs', NUMBERS, '-n', 'ten'), {
      exitCode: 2,
      stdout: '',
      stderr: ` !     Invalid use of "logs": option '-n, --lines <count>' argument 'ten' is invalid. Use a whole number of 0 or more.`,
    });
  });

  test('logs: follows a worker that starts later', async () => {
    const follow = startFollowing(getSandbox(), ['logs', NUMBERS, 'worker', '-n', '1']);
    await follow.waitForText('worker.1 | line 20\n');

    const scale = await ssh('ps:scale', NUMBERS, 'worker=2');
    assert.equal(scale.exitCode, 0, scale.stdout);

    await follow.waitForText('worker.2 | line 20\n');
    await follow.stop();
    assert.ok(follow.text().startsWith('worker.1 | line 20\n'), follow.text());
    // No worker writes now, so only the check of its parent, sshd, ends the command.
    await waitFor(async () => !(await isLogsCommandRunning(NUMBERS)), 'the idle logs command to end after the client left');
  });

  test('logs: follow survives a rotation and stops with the client', async () => {
    const follow = startFollowing(getSandbox(), ['logs', FAST, '-n', '0']);
    const isRotated = () => readdirSync(path.dirname(logFile(FAST, 'worker.1.log'))).includes('worker.1.log.old');
    const rotationsBefore = countRotations(follow.text());
    await waitFor(() => countRotations(follow.text()) >= rotationsBefore + 2, 'two rotations while following', 60_000);
    await follow.stop();

    assert.ok(isRotated());
    const numbers = [...follow.text().matchAll(/^worker\.1 \| count (\d+)$/gm)].map((match) => Number(match[1]));
    assert.ok(numbers.length > 100, follow.text());
    const gaps = numbers.slice(1).filter((number, index) => number !== numbers[index]! + 1);
    assert.deepEqual(gaps, [], 'every line between the first and the last arrives once');
    await waitFor(async () => !(await isLogsCommandRunning(FAST)), 'the logs command to end after the client left');
  });
});

interface Following {
  text: () => string;
  waitForText: (text: string) => Promise<void>;
  stop: () => Promise<void>;
}

// Runs `ssh <words>` in the background and collects its output until stop() ends the client.
function startFollowing(sandbox: Sandbox, words: string[]): Following {
  const sshWords = sandbox.env.GIT_SSH_COMMAND!.split(' ');
  const client = execa(sshWords[0]!, [...sshWords.slice(1), sandbox.env.PIKU_REMOTE!, ...words], { buffer: false, reject: false, stdin: 'ignore' });
  let output = '';
  client.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  return {
    text: () => output,
    waitForText: (text) => waitFor(() => output.includes(text), `"${text.trim()}" in the output:\n${output}`),
    stop: async () => {
      client.kill('SIGTERM');
      await client;
    },
  };
}

function countRotations(text: string): number {
  return [...text.matchAll(/triggering rotation to /g)].length;
}

// True while a CLI started by sshd for `logs APP` still runs on the server (it is our own host).
async function isLogsCommandRunning(app: string): Promise<boolean> {
  const result = await execa('grep', ['-lsa', `SSH_ORIGINAL_COMMAND=logs ${app} `, ...listEnvironFiles()], { reject: false });

  return result.stdout.trim() !== '';
}

function listEnvironFiles(): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .map((name) => `/proc/${name}/environ`);
}

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
