// The config commands over SSH against a deployed wsgi app: values reach the workers without a new
// deploy, are written raw and read back exactly, and a rejected change leaves envs/<app>/ENV as it was.
import assert from 'node:assert/strict';
import { readFileSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { deployApp } from '../helpers/deploy-app.js';
import { useSandbox, type CommandResult } from '../helpers/sandbox.js';

const APP = 'config-app';
const HOST = 'config-wsgi.test';

// Values that a shell or an ENV parser would change. Keys are written in this order.
const HOSTILE: [key: string, value: string][] = [
  ['DOLLAR', '$HOME'],
  ['HASH', 'a#b'],
  ['QUOTES', '"q"'],
  ['APOSTROPHE', "it's"],
  ['PERCENT', '100%'],
  ['SUBSTITUTION', '$(id)'],
];

const RESTART_STEPS = [
  '-----> Reading Procfile and ENV',
  '       Procfile: wsgi',
  '       Runtime: Python (requirements.txt)',
  '       (TIME)',
  '-----> Rendering uwsgi and nginx configuration',
  `       ${APP}_wsgi.1.SLOT.ini`,
  `       nginx vhost for ${HOST}`,
  '       (TIME)',
  '-----> Preparing the TLS certificate',
  '       The installed certificate stays until the release is live',
  '       (TIME)',
  '-----> Testing nginx configuration',
  '       The vhost is unchanged: nginx already runs it',
  '       (TIME)',
  '-----> Starting new HTTP workers in slot SLOT',
  `       ${APP}_wsgi.1.SLOT.ini`,
  '       (TIME)',
  '-----> Checking the new workers',
  '       wsgi.1: healthy after N attempt(s), status 200',
  '       (TIME)',
  '-----> Activating release 1',
  '       nginx now sends requests to slot SLOT, without a reload',
  '       Running 1 worker',
  '       The old workers of slot SLOT finish their requests and stop in 10 s',
  '       (TIME)',
  '-----> Checking the TLS certificate',
  `       Certificate for ${HOST} is valid until DATE`,
  '       (TIME)',
];

describe('config', () => {
  const getSandbox = useSandbox();
  const run = async (...words: string[]) => normalize(await getSandbox().ssh(words));
  const readEnvFile = () => readFileSync(path.join(getSandbox().root, 'envs', APP, 'ENV'), 'utf8');
  const getVariable = async (name: string) => (await getSandbox().httpGet(HOST, `/env/${name}`)).body;

  test('config: the fixture deploys and serves the repo value', async () => {
    const deploy = await deployApp(getSandbox(), 'config-wsgi', APP);

    assert.equal(deploy.exitCode, 0, deploy.output);
    await getSandbox().waitForBody(HOST, 'from repo');
  });

  test('config: lists the repo layer before any config:set', async () => {
    const expected = ['GREETING=from repo  (repo)', `NGINX_SERVER_NAME=${HOST}  (repo)`, 'REPO_ONLY=from repo  (repo)'].join('\n');

    assert.deepEqual(await run('config', APP), { exitCode: 0, stdout: expected, stderr: '' });
  });

  test('config:set restarts the workers without a deploy', async () => {
    const result = await run('config:set', APP, 'GREETING=hi');

    assert.deepEqual(result, { exitCode: 0, stdout: [`-----> Setting GREETING for app ${APP}`, ...RESTART_STEPS].join('\n'), stderr: '' });
    await getSandbox().waitForBody(HOST, 'hi');
    assert.equal(await countDeploys(run), 1);
    // nginx reaches the worker through a link that the change pointed at the new slot's socket.
    const db = new Database(path.join(getSandbox().root, 'piku.db'), { readonly: true });
    const { slot } = db.prepare('SELECT slot FROM app_slots WHERE app = ?').get(APP) as { slot: string };
    db.close();
    assert.equal(readlinkSync(path.join(getSandbox().root, 'nginx', `${APP}.wsgi.1.sock`)), `${APP}.wsgi.1.${slot}.sock`);
  });

  test('config:get prints the value alone', async () => {
    assert.deepEqual(await run('config:get', APP, 'GREETING'), { exitCode: 0, stdout: 'hi', stderr: '' });
  });

  test('config:set takes a quoted value with spaces', async () => {
    // What `ssh host config:set APP 'GREETING="hello all"'` sends once the local shell removed its quotes.
    const result = await run('config:set', APP, 'GREETING="hello all"');

    assert.equal(result.exitCode, 0, result.stderr);
    await getSandbox().waitForBody(HOST, 'hello all');
    assert.deepEqual(await run('config:get', APP, 'GREETING'), { exitCode: 0, stdout: 'hello all', stderr: '' });
    assert.match(readEnvFile(), /^GREETING='hello all'$/m);
  });

  test('config:set keeps hostile values literal', async () => {
    const result = await run('config:set', APP, ...HOSTILE.map(([key, value]) => quoteWord(`${key}=${value}`)));

    assert.deepEqual(result, { exitCode: 0, stdout: [...HOSTILE.map(([key]) => `-----> Setting ${key} for app ${APP}`), ...RESTART_STEPS].join('\n'), stderr: '' });
    assert.equal(
      readEnvFile(),
      `GREETING='hello all'\nDOLLAR='$HOME'\nHASH='a#b'\nQUOTES='"q"'\nAPOSTROPHE="it's"\nPERCENT=100%\nSUBSTITUTION='$(id)'\n`,
    );
    await getSandbox().waitForBody(HOST, 'hello all');
    for (const [key, value] of HOSTILE) {
      assert.deepEqual(await run('config:get', APP, key), { exitCode: 0, stdout: value, stderr: '' }, key);
      assert.equal(await getVariable(key), value, key);
    }
  });

  test('config:set rejects a bare word and writes nothing', async () => {
    const before = readEnvFile();
    const result = await run('config:set', APP, 'GREETING=hello', 'all');

    assert.deepEqual(result, {
      exitCode: 2,
      stdout: '',
      stderr: ` !     Argument 2 after the app name (the word after GREETING=...) has no "=": write each setting as KEY=VALUE and quote a value with spaces as one word, e.g. 'GREETING="hello all"'. Nothing was written.`,
    });
    assert.equal(readEnvFile(), before);
  });

  test('config:set rejects an invalid key and writes nothing', async () => {
    const before = readEnvFile();
    const result = await run('config:set', APP, 'GOOD=1', 'MY-KEY=1');

    assert.deepEqual(result, {
      exitCode: 2,
      stdout: '',
      stderr: ' !     Config key "MY-KEY" is invalid: use letters, digits and "_", starting with a letter or "_". Nothing was written.',
    });
    assert.equal(readEnvFile(), before);
  });

  test('config:set puts the old file back when the restart fails', async () => {
    const before = readEnvFile();
    const result = await run('config:set', APP, 'NGINX_SERVER_NAME=bad;name');

    assert.equal(result.exitCode, 1);
    assert.equal(result.stderr, ` !     Config change of app "${APP}" failed, so envs/${APP}/ENV is back to its previous content: fix the cause shown above and run the command again.`);
    assert.match(result.stdout, /^ ! {5}Config change failed at step "render": nothing live changed\.$/m);
    assert.equal(readEnvFile(), before);
    assert.equal((await getSandbox().httpGet(HOST)).body, 'hello all');
  });

  test('config: marks the layer of each key', async () => {
    const expected = [
      'APOSTROPHE=it\'s  (app)',
      'DOLLAR=$HOME  (app)',
      'GREETING=hello all  (app, overrides repo)',
      'HASH=a#b  (app)',
      `NGINX_SERVER_NAME=${HOST}  (repo)`,
      'PERCENT=100%  (app)',
      'QUOTES="q"  (app)',
      'REPO_ONLY=from repo  (repo)',
      'SUBSTITUTION=$(id)  (app)',
    ].join('\n');

    assert.deepEqual(await run('config', APP), { exitCode: 0, stdout: expected, stderr: '' });
  });

  test('config:live shows the environment of the last start', async () => {
    const result = await run('config:live', APP);
    const lines = result.stdout.split('\n');

    assert.equal(result.exitCode, 0);
    for (const line of ['GREETING=hello all', 'DOLLAR=$HOME', `APP=${APP}`, 'REPO_ONLY=from repo']) assert.ok(lines.includes(line), line);
  });

  test('config:set --no-restart only writes the file', async () => {
    const result = await run('config:set', APP, 'GREETING=later', '--no-restart');

    assert.deepEqual(result, {
      exitCode: 0,
      stdout: [`-----> Setting GREETING for app ${APP}`, '       Not restarted (--no-restart): the workers get the change at the next deploy or restart.'].join('\n'),
      stderr: '',
    });
    assert.deepEqual(await run('config:get', APP, 'GREETING'), { exitCode: 0, stdout: 'later', stderr: '' });
    // The emperor checks its vassals every second; a restart would show within this wait.
    await sleep(3000);
    assert.equal((await getSandbox().httpGet(HOST)).body, 'hello all');
  });

  test('config:unset removes a key and restarts the workers', async () => {
    const result = await run('config:unset', APP, 'DOLLAR', 'GREETING', 'REPO_ONLY', 'NEVER_SET');

    assert.deepEqual(result, {
      exitCode: 0,
      stdout: [
        `-----> Removing DOLLAR from app ${APP}`,
        `-----> Removing GREETING from app ${APP}`,
        "       REPO_ONLY comes from the repo's ENV file, which config:unset cannot change: remove it there and push.",
        `       NEVER_SET is not set for app ${APP}: nothing to remove.`,
        ...RESTART_STEPS,
      ].join('\n'),
      stderr: '',
    });
    await getSandbox().waitForBody(HOST, 'from repo');
    assert.deepEqual(await run('config:get', APP, 'DOLLAR'), {
      exitCode: 1,
      stdout: '',
      stderr: ` !     Config key "DOLLAR" is not set for app "${APP}": set it with "config:set ${APP} DOLLAR=VALUE", or run "config ${APP}" to list the keys.`,
    });
    assert.equal(await countDeploys(run), 1);
  });

  // TODO(vassals unset removed variables, e.g. with uwsgi "unenv"): a vassal reload re-executes the
  // uwsgi master with its old environment, so a removed variable stays until a cold start.
  test('config:unset removes the variable from the workers', async () => {
    assert.equal(await getVariable('DOLLAR'), '<unset>');
  });

  test('config: a missing app is not found', async () => {
    assert.deepEqual(await run('config', 'no-such-app'), {
      exitCode: 1,
      stdout: '',
      stderr: ' !     App "no-such-app" not found: push to it first, or run "apps" to list the apps.',
    });
  });

  test('config:get without a key is a usage error', async () => {
    assert.deepEqual(await run('config:get', APP), {
      exitCode: 2,
      stdout: '',
      stderr: ` !     Invalid use of "config:get": missing required argument 'key'.`,
    });
  });

  test('nginx:render: missing wsgi link recreated', async () => {
    const link = path.join(getSandbox().root, 'nginx', `${APP}.wsgi.1.sock`);
    const target = readlinkSync(link);
    rmSync(link);

    const result = await getSandbox().ssh(['nginx:render']);

    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^ {7}0 updated, 1 unchanged, 0 skipped$/m);
    assert.equal(readlinkSync(link), target);
    assert.equal((await getSandbox().httpGet(HOST, '/env/GREETING')).status, 200);
  });
});

// Durations and certificate dates change from run to run: "(0.04 s)" -> "(TIME)",
// "valid until 2027-12-04" -> "valid until DATE".
function normalize(result: CommandResult): CommandResult {
  // The HTTP workers alternate between the slots blue and green on every restart.
  const stdout = result.stdout
    .replace(/\(\d+\.\d{2} s\)/g, '(TIME)')
    .replace(/valid until \d{4}-\d{2}-\d{2}$/gm, 'valid until DATE')
    .replace(/\b(blue|green)\b/g, 'SLOT')
    .replace(/healthy after \d+ attempt/g, 'healthy after N attempt')
    // Present only when the previous change's old workers were still draining: timing, not behaviour.
    .replace(/^ {7}Stopped the (retirement of the previous slot|old workers of slot).*\n/gm, '');

  return { ...result, stdout };
}

// Quotes a word for the server's shell-like splitting of the SSH command line: it's -> 'it'\''s'.
function quoteWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

async function countDeploys(run: (...words: string[]) => Promise<CommandResult>): Promise<number> {
  const result = await run('deploys', APP);
  assert.equal(result.exitCode, 0, result.stderr);

  // One header line, then one line per deploy.
  return result.stdout.split('\n').length - 1;
}
