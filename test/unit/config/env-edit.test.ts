import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigPairs, validateConfigKey } from '../../../src/config/config-pairs.js';
import { formatEnvLine, formatEnvValue, setEnvKeys, unsetEnvKeys } from '../../../src/config/env-edit.js';
import { parseEnvFile } from '../../../src/config/env-file.js';
import { isPikuError } from '../../../src/errors/piku-error.js';

const INHERITED = { HOME: '/home/piku', APP: 'blog', A: 'expanded' };

function parse(text: string): Record<string, string> {
  return parseEnvFile(text, { source: 'envs/blog/ENV', inherited: INHERITED });
}

function assertPikuError(action: () => unknown, code: string, message: string): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(isPikuError(error));
    assert.equal(error.code, code);
    assert.equal(error.message, message);

    return true;
  });
}

const FORMS: [value: string, line: string][] = [
  ['plain', 'plain'],
  ['', ''],
  ['postgres://u@db:5432/x?a=b,c', "'postgres://u@db:5432/x?a=b,c'"],
  ['100%', '100%'],
  ['hello all', "'hello all'"],
  ['$HOME', "'$HOME'"],
  ['a#b', "'a#b'"],
  ['"q"', `'"q"'`],
  ["it's", `"it's"`],
  ["it's $HOME \\$", `"it's \\$HOME \\\\$"`],
  ['C:\\new', "'C:\\new'"],
];

for (const [value, written] of FORMS) {
  test(`env-edit: writes ${JSON.stringify(value)} as ${written === '' ? 'an empty value' : written}`, () => {
    assert.equal(formatEnvValue(value), written);
    assert.deepEqual(parse(formatEnvLine('KEY', value)), { KEY: value });
  });
}

const HOSTILE_VALUES = [
  '$HOME', '${HOME}', '\\$HOME', '\\\\$HOME', '$(id)', '`id`', 'a#b', ' # x', '#x', '"q"', "'q'", "it's", "'", '"', "''", '""',
  '"\'', '\'"', '100%', ' lead', 'trail ', '  ', '\t', '=', '==x', 'export A=1', '\\', 'x\\', '$', '${', '$A$A', '\u00a0nbsp\u00a0',
  '\ufeffbom', '\u2028', 'ünï', '${A-b}', "\"it's\"", "'$A'\"$A\"",
];

test('env-edit: hostile values read back exactly', () => {
  for (const value of HOSTILE_VALUES) {
    assert.deepEqual(parse(`X=1\n${formatEnvLine('KEY', value)}\n`), { X: '1', KEY: value }, JSON.stringify(value));
  }
});

test('env-edit: random values read back exactly', () => {
  const alphabet = ['a', 'Z', '0', ' ', '\t', '$', '{', '}', '\\', "'", '"', '#', '=', '%', '`', '(', ')', '!', '\u00a0', 'é', 'HOME', 'A'];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);

  for (let round = 0; round < 5000; round++) {
    const length = next() % 12;
    const value = Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
    assert.deepEqual(parse(formatEnvLine('KEY', value)), { KEY: value }, JSON.stringify(value));
  }
});

test('env-edit: set replaces a line in place and appends new keys', () => {
  const text = '# database\nDB=old\n\n  # cache\nCACHE=1\n';
  const edited = setEnvKeys(text, new Map([['DB', 'new value'], ['NEW', 'x']]));

  assert.equal(edited, "# database\nDB='new value'\n\n  # cache\nCACHE=1\nNEW=x\n");
});

test('env-edit: set replaces export and indented lines', () => {
  const edited = setEnvKeys('export A=1\n  B =  2  \n', new Map([['A', 'x'], ['B', 'y']]));

  assert.equal(edited, 'A=x\nB=y\n');
});

test('env-edit: set keeps the first of duplicate lines', () => {
  const edited = setEnvKeys('A=1\nB=$A\nA=2\n', new Map([['A', '3']]));

  assert.equal(edited, 'A=3\nB=$A\n');
  assert.deepEqual(parse(edited), { A: '3', B: '3' });
});

