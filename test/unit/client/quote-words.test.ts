import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinCommandLine, quoteWord, validateArguments } from '../../../src/client/quote-words.js';
import { splitWords } from '../../../src/cli/split-words.js';

const HOSTILE_WORDS = [
  'GREETING=hello all',
  "it's",
  'say "hi"',
  `both 'single' and "double"`,
  '$HOME ${HOME} $(id) `id`',
  'back\\slash \\n \\\\ \\',
  '*',
  '*.txt ?.log [ab]',
  '~/file',
  '',
  ' leading and trailing ',
  'tab\there',
  "'",
  "''",
  '"',
  'a;b && c | d > e < f & g',
  '#not-a-comment',
  '-la',
  '--',
  'KEY=',
  '=value',
  'ünïcödé ✓',
];

for (const word of HOSTILE_WORDS) {
  test(`client quoting: ${JSON.stringify(word)} splits back to itself`, () => {
    assert.deepEqual(splitWords(quoteWord(word)), [word]);
  });
}

test('client quoting: a whole line splits back to the same words', () => {
  const words = ['config:set', 'blog', ...HOSTILE_WORDS];

  assert.deepEqual(splitWords(joinCommandLine(words)), words);
});

test('client quoting: plain words stay bare', () => {
  assert.equal(joinCommandLine(['config:set', 'blog', 'KEY=value', 'URL=https://x.org/a,b@c%20+d']), 'config:set blog KEY=value URL=https://x.org/a,b@c%20+d');
});

test('client quoting: other words are single-quoted', () => {
  assert.equal(joinCommandLine(['config:set', 'blog', 'GREETING=hello all']), "config:set blog 'GREETING=hello all'");
  assert.equal(quoteWord("it's $HOME"), "'it'\\''s $HOME'");
  assert.equal(quoteWord(''), "''");
});

for (const value of ['line one\nline two', 'carriage\rreturn', 'trailing\n']) {
  test(`client quoting: rejects a line break in ${JSON.stringify(value)}`, () => {
    assert.throws(() => validateArguments('config:set', ['A=1', `B=${value}`]), {
      code: 'PIKU_ERR_CLIENT_ARGUMENT_MULTILINE',
      message: 'Argument 2 of "config:set" contains a newline or carriage return, which an SSH command line cannot carry: put the value on one line, e.g. encoded as base64.',
    });
  });
}

test('client quoting: accepts arguments on one line', () => {
  assert.doesNotThrow(() => validateArguments('run', ['sh', '-c', 'echo "a\tb"; exit 3']));
});
