import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinCommandWords } from '../../../src/pipeline/run-in-app.js';

const CASES: Array<[words: string[], commandLine: string]> = [
  [['sh', '-c', 'exit 7'], "sh -c 'exit 7'"],
  [['ls', '|', 'wc', '-l'], 'ls | wc -l'],
  [['echo', '$HOME'], 'echo $HOME'],
  [['echo', "it's here"], "echo 'it'\\''s here'"],
  [['printf', ''], "printf ''"],
  [['echo', 'a\tb'], "echo 'a\tb'"],
];

for (const [words, commandLine] of CASES) {
  test(`run: joins ${JSON.stringify(words)}`, () => {
    assert.equal(joinCommandWords(words), commandLine);
  });
}
