// Step start-workers: starts the new release's HTTP workers (wsgi, web) in the slot that is not
// serving, beside the running ones, which keep serving; nginx does not know them yet.
// Reads: the rendered HTTP vassals and the slot. Stops a retirement still pending from the last
// deploy first, because it would stop the workers this step starts. Fails only on a file error;
// the health-check step removes the new workers when they do not answer.
import { mkdirSync } from 'node:fs';
import { writeVassals } from '../../uwsgi/vassal-files.js';
import { stopPendingRetirement } from '../retire.js';
import { hasCutover } from '../app-running.js';
import { requireField, type DeployContext, type Step } from '../types.js';

export const startWorkersStep: Step = {
  name: 'start-workers',
  title: (context) => (hasCutover(context) ? `Starting new HTTP workers in slot ${context.slot}` : 'Starting new HTTP workers: none needed'),
  run: async (context: DeployContext) => {
    const { paths } = context;
    for (const directory of [paths.env, paths.data, paths.cache, paths.logs]) mkdirSync(directory, { recursive: true });
    if (!hasCutover(context)) return;

    if (stopPendingRetirement(context.db, context.app)) context.output.detail('Stopped the retirement of the previous slot: a newer release replaces it');
    const files = requireField(context, 'httpVassals');
    context.startedVassals = files.map((file) => file.name);
    writeVassals(context.layout, files, { enable: true, restartUnchanged: true });
    context.output.detail(files.map((file) => file.name).join(', '));
  },
};
