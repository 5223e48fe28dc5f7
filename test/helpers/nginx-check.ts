// Runs the real `nginx -t` on rendered vhost text, inside a throwaway prefix with its own main
// config, pid file, logs and temp paths, so it needs no root and touches nothing of the host.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

export interface NginxCheckResult {
  /** True when `nginx -t` exited with status 0. */
  ok: boolean;
  /** stderr of nginx, where it reports the test result. */
  output: string;
}

const NGINX = process.env.PIKU_TEST_NGINX ?? '/usr/sbin/nginx';
// Vhosts of wsgi apps include uwsgi_params, which nginx resolves next to the main config.
const UWSGI_PARAMS = '/etc/nginx/uwsgi_params';

// Tests `vhostText` as nginx would load it from the http block of a main config.
export async function checkNginxVhost(vhostText: string): Promise<NginxCheckResult> {
  const prefix = await mkdtemp(path.join(tmpdir(), 'piku-nginx-check-'));
  try {
    await writeFile(path.join(prefix, 'vhost.conf'), vhostText);
    await writeFile(path.join(prefix, 'nginx.conf'), getMainConfig(prefix));
    await copyFile(UWSGI_PARAMS, path.join(prefix, 'uwsgi_params'));

    const args = ['-t', '-p', `${prefix}/`, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')];
    const result = await execa(NGINX, args, { reject: false });

    return { ok: result.exitCode === 0, output: result.stderr };
  } finally {
    await rm(prefix, { recursive: true, force: true });
  }
}

// NOTE: this main config is test scaffolding, so it is the one nginx text not rendered from templates/.
function getMainConfig(prefix: string): string {
  const at = (name: string) => path.join(prefix, name);

  return [
    `pid ${at('nginx.pid')};`,
    `error_log ${at('error.log')};`,
    'events {}',
    'http {',
    `    access_log ${at('access.log')};`,
    `    client_body_temp_path ${at('client_body')};`,
    `    proxy_temp_path ${at('proxy')};`,
    `    fastcgi_temp_path ${at('fastcgi')};`,
    `    uwsgi_temp_path ${at('uwsgi')};`,
    `    scgi_temp_path ${at('scgi')};`,
    `    include ${at('vhost.conf')};`,
    '}',
    '',
  ].join('\n');
}
