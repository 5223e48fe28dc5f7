// setup:ssh FILE|- : authorize a public key, read from a file or from standard input.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { CLI_SCRIPT } from '../../home/install-paths.js';
import { authorizeKey } from '../../ssh/authorized-keys.js';
import { parsePublicKey } from '../../ssh/public-key.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';


export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('setup:ssh', words, (command) => command.argument('<file>', 'public key file, or - for standard input'));
  const source = args[0]!;
  const text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  const key = parsePublicKey(text, source === '-' ? 'standard input' : source);

  const file = path.join(process.env.HOME || homedir(), '.ssh', 'authorized_keys');
  const outcome = authorizeKey(file, key, { root: context.layout.root, node: process.execPath, script: CLI_SCRIPT });
  context.stdout.write(`-----> Key ${key.fingerprint} ${outcome} in ${file}\n`);

  return 0;
}
