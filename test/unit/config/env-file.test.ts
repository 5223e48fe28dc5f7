import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeEnv, parseEnvFile } from '../../../src/config/env-file.js';

const SOURCE = 'envs/blog/ENV';
const INHERITED = { HOME: '/home/piku', APP: 'blog' };

function parse(text: string): Record<string, string> {
  return parseEnvFile(text, { source: SOURCE, inherited: INHERITED });
}

const VALUES: [title: string, text: string, expected: Record<string, string>][] = [
  ['splits on the first equals sign', 'URL=postgres://db/x?a=b', { URL: 'postgres://db/x?a=b' }],
  ['trims around key and value', '  KEY  =   some value  ', { KEY: 'some value' }],
  ['keeps an empty value', 'EMPTY=', { EMPTY: '' }],
  ['skips blank and comment lines', '# comment\n\n   \n   # indented comment\nA=1', { A: '1' }],
  ['strips an export prefix', 'export PORT=8000\nexport\tDEBUG=1', { PORT: '8000', DEBUG: '1' }],
  ['keeps a key named export', 'export = 1\nexport=2\nexports=3', { export: '2', exports: '3' }],
  ['keeps an inline hash in the value', 'COLOR=red # the brand color', { COLOR: 'red # the brand color' }],
  ['accepts CRLF line endings', 'A=1\r\nB=2\r\n', { A: '1', B: '2' }],
  ['ignores a byte order mark', '\uFEFFA=1', { A: '1' }],
  ['lets a later line win', 'A=1\nA=2', { A: '2' }],
  ['expands $VAR from inherited', 'DATA=$HOME/data', { DATA: '/home/piku/data' }],
  ['expands ${VAR} from inherited', 'NAME=${APP}_db', { NAME: 'blog_db' }],
  ['expands earlier keys', 'BASE=/srv\nLOGS=$BASE/logs\nDEEP=${LOGS}/app', { BASE: '/srv', LOGS: '/srv/logs', DEEP: '/srv/logs/app' }],
  ['prefers earlier keys to inherited', 'HOME=/tmp\nCACHE=$HOME/cache', { HOME: '/tmp', CACHE: '/tmp/cache' }],
  ['expands inherited in a redefinition', 'HOME=$HOME/sub', { HOME: '/home/piku/sub' }],
  ['leaves unknown references literal', 'A=$NOPE ${NOPE} $1 $ ${ ${A-b}', { A: '$NOPE ${NOPE} $1 $ ${ ${A-b}' }],
  ['does not expand later keys', 'A=$B\nB=2', { A: '$B', B: '2' }],
  ['does not expand twice', 'A=$$HOME\nB=$A', { A: '$/home/piku', B: '$/home/piku' }],
  ['reads \\$ as a literal dollar', 'PRICE=\\$5 \\$HOME \\\\$HOME', { PRICE: '$5 $HOME \\$HOME' }],
  ['keeps other backslashes', 'PATH_WIN=C:\\new\\table', { PATH_WIN: 'C:\\new\\table' }],
  ['keeps single-quoted values literal', "A='$HOME \\$ # x '", { A: '$HOME \\$ # x ' }],
  ['expands double-quoted values', 'A="  $HOME # x  "', { A: '  /home/piku # x  ' }],
  ['reads \\$ in double quotes', 'A="\\$HOME"', { A: '$HOME' }],
  ['trims outside the quotes', 'A =   "x"   ', { A: 'x' }],
  ['keeps quotes that do not wrap the value', 'A="x" y\nB=\'x\nC="\nD="x\'', { A: '"x" y', B: "'x", C: '"', D: '"x\'' }],
  ['keeps inner quotes', 'A="say "hi""', { A: 'say "hi"' }],
  ['accepts underscores and digits in keys', '_A1=1\na_b=2', { _A1: '1', a_b: '2' }],
];

for (const [title, text, expected] of VALUES) {
  test(`env-file: ${title}`, () => {
    assert.deepEqual(parse(text), expected);
  });
}

test('env-file: returns only keys of the file', () => {
  assert.deepEqual(parse('A=$APP'), { A: 'blog' });
});

test('env-file: works without inherited variables', () => {
  assert.deepEqual(parseEnvFile('A=$HOME', { source: SOURCE }), { A: '$HOME' });
});

test('env-file: keeps a key named __proto__ as data', () => {
  const env = parse('__proto__=x\nconstructor=$__proto__');

  assert.deepEqual(Object.keys(env), ['__proto__', 'constructor']);
  assert.equal(env['__proto__'], 'x');
  assert.equal(env['constructor'], 'x');
  assert.equal(Object.getPrototypeOf(env), Object.prototype);
});

test('env-file: does not read inherited prototype names', () => {
  assert.deepEqual(parse('A=$toString ${__proto__}'), { A: '$toString ${__proto__}' });
});

const INVALID_LINES: [title: string, text: string, code: string, message: string][] = [
  [
    'line without equals sign',
    'A=1\n\nDATABASE_URL postgres://secret',
    'PIKU_ERR_ENV_LINE_NO_EQUALS',
    'ENV file "envs/blog/ENV" line 3 has no "=": write it as KEY=VALUE.',
  ],
  [
    'bare export',
    'export KEY',
    'PIKU_ERR_ENV_LINE_NO_EQUALS',
    'ENV file "envs/blog/ENV" line 1 has no "=": write it as KEY=VALUE.',
  ],
  [
    'key starting with a digit',
    '1KEY=x',
    'PIKU_ERR_ENV_KEY_INVALID',
    'ENV file "envs/blog/ENV" line 1 has an invalid key "1KEY": use letters, digits and "_", starting with a letter or "_".',
  ],
  [
    'key with a dash',
    'MY-KEY=x',
    'PIKU_ERR_ENV_KEY_INVALID',
    'ENV file "envs/blog/ENV" line 1 has an invalid key "MY-KEY": use letters, digits and "_", starting with a letter or "_".',
  ],
  [
    'key with a space',
    'MY KEY=x',
    'PIKU_ERR_ENV_KEY_INVALID',
    'ENV file "envs/blog/ENV" line 1 has an invalid key "MY KEY": use letters, digits and "_", starting with a letter or "_".',
  ],
  [
    'empty key',
    '=x',
    'PIKU_ERR_ENV_KEY_INVALID',
    'ENV file "envs/blog/ENV" line 1 has an invalid key "": use letters, digits and "_", starting with a letter or "_".',
  ],
];

for (const [title, text, code, message] of INVALID_LINES) {
  test(`env-file: rejects ${title}`, () => {
    assert.throws(() => parse(text), { name: 'PikuError', code, message });
  });
}

test('env-file: merges layers with the later one winning', () => {
  const merged = mergeEnv([
    { PORT: '5000', BIND_ADDRESS: '127.0.0.1' },
    { PORT: '6000', DEBUG: '1' },
    { DEBUG: '0' },
  ]);

  assert.deepEqual(merged, { PORT: '6000', BIND_ADDRESS: '127.0.0.1', DEBUG: '0' });
});

test('env-file: merges no layers into an empty object', () => {
  assert.deepEqual(mergeEnv([]), {});
});

test('env-file: merges a __proto__ key as data', () => {
  const merged = mergeEnv([parse('__proto__=x')]);

  assert.equal(merged['__proto__'], 'x');
  assert.equal(Object.getPrototypeOf(merged), Object.prototype);
});
