#!/usr/bin/env node
// The `piku` command on a laptop: runs platform commands on the server of the checkout's git remote.
import { runClient } from './client/run-client.js';

process.exitCode = await runClient(process.argv.slice(2));
