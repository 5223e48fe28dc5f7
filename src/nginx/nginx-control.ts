// Tests and reloads nginx with the platform's commands (PIKU_NGINX_TEST and PIKU_NGINX_RELOAD), so
// a sandbox can point them at its own nginx.
import { execa } from 'execa';
import { PIKU_ERR_NGINX_RELOAD_FAILED } from '../errors/codes.js';
import type { Settings } from '../home/settings.js';

export interface NginxTestResult {
  ok: boolean;
  /** nginx's own lines, e.g. `nginx: [emerg] unknown directive "foo" in /x/blog.conf:3`. */
  output: string;
}

export async function testNginx(settings: Settings): Promise<NginxTestResult> {
  const [file, ...args] = settings.nginxTest;
  const result = await execa(file!, args, { all: true, reject: false, stdin: 'ignore' });

  return { ok: result.exitCode === 0, output: String(result.all ?? '').trim() };
}

export async function reloadNginx(settings: Settings): Promise<void> {
  const [file, ...args] = settings.nginxReload;
  const result = await execa(file!, args, { all: true, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) throw PIKU_ERR_NGINX_RELOAD_FAILED(settings.nginxReload.join(' '), String(result.all ?? '').trim());
}
