// Splits a command line into words the way a POSIX shell would for quoting only: no variable
// expansion, no globbing, no command substitution. SSH delivers a client's command as one string in
// SSH_ORIGINAL_COMMAND, and piku's own client sends `git-receive-pack 'app'` with shell quotes.
//   git-receive-pack 'blog'            -> ["git-receive-pack", "blog"]
//   config:set blog GREETING="hi all"  -> ["config:set", "blog", "GREETING=hi all"]
//   run blog echo \*                   -> ["run", "blog", "echo", "*"]
import { PIKU_ERR_CLI_QUOTE_UNCLOSED } from '../errors/codes.js';

export function splitWords(commandLine: string): string[] {
  const words: string[] = [];
  let current = '';
  let hasWord = false;
  let quote: '"' | "'" | undefined;

  for (let index = 0; index < commandLine.length; index++) {
    const char = commandLine[index]!;

    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
      continue;
    }

    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && isEscapableInDoubleQuotes(commandLine[index + 1])) current += commandLine[++index];
      else current += char;
      continue;
    }

    if (char === "'" || char === '"') {
      quote = char;
      hasWord = true;
    } else if (char === '\\' && index + 1 < commandLine.length) {
      current += commandLine[++index];
      hasWord = true;
    } else if (/\s/.test(char)) {
      if (hasWord) words.push(current);
      current = '';
      hasWord = false;
    } else {
      current += char;
      hasWord = true;
    }
  }

  if (quote !== undefined) throw PIKU_ERR_CLI_QUOTE_UNCLOSED(commandLine);

  if (hasWord) words.push(current);

  return words;
}

// Inside double quotes a POSIX shell keeps the backslash except before these characters.
function isEscapableInDoubleQuotes(char: string | undefined): boolean {
  return char === '"' || char === '\\' || char === '$' || char === '`';
}
