// Wires a CLI command (git-hook, deploy) to the deploy pipeline: opens the store, reads the
// platform settings and runs one deploy, streaming to the command's stdout.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnvFile } from '../config/env-file.js';
import { getAppPaths } from '../home/layout.js';
import { getSettings } from '../home/settings.js';
import { runDeploy } from '../pipeline/pipeline.js';
import { openDatabase } from '../store/db.js';
import type { CommandContext } from './command.js';

export async function deployApp(context: CommandContext, app: string, commit: string, ref: string): Promise<boolean> {
  const db = openDatabase(context.layout);
  try {
    const result = await runDeploy({
      app,
      commit,
      ref,
      identity: context.identity,
      layout: context.layout,
      settings: getSettings(context.layout),
      db,
      logger: context.getLogger(),
      stream: context.stdout,
    });

    return result.succeeded;
  } finally {
    db.close();
  }
}

// The branch whose pushes deploy: DEPLOY_BRANCH from envs/<app>/ENV, or undefined for the default
// (main or master).
export function getDeployBranch(context: CommandContext, app: string): string | undefined {
  const file = getAppPaths(context.layout, app).envFile;
  if (!existsSync(file)) return undefined;

  const value = parseEnvFile(readFileSync(file, 'utf8'), { source: `envs/${app}/ENV` }).DEPLOY_BRANCH?.trim();

  return value === '' ? undefined : value;
}
