// The SCALING file: `kind:count` lines, how many workers of each kind run. A kind missing from the
// file runs one worker, so an app without the file runs one of everything.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_APP_KIND_UNKNOWN, PIKU_ERR_SCALE_ARGUMENT_INVALID, PIKU_ERR_SCALING_INVALID } from '../errors/codes.js';
import { writeAtomically } from '../home/atomic-write.js';

// More workers of one kind than this is almost always a typo, e.g. "web=20" for "web=2".
export const MAX_WORKERS_PER_KIND = 100;

const SCALING_LINE_PATTERN = /^([A-Za-z][A-Za-z0-9-]*)\s*[:=]\s*(\d+)$/;

// Reads the counts; a line that is not `kind:count` (or `kind=count`) throws with its number.
export function readScaling(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(file)) return counts;

  for (const [index, rawLine] of readFileSync(file, 'utf8').split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;

    const match = SCALING_LINE_PATTERN.exec(line);
    if (match === null) throw PIKU_ERR_SCALING_INVALID(file, index + 1, line);
    counts.set(match[1]!, Number(match[2]));
  }

  return counts;
}

// Count of workers for a kind; kinds that are not processes (static, release, ...) never get here.
export function getWorkerCount(scaling: Map<string, number>, kind: string): number {
  return scaling.get(kind) ?? 1;
}

// Sets the counts of `changes` in the file, creating it when missing. Other lines, comments
// included, stay as they are and new kinds go at the end: {web: 2} on "# web\nweb:1\nworker:1\n"
// writes "# web\nweb:2\nworker:1\n". Returns a function that puts the previous file back.
export function writeScaling(file: string, changes: Map<string, number>): () => void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : null;
  // Reading first rejects a file with an invalid line, which a rewrite would otherwise keep.
  readScaling(file);

  const body = (previous ?? '').replace(/\r?\n$/, '');
  const written = new Set<string>();
  // A kind listed twice keeps one line: readScaling would let a stale later line win.
  const lines = (body === '' ? [] : body.split(/\r?\n/)).flatMap((line) => {
    const kind = SCALING_LINE_PATTERN.exec(line.trim())?.[1];
    if (kind === undefined || !changes.has(kind)) return [line];
    if (written.has(kind)) return [];

    written.add(kind);

    return [`${kind}:${changes.get(kind)}`];
  });
  for (const [kind, count] of changes) {
    if (!written.has(kind)) lines.push(`${kind}:${count}`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeAtomically(file, lines.map((line) => `${line}\n`).join(''));

  return () => {
    if (previous === null) rmSync(file, { force: true });
    else writeAtomically(file, previous);
  };
}

// Parses ps:scale words such as "web=2" against the app's process kinds. Every word is checked
// before the caller writes anything, so one invalid word leaves SCALING as it was.
export function parseScaleChanges(app: string, words: string[], processKinds: string[]): Map<string, number> {
  const changes = new Map<string, number>();
  for (const word of words) {
    const equals = word.indexOf('=');
    if (equals < 1) throw PIKU_ERR_SCALE_ARGUMENT_INVALID(word, 'write KIND=COUNT, e.g. "web=2"');

    const kind = word.slice(0, equals);
    const count = word.slice(equals + 1);
    if (!processKinds.includes(kind)) throw PIKU_ERR_APP_KIND_UNKNOWN(app, kind, processKinds);
    if (!/^\d+$/.test(count) || Number(count) > MAX_WORKERS_PER_KIND) {
      throw PIKU_ERR_SCALE_ARGUMENT_INVALID(word, `the count must be a whole number from 0 to ${MAX_WORKERS_PER_KIND}`);
    }
    if (changes.has(kind)) throw PIKU_ERR_SCALE_ARGUMENT_INVALID(word, `kind "${kind}" is given twice: give each kind once`);
    changes.set(kind, Number(count));
  }

  return changes;
}
