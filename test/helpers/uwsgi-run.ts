// Runs the real uwsgi on a rendered ini file in the foreground, as a child the test stops by PID.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';

const UWSGI = process.env.PIKU_TEST_UWSGI ?? '/usr/bin/uwsgi';

export type UwsgiProcess = ResultPromise<{ reject: false; stdin: 'ignore'; all: true }>;

// Starts `uwsgi --ini file`. Stop it with stopUwsgi, which also reaps the child.
export function startUwsgi(iniFile: string): UwsgiProcess {
  return execa(UWSGI, ['--ini', iniFile], { reject: false, stdin: 'ignore', all: true });
}

// Stops uwsgi with SIGINT, which makes a master stop its workers, daemons and vassals first.
export async function stopUwsgi(child: UwsgiProcess): Promise<string> {
  if (child.exitCode === null && child.pid !== undefined) {
    process.kill(child.pid, 'SIGINT');
  }
  const result = await child;

  return result.all ?? '';
}

// Waits until `file` exists and `isReady` accepts its text, then returns the text.
export async function waitForFile(file: string, isReady: (text: string) => boolean, timeoutMs = 15000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined && isReady(text)) {
      return text;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${file}, which contains: ${text ?? '(missing)'}`);
    }
    await sleep(100);
  }
}
