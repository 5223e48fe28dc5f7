import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLiveEnv, serializeEnv } from '../../../src/config/live-env.js';

test('live-env: writes sorted K=V lines', () => {
  const text = serializeEnv({ PORT: '5000', APP: 'blog', _HIDDEN: 'x', DATA_ROOT: '/home/piku/.piku/data/blog' });

  assert.equal(text, 'APP=blog\nDATA_ROOT=/home/piku/.piku/data/blog\nPORT=5000\n_HIDDEN=x\n');
});

test('live-env: writes nothing for no variables', () => {
  assert.equal(serializeEnv({}), '');
  assert.deepEqual(parseLiveEnv(''), {});
});

test('live-env: round-trips values exactly', () => {
  const vars = {
    EQUALS: 'a=b==c',
    HASH: '# not a comment',
    DOLLAR: '$HOME ${APP} \\$',
    SINGLE: "'quoted'",
    DOUBLE: '"quoted"',
    SPACES: '  padded  ',
    EMPTY: '',
    TAB: 'a\tb',
    UNICODE: 'héllo ✓',
  };

  const text = serializeEnv(vars);

  assert.equal(
    text,
    'DOLLAR=$HOME ${APP} \\$\nDOUBLE="quoted"\nEMPTY=\nEQUALS=a=b==c\nHASH=# not a comment\nSINGLE=\'quoted\'\nSPACES=  padded  \nTAB=a\tb\nUNICODE=héllo ✓\n',
  );
  assert.deepEqual(parseLiveEnv(text), vars);
});

const UNSTORABLE_VALUES: [title: string, value: string][] = [
  ['newline', 'line1\nline2'],
  ['carriage return', 'a\rb'],
  ['NUL', 'a\0b'],
];

for (const [title, value] of UNSTORABLE_VALUES) {
  test(`live-env: rejects a value with a ${title}`, () => {
    assert.throws(() => serializeEnv({ A: 'ok', SECRET_KEY: value }), {
      name: 'PikuError',
      code: 'PIKU_ERR_ENV_VALUE_MULTILINE',
      message:
        'Value of SECRET_KEY contains a newline, carriage return or NUL, which LIVE_ENV cannot store: put the value on one line, e.g. encoded as base64.',
    });
  });
}

const INVALID_NAMES: [name: string, shown: string][] = [
  ['A=B', 'A=B'],
  ['', ''],
  ['1A', '1A'],
  ['A\nB', 'A\\nB'],
];

for (const [name, shown] of INVALID_NAMES) {
  test(`live-env: rejects the name ${JSON.stringify(name)}`, () => {
    assert.throws(() => serializeEnv({ [name]: 'x' }), {
      code: 'PIKU_ERR_ENV_NAME_INVALID',
      message: `Variable name "${shown}" is invalid: use letters, digits and "_", starting with a letter or "_".`,
    });
  });
}

test('live-env: reads a line without equals sign as an error', () => {
  assert.throws(() => parseLiveEnv('A=1\nbroken\n', '/home/piku/.piku/envs/blog/LIVE_ENV'), {
    code: 'PIKU_ERR_ENV_LINE_NO_EQUALS',
    message: 'ENV file "/home/piku/.piku/envs/blog/LIVE_ENV" line 2 has no "=": write it as KEY=VALUE.',
  });
});

test('live-env: reads an invalid name as an error', () => {
  assert.throws(() => parseLiveEnv('A=1\n=2\n'), {
    code: 'PIKU_ERR_ENV_KEY_INVALID',
    message: 'ENV file "LIVE_ENV" line 2 has an invalid key "": use letters, digits and "_", starting with a letter or "_".',
  });
});

test('live-env: reads a later duplicate over an earlier one', () => {
  assert.deepEqual(parseLiveEnv('A=1\nA=2\n'), { A: '2' });
});
