// Step issue-certificate: runs once the vhost is live, because the ACME server checks the challenge
// path through it. It requests a certificate for all of the app's names when the installed one is
// self-signed, for other names or due for renewal, installs it and reloads nginx.
// Reads: NGINX_SERVER_NAME, the PIKU_ACME_* settings.
// Fails only on a bug: a failed ACME order or certificate install is a warning, because the release
// is already live. The app then keeps its certificate, or gets a self-signed one when the names changed.
import { isPikuError } from '../../errors/piku-error.js';
import { renewCertificate } from '../../nginx/certificate-renewal.js';
import { getHostNames } from '../../render/nginx-values.js';
import { requireField, type DeployContext, type Step } from '../types.js';

export const issueCertificateStep: Step = {
  name: 'issue-certificate',
  title: () => 'Checking the TLS certificate',
  run: async (context: DeployContext) => {
    if ((context.vhost ?? null) === null) {
      context.output.detail('No vhost: no certificate needed');

      return;
    }

    try {
      await issueCertificate(context);
    } catch (error) {
      // The release is live and recorded: a certificate that cannot be installed is a warning.
      if (!isPikuError(error)) throw error;
      context.output.detail(`Warning: ${error.message}`);
    }
  },
};

async function issueCertificate(context: DeployContext): Promise<void> {
  const names = getHostNames('NGINX_SERVER_NAME', requireField(context, 'env').NGINX_SERVER_NAME ?? '');
  const result = await renewCertificate({
    app: context.app,
    layout: context.layout,
    settings: context.settings,
    db: context.db,
    names,
    holder: context.label,
    notify: (message) => context.output.detail(message),
  });
  if (result.error !== null) context.output.detail(`Warning: ${result.error.message}`);
  context.output.detail(result.message);
}
