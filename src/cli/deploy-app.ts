// Wires a CLI command (git-hook, deploy) to the deploy pipeline: opens the store, reads the
// platform settings and runs one deploy, streaming to the command's stdout.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnvFile } from '../config/env-file.js';
import { getAppPaths } from '../home/layout.js';
import { runDeploy } from '../pipeline/pipeline.js';
import type { CommandContext } from './command.js';
import { runAppOperation } from './app-operation.js';

export async function deployApp(context: CommandContext, app: string, commit: string, ref: string): Promise<boolean> {
  const result = await runAppOperation(context, (base) => runDeploy({ ...base, app, commit, ref }));

  return result.succeeded;
}

// The branch whose pushes deploy: DEPLOY_BRANCH from envs/<app>/ENV, or undefined for the default
// (main or master).
export function getDeployBranch(context: CommandContext, app: string): string | undefined {
  const file = getAppPaths(context.layout, app).envFile;
  if (!existsSync(file)) return undefined;

  const value = parseEnvFile(readFileSync(file, 'utf8'), { source: `envs/${app}/ENV` }).DEPLOY_BRANCH?.trim();

  return value === '' ? undefined : value;
}
