import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { PIKU_ERR_APP_KIND_UNKNOWN, PIKU_ERR_SCALE_ARGUMENT_INVALID, PIKU_ERR_SCALING_INVALID } from '../../../src/errors/codes.js';
import { parseScaleChanges, readScaling, writeScaling } from '../../../src/config/scaling.js';

const dir = mkdtempSync(path.join(tmpdir(), 'scaling-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileNumber = 0;

function createFile(text: string | null): string {
  const file = path.join(dir, `envs-${++fileNumber}`, 'SCALING');
  if (text !== null) {
    mkdirSync(path.dirname(file));
    writeFileSync(file, text);
  }

  return file;
}

test('scaling: write creates a missing file', () => {
  const file = createFile(null);

  writeScaling(file, new Map([['web', 2]]));

  assert.equal(readFileSync(file, 'utf8'), 'web:2\n');
});

test('scaling: write keeps other kinds and comments', () => {
  const file = createFile('# counts\nweb:1\nworker=3\n\ncron:1\n');

  writeScaling(file, new Map([['web', 2], ['fetcher', 0]]));

  assert.equal(readFileSync(file, 'utf8'), '# counts\nweb:2\nworker=3\n\ncron:1\nfetcher:0\n');
  assert.deepEqual([...readScaling(file)], [['web', 2], ['worker', 3], ['cron', 1], ['fetcher', 0]]);
});

test('scaling: write leaves one line for a kind listed twice', () => {
  const file = createFile('web:1\nworker:1\nweb:4\n');

  writeScaling(file, new Map([['web', 0]]));

  assert.equal(readFileSync(file, 'utf8'), 'web:0\nworker:1\n');
});

test('scaling: undo restores the previous file', () => {
  const file = createFile('web:1\n');

  const undo = writeScaling(file, new Map([['web', 3]]));
  undo();

  assert.equal(readFileSync(file, 'utf8'), 'web:1\n');
});

test('scaling: undo removes a file that was missing', () => {
  const file = createFile(null);

  writeScaling(file, new Map([['web', 3]]))();

  assert.equal(existsSync(file), false);
});

test('scaling: write rejects an invalid file and keeps it', () => {
  const file = createFile('web: two\n');

  assert.throws(() => writeScaling(file, new Map([['web', 1]])), { code: PIKU_ERR_SCALING_INVALID.code });
  assert.equal(readFileSync(file, 'utf8'), 'web: two\n');
});

test('scaling: parses kind=count words', () => {
  const changes = parseScaleChanges('blog', ['web=2', 'worker=0'], ['web', 'worker']);

  assert.deepEqual([...changes], [['web', 2], ['worker', 0]]);
});

const INVALID_WORDS: Array<[word: string, message: string]> = [
  ['web=1.5', 'Scale argument "web=1.5" is invalid: the count must be a whole number from 0 to 100.'],
  ['web=-1', 'Scale argument "web=-1" is invalid: the count must be a whole number from 0 to 100.'],
  ['web=x', 'Scale argument "web=x" is invalid: the count must be a whole number from 0 to 100.'],
  ['web=', 'Scale argument "web=" is invalid: the count must be a whole number from 0 to 100.'],
  ['web=101', 'Scale argument "web=101" is invalid: the count must be a whole number from 0 to 100.'],
  ['web', 'Scale argument "web" is invalid: write KIND=COUNT, e.g. "web=2".'],
  ['=2', 'Scale argument "=2" is invalid: write KIND=COUNT, e.g. "web=2".'],
];

for (const [word, message] of INVALID_WORDS) {
  test(`scaling: rejects "${word}"`, () => {
    assert.throws(() => parseScaleChanges('blog', ['worker=1', word], ['web', 'worker']), { code: PIKU_ERR_SCALE_ARGUMENT_INVALID.code, message });
  });
}

test('scaling: rejects an unknown kind and lists the kinds', () => {
  assert.throws(() => parseScaleChanges('blog', ['nope=1'], ['web', 'worker']), {
    code: PIKU_ERR_APP_KIND_UNKNOWN.code,
    message: 'App "blog" has no process kind "nope": use one of web, worker.',
  });
});

test('scaling: rejects a kind given twice', () => {
  assert.throws(() => parseScaleChanges('blog', ['web=1', 'web=2'], ['web']), {
    code: PIKU_ERR_SCALE_ARGUMENT_INVALID.code,
    message: 'Scale argument "web=2" is invalid: kind "web" is given twice: give each kind once.',
  });
});

test('scaling: rejects any kind of an app without processes', () => {
  assert.throws(() => parseScaleChanges('site', ['static=1'], []), {
    message: 'App "site" has no process kind "static": its Procfile has no wsgi, web, worker or cron entry.',
  });
});
