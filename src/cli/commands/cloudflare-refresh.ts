// cloudflare:refresh [--ipv4-url URL] [--ipv6-url URL] [--output FILE]: download Cloudflare's
// published address ranges into $PIKU_ROOT/cloudflare-ranges.json, which NGINX_CLOUDFLARE_ACL
// vhosts use from their next deploy or config change. `--output src/nginx/cloudflare-ranges.json`
// refreshes the copy that ships in the repository.
import path from 'node:path';
import { getRefreshedRangesFile, refreshCloudflareRanges } from '../../nginx/cloudflare-ranges.js';
import { DETAIL_PREFIX, STEP_PREFIX } from '../../pipeline/deploy-output.js';
import { PIKU_ERR_CLI_USAGE } from '../../errors/codes.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { options } = parseArgs('cloudflare:refresh', words, (command) =>
    command
      .option('--ipv4-url <url>', 'URL of the IPv4 list, one CIDR range per line (https:, http: or file:)')
      .option('--ipv6-url <url>', 'URL of the IPv6 list, one CIDR range per line (https:, http: or file:)')
      .option('--output <file>', 'file to write (default: $PIKU_ROOT/cloudflare-ranges.json)'),
  );
  // Over SSH these options would read and overwrite any file the platform user can reach.
  const hasFileOptions = ['ipv4Url', 'ipv6Url', 'output'].some((name) => options[name] !== undefined);
  if (hasFileOptions && context.identity.fingerprint !== 'local') {
    throw PIKU_ERR_CLI_USAGE('cloudflare:refresh', '--ipv4-url, --ipv6-url and --output work only when run on the server itself');
  }

  const output = path.resolve((options.output as string | undefined) ?? getRefreshedRangesFile(context.layout));
  context.stdout.write(`${STEP_PREFIX}Refreshing Cloudflare's address ranges\n`);

  const ranges = await refreshCloudflareRanges({
    ipv4Url: options.ipv4Url as string | undefined,
    ipv6Url: options.ipv6Url as string | undefined,
    output,
  });
  context.stdout.write(`${DETAIL_PREFIX}Wrote ${ranges.ipv4.length} IPv4 and ${ranges.ipv6.length} IPv6 ranges to ${output}\n`);
  context.stdout.write(`${DETAIL_PREFIX}Apps with NGINX_CLOUDFLARE_ACL use them from their next deploy or config change\n`);

  return 0;
}
