// nginx:render: render every deployed app's nginx vhost again and reload nginx once, e.g. after an
// upgrade of the platform or a change of the listen settings in piku.conf.
import { DETAIL_PREFIX, STEP_PREFIX } from '../../pipeline/deploy-output.js';
import { renderAllVhosts } from '../../pipeline/render-vhosts.js';
import { runAppOperation } from '../app-operation.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  parseArgs('nginx:render', words, () => {});
  context.stdout.write(`${STEP_PREFIX}Rendering the nginx vhost of every app\n`);
  const result = await runAppOperation(context, (base) => renderAllVhosts(base));

  const detail = (line: string) => context.stdout.write(`${DETAIL_PREFIX}${line}\n`);
  for (const app of result.updated) detail(`${app}: updated`);
  for (const { app, reason } of result.skipped) detail(`${app}: skipped: ${reason}`);
  detail(`${result.updated.length} updated, ${result.unchanged.length} unchanged, ${result.skipped.length} skipped`);
  detail(result.updated.length > 0 ? 'nginx accepts the configuration and was reloaded once' : 'Nothing changed: nginx was not reloaded');

  return result.skipped.length === 0 ? 0 : 1;
}
