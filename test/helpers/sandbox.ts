// A running test bed for end-to-end tests: `scripts/sandbox up` in a fresh temp directory, with
// helpers to run CLI commands over SSH and to send HTTP requests through the sandbox's nginx.
import { after, afterEach, before } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { httpGet, waitForBody, type HttpResponse } from './sandbox-http.js';
import { readSandboxLogs } from './sandbox-logs.js';

export const REPO_DIR = path.resolve(import.meta.dirname, '..', '..');
const SANDBOX_SCRIPT = path.join(REPO_DIR, 'scripts', 'sandbox');
const COMMAND_TIMEOUT_MS = 180_000;
// Sandboxes not stopped yet, stopped at exit when a test file ends without its after hooks.
const RUNNING_DIRS = new Set<string>();
process.on('exit', () => {
  for (const dir of RUNNING_DIRS) execFileSync(SANDBOX_SCRIPT, ['down', '--purge', dir], { stdio: 'ignore' });
});

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  dir: string;
  /** The exports of `scripts/sandbox env`: PIKU_ROOT, GIT_SSH_COMMAND, PIKU_REMOTE, ... */
  env: Record<string, string>;
  root: string;
  httpPort: number;
  /** Port of the app vhosts' HTTPS listeners; nothing listens there until an app has a certificate. */
  httpsPort: number;
  sshPort: number;
  /** Runs `ssh <remote> <args>` with the sandbox key and resolves with the exit code instead of throwing. */
  ssh(args: string[], options?: { input?: string }): Promise<CommandResult>;
  httpGet(host: string, urlPath?: string): Promise<HttpResponse>;
  /** Polls until the body for `host` equals or matches `expected`, and rejects with the last response on timeout. */
  waitForBody(host: string, expected: string | RegExp, timeoutMs?: number): Promise<HttpResponse>;
  /** Runs `scripts/sandbox down --purge`. With printLogs, it first writes the server and worker logs to stderr. */
  stop(options?: { printLogs?: boolean }): Promise<void>;
}

// Starts a sandbox in a new temp directory, and rejects with the script's output when `up` fails.
export async function startSandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'piku-sandbox-'));
  const up = await execa(SANDBOX_SCRIPT, ['up', dir], { all: true, reject: false, timeout: COMMAND_TIMEOUT_MS });
  if (up.exitCode !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`scripts/sandbox up ${dir} failed with exit code ${up.exitCode}:\n${up.all}`);
  }

  RUNNING_DIRS.add(dir);
  const env = parseExports(await readFile(path.join(dir, 'sandbox.env'), 'utf8'));

  return createSandbox(dir, env);
}

// Starts one sandbox before the tests of the calling suite and stops it after them, printing its logs
// when a test failed. Returns a getter because the sandbox exists only once `before` has run. Call
// it inside a describe when another before hook uses the sandbox: Node 20 runs root-level before
// hooks concurrently, and those inside a describe one after another.
export function useSandbox(): () => Sandbox {
  let sandbox: Sandbox | undefined;
  let hasFailure = false;
  before(async () => {
    sandbox = await startSandbox();
  });
  // NOTE: TestContext.passed exists in Node 20.20 but is missing from @types/node 20.
  afterEach((context) => {
    if (Reflect.get(context, 'passed') === false) hasFailure = true;
  });
  after(async () => sandbox?.stop({ printLogs: hasFailure }));

  return () => {
    if (!sandbox) throw new Error('The sandbox is not started: call the getter inside a test.');

    return sandbox;
  };
}

// Parses the `export KEY='value'` lines that scripts/sandbox writes.
export function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)='(.*)'$/.exec(line);
    if (match) env[match[1]!] = match[2]!.replaceAll(`'\\''`, `'`);
  }

  return env;
}

function createSandbox(dir: string, env: Record<string, string>): Sandbox {
  const httpPort = Number(env.PIKU_HTTP_PORT);
  const sshWords = (env.GIT_SSH_COMMAND ?? '').split(' ');
  let isStopped = false;

  return {
    dir,
    env,
    root: env.PIKU_ROOT ?? path.join(dir, 'root'),
    httpPort,
    httpsPort: Number(env.PIKU_HTTPS_PORT),
    sshPort: Number(env.PIKU_SSH_PORT),
    ssh: async (args, { input } = {}) => {
      const result = await execa(sshWords[0]!, [...sshWords.slice(1), env.PIKU_REMOTE!, ...args], {
        input: input ?? '',
        reject: false,
        timeout: COMMAND_TIMEOUT_MS,
      });

      return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    httpGet: (host, urlPath = '/') => httpGet(httpPort, host, urlPath),
    waitForBody: (host, expected, timeoutMs = 20_000) => waitForBody(httpPort, host, expected, timeoutMs),
    stop: async ({ printLogs = false } = {}) => {
      if (isStopped) return;

      isStopped = true;
      RUNNING_DIRS.delete(dir);
      if (printLogs) process.stderr.write(await readSandboxLogs(dir));
      await execa(SANDBOX_SCRIPT, ['down', '--purge', dir], { timeout: COMMAND_TIMEOUT_MS });
    },
  };
}
