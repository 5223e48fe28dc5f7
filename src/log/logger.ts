// The platform's own log: pino JSON lines in logs/_platform/piku.log, for operators only. Nothing
// here goes to the SSH stream. Callers pass loggers down and add a child per scope
// ({app}, then {deployId}, then {step}).
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Layout } from '../home/layout.js';
import { REDACTED_PATHS } from './redact.js';

export interface RootLoggerBindings {
  keyFingerprint: string;
}

export function createRootLogger(layout: Layout, bindings: RootLoggerBindings): Logger {
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
