// The HTTPS side of a vhost. Every vhost serves HTTPS with the app's certificate at
// nginx/<app>.crt and nginx/<app>.key: a self-signed one until the ACME server issues a real one,
// so HTTPS works from the first deploy. NGINX_HTTPS_ONLY redirects plain HTTP to it.
import { parseBoolean } from '../config/booleans.js';
import { getAppPaths, type Layout } from '../home/layout.js';
import { getNginxPath } from './nginx-values.js';

export interface VhostHttps {
  port: number;
  certificate: string;
  key: string;
  /** True when port 80 serves only ACME challenges and redirects everything else (301) to HTTPS. */
  isHttpsOnly: boolean;
  /** Port written into redirect URLs, or null for the default 443, which URLs leave out. */
  redirectPort: number | null;
}

const DEFAULT_HTTPS_PORT = 443;

// Reads NGINX_HTTPS_ONLY; `port` is the platform's PIKU_HTTPS_PORT, already validated.
export function getVhostHttps(app: string, layout: Layout, env: Record<string, string>, port: number): VhostHttps {
  const paths = getAppPaths(layout, app);

  return {
    port,
    certificate: getNginxPath('PIKU_ROOT', paths.nginxCert),
    key: getNginxPath('PIKU_ROOT', paths.nginxKey),
    isHttpsOnly: parseBoolean('NGINX_HTTPS_ONLY', env.NGINX_HTTPS_ONLY, false),
    redirectPort: port === DEFAULT_HTTPS_PORT ? null : port,
  };
}
