// Maintains ~/.ssh/authorized_keys: one line per key, each forced to run this CLI with the key's
// fingerprint, so a key can push and run platform commands and nothing else.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_SSH_PATH_UNSAFE } from '../errors/codes.js';
import type { PublicKey } from './public-key.js';

export interface ForcedCommand {
  /** PIKU_ROOT the key works on, written into the line so sshd's environment doesn't matter. */
  root: string;
  /** Absolute node binary and CLI script. */
  node: string;
  script: string;
}

const RESTRICTIONS = 'no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding';

// Adds the key, or rewrites its line when the key is already there. Returns "added" or "updated".
export function authorizeKey(file: string, key: PublicKey, command: ForcedCommand): 'added' | 'updated' {
  const line = renderKeyLine(key, command);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((existing) => existing !== '') : [];
  const index = lines.findIndex((existing) => existing.includes(` ${key.type} ${key.blob}`) || existing.startsWith(`${key.type} ${key.blob}`));
  const outcome = index === -1 ? 'added' : 'updated';
  if (index === -1) lines.push(line);
  else lines[index] = line;

  writeKeysFile(file, `${lines.join('\n')}\n`);

  return outcome;
}

// sshd runs the command through the user's shell, so every value is single-quoted; no value may
// contain a quote, because authorized_keys has no escape for it inside command="...".
function renderKeyLine(key: PublicKey, command: ForcedCommand): string {
  for (const value of [command.root, command.node, command.script]) {
    if (/["'\\\n]/.test(value)) throw PIKU_ERR_SSH_PATH_UNSAFE(value);
  }
  const forced = `PIKU_ROOT='${command.root}' FINGERPRINT=${key.fingerprint} NAME=default '${command.node}' '${command.script}'`;

  return `command="${forced}",${RESTRICTIONS} ${key.type} ${key.blob}${key.comment === '' ? '' : ` ${key.comment}`}`;
}

function writeKeysFile(file: string, text: string): void {
  const directory = path.dirname(file);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
