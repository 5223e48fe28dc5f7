#!/usr/bin/env node
// The `piku-server` command: run by sshd's forced command, by git hooks, and by hand on the server.
import { runCli } from './cli/entry.js';

process.exitCode = await runCli(process.argv.slice(2));
