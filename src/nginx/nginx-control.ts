// Tests and reloads nginx with the platform's commands (PIKU_NGINX_TEST and PIKU_NGINX_RELOAD), so
// a sandbox can point them at its own nginx.
import { PIKU_ERR_NGINX_RELOAD_FAILED } from '../errors/codes.js';
import type { Settings } from '../home/settings.js';
import { runFile } from '../process/run-file.js';

export interface NginxTestResult {
  ok: boolean;
  /** nginx's own lines, e.g. `nginx: [emerg] unknown directive "foo" in /x/blog.conf:3`. */
  output: string;
}

export async function testNginx(settings: Settings): Promise<NginxTestResult> {
  const [file, ...args] = settings.nginxTest;
  const result = await runFile(file!, args);

  return { ok: result.exitCode === 0, output: result.output };
}

export async function reloadNginx(settings: Settings): Promise<void> {
  const [file, ...args] = settings.nginxReload;
  const result = await runFile(file!, args);
  if (result.exitCode !== 0) throw PIKU_ERR_NGINX_RELOAD_FAILED(settings.nginxReload.join(' '), result.output);
}
