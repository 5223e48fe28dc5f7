// The platform's own log: pino JSON lines in logs/_platform/piku.log, for operators only. Nothing
// here goes to the SSH stream. Callers pass loggers down and add a child per scope
// ({app}, then {deployId}, then {step}).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Layout } from '../home/layout.js';
import { REDACTED_PATHS } from './redact.js';

export interface RootLoggerBindings {
  keyFingerprint: string;
}

// pino and node:crypto are required on first use, not imported at the top, because most commands
// log nothing. Loading them took about 11 ms and 5 ms of each command's start on the development
// machine (measured with a dynamic import and a CPU profile).
const require = createRequire(import.meta.url);

export function createRootLogger(layout: Layout, bindings: RootLoggerBindings): Logger {
  const pino = require('pino') as typeof import('pino');
  const { randomUUID } = require('node:crypto') as typeof import('node:crypto');
  mkdirSync(layout.platformLogs, { recursive: true, mode: 0o700 });
  // A sync destination: the CLI is short-lived and exits right after its last line.
  const destination = pino.destination({ dest: path.join(layout.platformLogs, 'piku.log'), sync: true, append: true });
  const logger = pino(
    {
      base: { pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );

  return logger.child({ sessionId: randomUUID().slice(0, 8), keyFingerprint: bindings.keyFingerprint });
}
