// Step prepare-certificate: makes sure the app has a certificate and key before nginx -t loads its
// HTTPS vhost. Reads: the rendered vhost, NGINX_SERVER_NAME, nginx/<app>.crt and .key. Writes a
// self-signed pair only when none is installed, so nothing live changes: no live vhost can use a
// pair that does not exist. Fails when openssl fails.
import { ensureCertificate } from '../../nginx/certificate-renewal.js';
import { getHostNames } from '../../render/nginx-values.js';
import { requireField, type DeployContext, type Step } from '../types.js';

export const prepareCertificateStep: Step = {
  name: 'prepare-certificate',
  title: () => 'Preparing the TLS certificate',
  run: async (context: DeployContext) => {
    if ((context.vhost ?? null) === null) {
      context.output.detail('No vhost: no certificate needed');

      return;
    }

    const names = getHostNames('NGINX_SERVER_NAME', requireField(context, 'env').NGINX_SERVER_NAME ?? '');
    const isCreated = await ensureCertificate(context.app, context.layout, names);
    context.output.detail(isCreated ? `Created a self-signed certificate for ${names.join(', ')}` : 'The installed certificate stays until the release is live');
  },
};
