// Checks that a new worker responds before nginx sends it traffic: a web worker over HTTP on its
// port, a wsgi worker over its unix socket with the uwsgi protocol. A check passes on the first
// response that meets the settings and fails after the last attempt.
import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendUwsgiRequest, type UwsgiResponse } from '../uwsgi/uwsgi-request.js';
import type { HealthSettings } from './health-settings.js';

export type HealthTarget = { kind: 'http'; port: number } | { kind: 'uwsgi'; socket: string };

export interface HealthResult {
  healthy: boolean;
  attempts: number;
  /** The last response or error, e.g. "status 200" or "connect ECONNREFUSED 127.0.0.1:20001". */
  lastResult: string;
}

// One attempt a second. Within an attempt, a worker that does not listen yet is tried again every
// POLL_DELAY_MS, so a deploy goes on as soon as the new worker has bound its port or socket.
const ATTEMPT_MS = 1000;
const POLL_DELAY_MS = 20;

// `pollsUntilListening: false` makes each attempt one request, for the crash watch after a cutover,
// where a worker that does not listen is down rather than starting.
export async function waitUntilHealthy(
  target: HealthTarget,
  settings: HealthSettings,
  host: string,
  { pollsUntilListening = true }: { pollsUntilListening?: boolean } = {},
): Promise<HealthResult> {
  let lastResult = 'not tried';

  for (let attempt = 1; attempt <= settings.attempts; attempt++) {
    const attemptEnd = Date.now() + ATTEMPT_MS;
    for (;;) {
      try {
        const response = await sendRequest(target, settings, host);
        const problem = getProblem(response, settings);
        if (problem === undefined) return { healthy: true, attempts: attempt, lastResult: `status ${response.status}` };
        lastResult = problem;
        break;
      } catch (error) {
        lastResult = (error as Error).message;
        if (!pollsUntilListening || !isNotListening(error) || Date.now() + POLL_DELAY_MS >= attemptEnd) break;
        await sleep(POLL_DELAY_MS);
      }
    }
    if (attempt < settings.attempts) await sleep(Math.max(0, attemptEnd - Date.now()));
  }

  return { healthy: false, attempts: settings.attempts, lastResult };
}

// Nothing listens on the port, or the socket file does not exist yet.
function isNotListening(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;

  return code === 'ECONNREFUSED' || code === 'ENOENT';
}

function sendRequest(target: HealthTarget, settings: HealthSettings, host: string): Promise<UwsgiResponse> {
  if (target.kind === 'uwsgi') return sendUwsgiRequest({ socket: target.socket, path: settings.path, host, timeoutMs: settings.timeoutMs });

  return sendHttpRequest(target.port, settings, host);
}

function sendHttpRequest(port: number, settings: HealthSettings, host: string): Promise<UwsgiResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path: settings.path, headers: { Host: host, 'User-Agent': 'piku-health-check' }, timeout: settings.timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no response within ${settings.timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

// Returns why the response does not pass, or undefined when it does.
function getProblem(response: UwsgiResponse, settings: HealthSettings): string | undefined {
  if (settings.status !== undefined && response.status !== settings.status) return `status ${response.status}, expected ${settings.status}`;
  if (settings.status === undefined && response.status >= 500) return `status ${response.status}, expected below 500`;
  if (settings.body !== undefined && !response.body.includes(settings.body)) return `status ${response.status}, body without the expected text`;

  return undefined;
}

// Waits until nothing accepts connections on the target any more, e.g. after its vassal was
// removed; returns false when something still listens after `timeoutMs`.
export async function waitUntilClosed(target: HealthTarget, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isAccepting(target))) return true;
    await sleep(100);
  }

  return false;
}

function isAccepting(target: HealthTarget): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = target.kind === 'http' ? connect(target.port, '127.0.0.1') : connect(target.socket);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
