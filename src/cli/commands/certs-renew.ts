// certs:renew [APP]: renew the TLS certificates that are self-signed, for other names, or due
// within 30 days, for every app with a live vhost or for one app. Meant for a daily cron job or
// systemd timer; exits 1 when any app could not get its certificate.
import { getSettings } from '../../home/settings.js';
import { renewAppCertificates } from '../../nginx/app-certificates.js';
import { openDatabase } from '../../store/db.js';
import { getExistingApp } from '../app-arg.js';
import type { CommandContext } from '../command.js';
import { parseArgs } from '../parse-args.js';

export async function run(context: CommandContext, words: string[]): Promise<number> {
  const { args } = parseArgs('certs:renew', words, (command) => command.argument('[app]'));
  const app = args[0] === undefined ? null : getExistingApp(context.layout, args[0]).app;
  const db = openDatabase(context.layout);
  try {
    await renewAppCertificates({
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      app,
      holder: context.identity.name,
      stream: context.getProgressStream(),
    });

    return 0;
  } finally {
    db.close();
  }
}
