import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitWords } from '../../../src/cli/split-words.js';

const CASES: Array<[string, string[]]> = [
  ["git-receive-pack 'blog'", ['git-receive-pack', 'blog']],
  ["git-upload-pack '/blog.git'", ['git-upload-pack', '/blog.git']],
  ['config:set blog GREETING="hello all"', ['config:set', 'blog', 'GREETING=hello all']],
  ["config:set blog 'A=x y' B=z", ['config:set', 'blog', 'A=x y', 'B=z']],
  ['run blog echo *', ['run', 'blog', 'echo', '*']],
  ['run blog echo $HOME `id` $(id)', ['run', 'blog', 'echo', '$HOME', '`id`', '$(id)']],
  ['run blog echo \\"quoted\\"', ['run', 'blog', 'echo', '"quoted"']],
  ['config:set blog A="say \\"hi\\" \\$x \\n"', ['config:set', 'blog', 'A=say "hi" $x \\n']],
  ["config:set blog EMPTY='' B=\"\"", ['config:set', 'blog', 'EMPTY=', 'B=']],
  ['  apps   ', ['apps']],
  ['', []],
  ["a'b'c\"d\"", ['abcd']],
  ['tab\tseparated\nwords', ['tab', 'separated', 'words']],
];

for (const [input, expected] of CASES) {
  test(`split words: ${JSON.stringify(input)}`, () => {
    assert.deepEqual(splitWords(input), expected);
  });
}

test('split words: unclosed quote is rejected with the command line', () => {
  assert.throws(() => splitWords("config:set blog 'A=1"), {
    code: 'PIKU_ERR_CLI_QUOTE_UNCLOSED',
    message: 'Command line "config:set blog \'A=1" has an unclosed quote: close it and retry.',
  });
});
