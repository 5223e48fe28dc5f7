// HTTP requests to a sandbox's nginx on 127.0.0.1, with the Host header that picks the app's vhost.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HttpResponse {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** True when the request went over a keep-alive connection of `agent` that an earlier one opened. */
  reusedSocket: boolean;
}

const REQUEST_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 200;

// Sends GET urlPath to 127.0.0.1:port with `Host: host`, without keep-alive unless `agent` keeps
// connections alive.
export function httpGet(port: number, host: string, urlPath: string, agent: http.Agent | false = false): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: urlPath, headers: { Host: host }, agent, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers, reusedSocket: request.reusedSocket }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error(`GET http://${host}${urlPath} timed out after ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}

// Polls until a 200 response's body equals `expected` (a string) or matches it (a RegExp).
export async function waitForBody(port: number, host: string, expected: string | RegExp, timeoutMs: number): Promise<HttpResponse> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no response yet';
  while (Date.now() < deadline) {
    try {
      const response = await httpGet(port, host, '/');
      if (response.status === 200 && isExpectedBody(response.body, expected)) return response;

      last = `status ${response.status}, body ${JSON.stringify(response.body)}`;
    } catch (error) {
      last = `error ${(error as Error).message}`;
    }
    await sleep(POLL_INTERVAL_MS);
  }

  throw new Error(`http://${host}/ on port ${port} did not return ${String(expected)} within ${timeoutMs} ms: last ${last}`);
}

function isExpectedBody(body: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? body === expected : expected.test(body);
}

// Lists the PIDs of the sandbox nginx's worker processes.
export async function listNginxWorkers(sandboxDir: string): Promise<string[]> {
  const master = (await readFile(path.join(sandboxDir, 'nginx', 'nginx.pid'), 'utf8')).trim();
  const children = await readFile(`/proc/${master}/task/${master}/children`, 'utf8').catch(() => '');

  return children.split(/\s+/).filter((pid) => pid !== '');
}

// Waits until the given nginx workers have exited. After a reload, a worker of the old
// configuration still accepts connections until it handles the master's signal, so load that
// starts right after a first deploy can reach a configuration without the app's vhost.
export async function waitForNginxWorkersGone(workers: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const alive = await Promise.all(workers.map((pid) => readFile(`/proc/${pid}/stat`, 'utf8').then((stat) => !/^\d+ \(.*\) Z/.test(stat), () => false)));
    if (!alive.includes(true)) return;
    await sleep(50);
  }
  throw new Error(`nginx workers ${workers.join(', ')} still run after ${timeoutMs} ms`);
}