test('env-edit: set leaves comments that mention the key', () => {
  const edited = setEnvKeys('# A=commented\nAB=1\n', new Map([['A', '2']]));

  assert.equal(edited, '# A=commented\nAB=1\nA=2\n');
});

test('env-edit: set keeps CRLF line ends', () => {
  assert.equal(setEnvKeys('A=1\r\nB=2', new Map([['B', '3']])), 'A=1\r\nB=3\r\n');
});

test('env-edit: set on an empty file', () => {
  assert.equal(setEnvKeys('', new Map([['A', '1']])), 'A=1\n');
});

test('env-edit: set keeps a byte order mark', () => {
  assert.equal(setEnvKeys('\ufeffA=1\n', new Map([['B', '2']])), '\ufeffA=1\nB=2\n');
});

test('env-edit: unset removes every line of a key', () => {
  const edited = unsetEnvKeys('# keep\nA=1\nB=2\nexport A=3\n# A=4\n', new Set(['A']));

  assert.equal(edited, '# keep\nB=2\n# A=4\n');
});

test('env-edit: unset of the last key leaves an empty file', () => {
  assert.equal(unsetEnvKeys('A=1\n', new Set(['A'])), '');
});

test('env-edit: unset leaves malformed lines', () => {
  assert.equal(unsetEnvKeys('no equals\nA=1\n', new Set(['A'])), 'no equals\n');
});

test('config pairs: split on the first equals sign', () => {
  const values = parseConfigPairs(['URL=a=b', 'EMPTY=', 'GREETING=hello all']);

  assert.deepEqual([...values], [['URL', 'a=b'], ['EMPTY', ''], ['GREETING', 'hello all']]);
});

test('config pairs: a repeated key keeps its last value', () => {
  assert.deepEqual([...parseConfigPairs(['A=1', 'B=2', 'A=3'])], [['B', '2'], ['A', '3']]);
});

test('config pairs: a bare word is rejected by position', () => {
  assertPikuError(
    () => parseConfigPairs(['GREETING=hello', 'secret-part']),
    'PIKU_ERR_CONFIG_PAIR_NO_EQUALS',
    'Argument 2 after the app name (the word after GREETING=...) has no "=": write each setting as KEY=VALUE and quote a value with spaces as one word, e.g. \'GREETING="hello all"\'. Nothing was written.',
  );
});

test('config pairs: a first bare word is rejected', () => {
  assertPikuError(
    () => parseConfigPairs(['GREETING']),
    'PIKU_ERR_CONFIG_PAIR_NO_EQUALS',
    'Argument 1 after the app name has no "=": write each setting as KEY=VALUE and quote a value with spaces as one word, e.g. \'GREETING="hello all"\'. Nothing was written.',
  );
});

test('config pairs: an invalid key is rejected', () => {
  for (const word of ['1A=x', 'MY-KEY=x', '=x', ' A=x', 'A B=x']) {
    const key = word.slice(0, word.indexOf('='));
    assertPikuError(
      () => parseConfigPairs(['OK=1', word]),
      'PIKU_ERR_CONFIG_KEY_INVALID',
      `Config key "${key}" is invalid: use letters, digits and "_", starting with a letter or "_". Nothing was written.`,
    );
  }
});

test('config pairs: a line break in a value is rejected', () => {
  for (const value of ['a\nb', 'a\rb', 'a\0b']) {
    assertPikuError(
      () => parseConfigPairs([`TOKEN=${value}`]),
      'PIKU_ERR_CONFIG_VALUE_MULTILINE',
      'Value of TOKEN contains a newline, carriage return or NUL, which an ENV line cannot hold: put the value on one line, e.g. encoded as base64. Nothing was written.',
    );
  }
});

test('config pairs: a valid key passes validation', () => {
  assert.equal(validateConfigKey('_DATABASE_URL1'), '_DATABASE_URL1');
});
