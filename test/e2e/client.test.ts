// The laptop-side `piku` command against a real sandbox: it finds the server and app from the
// checkout's git remote (or -r, or PIKU_SERVER and PIKU_APP), quotes every argument so it arrives
// as typed, and returns the server's exit status. piku's own shell client must keep working too.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { execa } from 'execa';
import { deployApp } from '../helpers/deploy-app.js';
import { REPO_DIR, useSandbox, type CommandResult, type Sandbox } from '../helpers/sandbox.js';

const CLIENT = path.join(REPO_DIR, 'dist', 'client.js');
const APP = 'client-app';
const HOST = 'python-wsgi.test';
let getSandbox: () => Sandbox;
let checkout = '';

// Runs `node dist/client.js ARGS` with no PIKU_* or GIT_SSH_COMMAND from the test's own
// environment. In the checkout, git's core.sshCommand (set by deployApp) carries the sandbox key.
async function runPiku(args: string[], { cwd = checkout, env = {} }: { cwd?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
  const result = await execa('node', [CLIENT, ...args], { cwd, env: { ...getCleanEnv(), ...env }, extendEnv: false, input: '', reject: false, timeout: 120_000 });

  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function getCleanEnv(): Record<string, string> {
  const entries = Object.entries(process.env).filter(([key]) => !key.startsWith('PIKU_') && key !== 'GIT_SSH_COMMAND');

  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

// Inside a describe the before hooks run one after another, but Node 20 starts root-level ones together.
describe('client', () => {
  getSandbox = useSandbox();
  before(async () => {
    const deploy = await deployApp(getSandbox(), 'python-wsgi', APP);
    assert.equal(deploy.exitCode, 0, deploy.output);
    checkout = deploy.workdir;
    // A second remote in the ssh:// form, with the port in the URL.
    await execa('git', ['remote', 'add', 'other', `ssh://${getSandbox().env.PIKU_REMOTE}:${getSandbox().sshPort}/${APP}.git`], { cwd: checkout });
  });

  test('client: config:set typed in a shell keeps the spaced value', async () => {
    const set = await execa('sh', ['-c', `node ${CLIENT} config:set GREETING="hello all"`], { cwd: checkout, env: getCleanEnv(), extendEnv: false, reject: false });
    assert.equal(set.exitCode, 0, `${set.stdout}\n${set.stderr}`);

    const get = await runPiku(['config:get', 'GREETING']);

    assert.deepEqual(get, { exitCode: 0, stdout: 'hello all', stderr: '' });
    await getSandbox().waitForBody(HOST, 'python-wsgi version 1 greeting hello all\n');
  });

  test('client: hostile value arrives exactly', async () => {
    const value = `it's "quoted" $HOME \${HOME} \`id\` $(id) back\\slash * ?; done &`;
    const set = await runPiku(['config:set', '--no-restart', `WEIRD=${value}`]);
    assert.equal(set.exitCode, 0, set.stderr);

    const get = await runPiku(['config:get', 'WEIRD']);

    assert.deepEqual(get, { exitCode: 0, stdout: value, stderr: '' });
  });

  test('client: value with a newline is rejected before ssh', async () => {
    const result = await runPiku(['config:set', 'A=1', 'B=two\nlines']);

    assert.deepEqual(result, {
      exitCode: 2,
      stdout: '',
      stderr: ' !     Argument 2 of "config:set" contains a newline or carriage return, which an SSH command line cannot carry: put the value on one line, e.g. encoded as base64.',
    });
  });

  test('client: deploys and deploy:log match the server', async () => {
    for (const command of ['deploys', 'deploy:log']) {
      const fromClient = await runPiku([command]);
      const fromSsh = await getSandbox().ssh([command, APP]);

      assert.equal(fromClient.exitCode, 0, fromClient.stderr);
      assert.equal(fromClient.stdout, fromSsh.stdout);
    }
  });

  test('client: -r takes server and app from another remote', async () => {
    const result = await runPiku(['-r', 'other', 'config:get', 'GREETING']);

    assert.deepEqual(result, { exitCode: 0, stdout: 'hello all', stderr: '' });
  });

  test('client: -r with a missing remote is an error', async () => {
    const result = await runPiku(['--remote', 'nope', 'apps']);

    assert.deepEqual(result, {
      exitCode: 2,
      stdout: '',
      stderr: ` !     Git remote "nope" not found in "${checkout}": list the remotes with "git remote -v", or add it with "git remote add nope piku@HOST:APP".`,
    });
  });

  test('client: PIKU_SERVER and PIKU_APP work outside a checkout', async () => {
    const sandbox = getSandbox();
    const env = { PIKU_SERVER: sandbox.env.PIKU_REMOTE!, PIKU_APP: APP, GIT_SSH_COMMAND: sandbox.env.GIT_SSH_COMMAND! };
    const result = await runPiku(['config:get', 'GREETING'], { cwd: sandbox.dir, env });

    assert.deepEqual(result, { exitCode: 0, stdout: 'hello all', stderr: '' });
  });

  test('client: PIKU_SERVER in ssh:// form carries the port', async () => {
    const sandbox = getSandbox();
    const sshWithoutPort = sandbox.env.GIT_SSH_COMMAND!.replace(/ -p \d+/, '');
    const env = { PIKU_SERVER: `ssh://${sandbox.env.PIKU_REMOTE}:${sandbox.sshPort}`, PIKU_APP: APP, GIT_SSH_COMMAND: sshWithoutPort };
    const result = await runPiku(['config:get', 'GREETING'], { cwd: sandbox.dir, env });

    assert.deepEqual(result, { exitCode: 0, stdout: 'hello all', stderr: '' });
  });

  test('client: no server outside a checkout is an error', async () => {
    const result = await runPiku(['apps'], { cwd: getSandbox().dir });

    assert.deepEqual(result, {
      exitCode: 2,
      stdout: '',
      stderr: ` !     No piku server is configured for "${getSandbox().dir}": add a git remote with "git remote add piku piku@HOST:APP", or set PIKU_SERVER=piku@HOST.`,
    });
  });

  test('client: app command with no app known is an error', async () => {
    const sandbox = getSandbox();
    const env = { PIKU_SERVER: sandbox.env.PIKU_REMOTE!, GIT_SSH_COMMAND: sandbox.env.GIT_SSH_COMMAND! };
    const result = await runPiku(['deploys'], { cwd: sandbox.dir, env });

    assert.deepEqual(result, {
      exitCode: 2,
      stdout: '',
      stderr: ' !     Command "deploys" needs an app and none is known: run it in a checkout whose "piku" remote is piku@HOST:APP, pass -r REMOTE, or set PIKU_APP.',
    });
  });

  test('client: server error keeps its exit status', async () => {
    const result = await runPiku(['config:get', 'NOT_SET_ANYWHERE']);
    const fromSsh = await getSandbox().ssh(['config:get', APP, 'NOT_SET_ANYWHERE']);

    assert.notEqual(result.exitCode, 0);
    assert.deepEqual(result, fromSsh);
  });

  test('client: run returns the command exit status', async () => {
    const result = await runPiku(['run', 'sh', '-c', 'exit 3']);

    assert.equal(result.exitCode, 3, result.stderr);
  });

  test('client: help shows client options and server commands', async () => {
    const result = await runPiku(['help']);
    const serverHelp = await getSandbox().ssh(['help']);

    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /^Usage: piku \[-r REMOTE\] COMMAND \[ARGS\.\.\.\]\n/);
    assert.match(result.stdout, /\n {2}-r, --remote NAME {2}take the server and app from git remote NAME instead of "piku"\n/);
    assert.ok(result.stdout.includes(`\nServer: ${getSandbox().env.PIKU_REMOTE} (git remote "piku")\nApp:    ${APP} (git remote "piku")\n\n`), result.stdout);
    assert.ok(result.stdout.endsWith(`\n\n${serverHelp.stdout}`), result.stdout);
  });

  // piku's shell client runs `ssh SERVER "$cmd" "$app" "$@"`: ssh joins the words with spaces.
  test('client: piku shell client calls still work', async () => {
    const sandbox = getSandbox();
    const set = await sandbox.ssh(['config:set', APP, 'PLAIN=value']);
    assert.equal(set.exitCode, 0, set.stderr);

    const get = await sandbox.ssh(['config:get', APP, 'PLAIN']);
    const apps = await sandbox.ssh(['apps']);

    assert.deepEqual(get, { exitCode: 0, stdout: 'value', stderr: '' });
    assert.equal(apps.exitCode, 0, apps.stderr);
    assert.match(apps.stdout, new RegExp(`^APP +STATE +LATEST DEPLOY\\n${APP} +running .+ +succeeded [0-9a-f]{12} `));
    assert.deepEqual(await runPiku(['apps']), apps);
  });
});
