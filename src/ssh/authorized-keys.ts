// Maintains ~/.ssh/authorized_keys: one line per key, each forced to run this CLI with the key's
// fingerprint, so a key can push and run platform commands and nothing else.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_SSH_PATH_UNSAFE } from '../errors/codes.js';
import type { Layout } from '../home/layout.js';
import { getSettings } from '../home/settings.js';
import type { PublicKey } from './public-key.js';

export interface ForcedCommand {
  /** PIKU_ROOT the key works on, written into the line so sshd's environment doesn't matter. */
  root: string;
  /** Absolute node binary and CLI script. */
  node: string;
  script: string;
  /** The key's user, passed as NAME; user names are lowercase letters, digits and ".", "_", "-". */
  name: string;
}

const RESTRICTIONS = 'no-agent-forwarding,no-user-rc,no-X11-forwarding,no-port-forwarding';

// Adds the key, or rewrites its line when the key is already there. Returns "added" or "updated".
export function authorizeKey(file: string, key: PublicKey, command: ForcedCommand): 'added' | 'updated' {
  const line = renderKeyLine(key, command);
  const lines = readKeyLines(file);
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
  if (!/^[a-z][a-z0-9._-]*$/.test(command.name)) throw PIKU_ERR_SSH_PATH_UNSAFE(command.name);
  const forced = `PIKU_ROOT='${command.root}' FINGERPRINT=${key.fingerprint} NAME=${command.name} '${command.node}' '${command.script}'`;

  return `command="${forced}",${RESTRICTIONS} ${key.type} ${key.blob}${key.comment === '' ? '' : ` ${key.comment}`}`;
}

// Rewrites the CLI script of every line that works on `command.root`, e.g. after an upgrade moved
// the CLI from dist/cli.js to dist/bundle/piku-server.cjs. A line keeps its node binary while that
// exists, so an admin's other node cannot take over every key. Lines of another root, piku's lines
// and lines edited by hand stay as they are. Returns how many lines changed.
export function updateForcedCommands(file: string, command: Omit<ForcedCommand, 'name'>): number {
  const lines = readKeyLines(file);
  let changed = 0;
  const updated = lines.map((line) => {
    const match = PLATFORM_KEY_LINE.exec(line);
    if (match === null || match[1] !== command.root) return line;

    const [, , fingerprint, name, node, , type, blob, comment = ''] = match;
    const forced = { ...command, node: existsSync(node!) ? node! : command.node, name: name! };
    const rewritten = renderKeyLine({ type: type!, blob: blob!, comment, fingerprint: fingerprint! }, forced);
    if (rewritten !== line) changed += 1;

    return rewritten;
  });
  if (changed > 0) writeKeysFile(file, `${updated.join('\n')}\n`);

  return changed;
}

// A line as renderKeyLine writes it: root, fingerprint, name, node, script, then the key.
const PLATFORM_KEY_LINE = new RegExp(
  `^command="PIKU_ROOT='([^']*)' FINGERPRINT=(SHA256:[A-Za-z0-9+/]+) NAME=([a-z][a-z0-9._-]*) '([^']*)' '([^']*)'",${RESTRICTIONS} (\\S+) (\\S+)(?: (.*))?$`,
);

// Removes the line of the key with this fingerprint, ours or piku's (both pass FINGERPRINT=... to
// the forced command). Returns false when no line has it.
export function removeAuthorizedKey(file: string, fingerprint: string): boolean {
  const lines = readKeyLines(file);
  const kept = lines.filter((line) => !line.includes(`FINGERPRINT=${fingerprint} `));
  if (kept.length === lines.length) return false;

  writeKeysFile(file, kept.length === 0 ? '' : `${kept.join('\n')}\n`);

  return true;
}

// The authorized_keys file of the platform user: PIKU_AUTHORIZED_KEYS, else ~/.ssh/authorized_keys.
export function getAuthorizedKeysFile(layout: Layout): string {
  return getSettings(layout).authorizedKeysFile;
}

// The non-empty lines of the file, or none when it is missing.
function readKeyLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : [];
}

function writeKeysFile(file: string, text: string): void {
  const directory = path.dirname(file);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
