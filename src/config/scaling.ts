// The SCALING file: `kind:count` lines, how many workers of each kind run. A kind missing from the
// file runs one worker, so an app without the file runs one of everything.
import { existsSync, readFileSync } from 'node:fs';
import { PIKU_ERR_SCALING_INVALID } from '../errors/codes.js';

export function readScaling(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(file)) return counts;

  for (const [index, rawLine] of readFileSync(file, 'utf8').split(/\r?\n/).entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;

    const match = /^([A-Za-z][A-Za-z0-9-]*)\s*[:=]\s*(\d+)$/.exec(line);
    if (match === null) throw PIKU_ERR_SCALING_INVALID(file, index + 1, line);
    counts.set(match[1]!, Number(match[2]));
  }

  return counts;
}

// Count of workers for a kind; kinds that are not processes (static, release, ...) never get here.
export function getWorkerCount(scaling: Map<string, number>, kind: string): number {
  return scaling.get(kind) ?? 1;
}
