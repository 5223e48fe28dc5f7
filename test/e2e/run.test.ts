// `run` over SSH: a one-off command in the live release with the app's environment, its stdin
// passed through and its exit status returned.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deployApp } from '../helpers/deploy-app.js';
import { useSandbox } from '../helpers/sandbox.js';

const APP = 'run-app';

describe('run', () => {
  const getSandbox = useSandbox();
  const ssh = (words: string[], input?: string) => getSandbox().ssh(words, { input });

  test('run: the fixture deploys', async () => {
    const deploy = await deployApp(getSandbox(), 'run-shell', APP);

    assert.equal(deploy.exitCode, 0, deploy.output);
  });

  test('run: exits with the status of the command', async () => {
    // The quotes reach the server, as with `ssh host "run APP sh -c 'exit 7'"`.
    const result = await ssh(['run', APP, 'sh', '-c', "'exit 7'"]);

    assert.deepEqual(result, { exitCode: 7, stdout: '', stderr: '' });
  });

  test('run: reports a signal as 128 plus its number', async () => {
    // $$ is the shell that runs the command line, so the shell itself ends by SIGTERM (15).
    const result = await ssh(['run', APP, 'kill', '-TERM', '$$']);

    assert.deepEqual(result, { exitCode: 143, stdout: '', stderr: '' });
  });

  test('run: passes stdin to the command', async () => {
    assert.deepEqual(await ssh(['run', APP, 'cat'], 'hi\n'), { exitCode: 0, stdout: 'hi', stderr: '' });
  });

  test('run: runs in the live release with its environment', async () => {
    const result = await ssh(['run', APP, 'sh', '-c', "'echo $APP $GREETING; pwd; ls'"]);

    assert.deepEqual(result, {
      exitCode: 0,
      stdout: `run-app from repo\n${getSandbox().root}/apps/${APP}\nENV\nProcfile`,
      stderr: '',
    });
  });

  test('run: sees values set with config:set', async () => {
    const set = await ssh(['config:set', APP, 'GREETING=from-config']);
    assert.equal(set.exitCode, 0, set.stderr);

    assert.deepEqual(await ssh(['run', APP, 'printenv', 'GREETING']), { exitCode: 0, stdout: 'from-config', stderr: '' });
  });

  test('run: keeps options that follow the command', async () => {
    assert.deepEqual(await ssh(['run', APP, 'ls', '-1', '-a']), { exitCode: 0, stdout: '.\n..\nENV\nProcfile', stderr: '' });
  });

  test('run: works on a stopped app', async () => {
    const stop = await ssh(['stop', APP]);
    assert.equal(stop.exitCode, 0, stop.stderr);

    assert.deepEqual(await ssh(['run', APP, 'echo', 'still', 'here']), { exitCode: 0, stdout: 'still here', stderr: '' });
  });

  test('run: rejects a missing command', async () => {
    assert.deepEqual(await ssh(['run', APP]), {
      exitCode: 2,
      stdout: '',
      stderr: ` !     Invalid use of "run": missing required argument 'command'.`,
    });
  });

  test('run: rejects an unknown app', async () => {
    assert.deepEqual(await ssh(['run', 'nope', 'true']), {
      exitCode: 1,
      stdout: '',
      stderr: ' !     App "nope" not found: push to it first, or run "apps" to list the apps.',
    });
  });

  test('run: rejects an app without a live release', async () => {
    const deploy = await deployApp(getSandbox(), 'release-fails', 'run-failed');
    assert.notEqual(deploy.exitCode, 0, deploy.output);

    assert.deepEqual(await ssh(['run', 'run-failed', 'true']), {
      exitCode: 1,
      stdout: '',
      stderr: ' !     App "run-failed" has no live release yet: push it first with git push.',
    });
  });
});
