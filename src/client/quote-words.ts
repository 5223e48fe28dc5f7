// Turns argument words into one SSH command line. ssh sends the command as a single string, and
// the server splits it again with POSIX-shell quoting and no expansion (cli/split-words.ts), so
// each word is single-quoted unless it is made only of characters no shell treats specially:
//   ["config:set", "blog", "GREETING=hello all"] -> config:set blog 'GREETING=hello all'
//   ["run", "blog", "echo", "it's $HOME"]        -> run blog echo 'it'\''s $HOME'
//   ["config:set", "blog", "EMPTY="]             -> config:set blog EMPTY=
//   ["run", "blog", "echo", ""]                  -> run blog echo ''
import { PIKU_ERR_CLIENT_ARGUMENT_MULTILINE } from '../errors/codes.js';

const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

// Joins words into a command line that splits back into exactly the same words.
export function joinCommandLine(words: string[]): string {
  return words.map(quoteWord).join(' ');
}

// Quotes one word for a POSIX-shell-like splitter. A single quote cannot appear inside single
// quotes, so each one closes the quotes, adds an escaped quote and reopens them: it's -> 'it'\''s'.
export function quoteWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;

  return `'${word.replaceAll("'", `'\\''`)}'`;
}

// Rejects an argument that contains a line break. The server's splitter would keep it inside quotes,
// but a piku-era server splits the command line with its shell, where it ends the word, and no
// config file line can hold one. `command` is the first word, `args` the words after it.
export function validateArguments(command: string, args: string[]): void {
  const position = args.findIndex((arg) => /[\r\n]/.test(arg));
  if (position !== -1) throw PIKU_ERR_CLIENT_ARGUMENT_MULTILINE(command, position + 1);
}
