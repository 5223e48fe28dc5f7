// Where this installation's CLI lives, for the commands written into authorized_keys and git hooks:
// the one-file build, which starts faster than dist/cli.js. From src/home/ (tsx), dist/home/ (tsc)
// and dist/bundle/ alike, dist/ is two levels up.
import { fileURLToPath } from 'node:url';

export const CLI_SCRIPT = fileURLToPath(new URL('../../dist/bundle/piku-server.cjs', import.meta.url));
