// Entry of dist/bundle/cli.cjs, the one-file CommonJS build of `piku-server` (scripts/bundle.mjs
// writes it, and dist/bundle/piku-server.cjs runs it for sshd's forced command, the git hooks and
// admins). CommonJS has no top-level await, so the exit status is set when runCli settles.
import { runCli } from './cli/entry.js';

void runCli(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
