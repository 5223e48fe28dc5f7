// Where this installation's compiled CLI lives, for the commands written into authorized_keys and
// git hooks. From src/home/ (tsx) and dist/home/ (tsc) alike, dist/cli.js is two levels up.
import { fileURLToPath } from 'node:url';

export const CLI_SCRIPT = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
