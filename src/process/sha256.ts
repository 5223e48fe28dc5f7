// SHA-256 hashes, with node:crypto required on first use. Every command that reads an app's config
// imports the runtimes, and loading node:crypto took about 3.5 ms of such a command's start.
import type { Hash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function createSha256(): Hash {
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha256');
}
