// Step check-nginx: tests the new vhost with nginx -t before anything live changes. A vhost whose
// text is the installed one is not tested again.
// Reads: the rendered vhost. Fails with nginx's own error line and the rendered text when nginx
// rejects it; the previous vhost file is back in place before the step returns either way.
import { existsSync, readFileSync } from 'node:fs';
import { isPikuError } from '../../errors/piku-error.js';
import { checkVhost, type VhostChange } from '../../nginx/vhost-files.js';
import type { DeployContext, Step } from '../types.js';

export const checkNginxStep: Step = {
  name: 'check-nginx',
  title: () => 'Testing nginx configuration',
  run: async (context: DeployContext) => {
    const text = context.vhost ?? null;
    if (text === null && !existsSync(context.paths.nginxConf)) {
      context.output.detail('No vhost to test');

      return;
    }
    // activate leaves such a vhost alone, and nginx already runs it.
    if (text !== null && existsSync(context.paths.nginxConf) && readFileSync(context.paths.nginxConf, 'utf8') === text) {
      context.output.detail('The vhost is unchanged: nginx already runs it');

      return;
    }

    try {
      context.checkedVhost = await checkVhost({ ...getVhostChange(context), text });
    } catch (error) {
      if (isPikuError(error) && text !== null) context.output.detail(`Rendered vhost:\n${text}`);
      throw error;
    }
    context.output.detail('nginx accepts the configuration');
  },
};

export function getVhostChange(context: DeployContext): Omit<VhostChange, 'text'> {
  return {
    db: context.db,
    settings: context.settings,
    app: context.app,
    file: context.paths.nginxConf,
    notify: (message) => context.output.detail(message),
    holder: context.label,
  };
}
