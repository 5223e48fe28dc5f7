#!/usr/bin/env node
// Entry of dist/bundle/piku-server.cjs, the one-file CommonJS build of `piku-server` that sshd's
// forced command, the git hooks and admins run (scripts/bundle.mjs writes it). CommonJS has no
// top-level await, so the exit status is set when runCli settles.
import { runCli } from './cli/entry.js';

void runCli(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
