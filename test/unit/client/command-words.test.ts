import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getRemoteWords } from '../../../src/client/command-words.js';
import { COMMANDS } from '../../../src/cli/registry.js';

test('client command words: app goes after an app command', () => {
  assert.deepEqual(getRemoteWords('deploys', ['-n', '5'], 'blog'), ['deploys', 'blog', '-n', '5']);
  assert.deepEqual(getRemoteWords('deploy:log', [], 'blog'), ['deploy:log', 'blog']);
});

test('client command words: commands without an app get none', () => {
  assert.deepEqual(getRemoteWords('apps', [], 'blog'), ['apps']);
  assert.deepEqual(getRemoteWords('setup:ssh', ['-'], 'blog'), ['setup:ssh', '-']);
});

test('client command words: every registry command follows needsApp', () => {
  for (const command of COMMANDS) {
    const expected = command.needsApp ? [command.name, 'blog', 'x'] : [command.name, 'x'];

    assert.deepEqual(getRemoteWords(command.name, ['x'], 'blog'), expected, command.name);
  }
});

test('client command words: app command without an app is rejected', () => {
  assert.throws(() => getRemoteWords('deploys', [], undefined), {
    code: 'PIKU_ERR_CLIENT_APP_MISSING',
    message: 'Command "deploys" needs an app and none is known: run it in a checkout whose "piku" remote is piku@HOST:APP, pass -r REMOTE, or set PIKU_APP.',
  });
});

test('client command words: unknown command gets the app when known', () => {
  assert.deepEqual(getRemoteWords('future:thing', ['a'], 'blog'), ['future:thing', 'blog', 'a']);
  assert.deepEqual(getRemoteWords('future:thing', ['a'], undefined), ['future:thing', 'a']);
});
