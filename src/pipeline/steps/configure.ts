// Step configure: reads the release's Procfile, picks its runtime and builds the app's environment.
// Reads: Procfile and ENV in the release, envs/<app>/ENV. Fails on a missing or invalid Procfile, an
// invalid ENV line, a Procfile kind we do not run yet, or an unsupported runtime; nothing live changes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getAppEnv } from '../../config/app-env.js';
import { PIKU_ERR_DEPLOY_PROCFILE_MISSING, PIKU_ERR_DEPLOY_KIND_UNSUPPORTED } from '../../errors/codes.js';
import { parseProcfile } from '../../procfile/procfile.js';
import { detectRuntime } from '../../runtimes/detect.js';
import type { DeployContext, Step } from '../types.js';

export const configureStep: Step = {
  name: 'configure',
  title: () => 'Reading Procfile and ENV',
  run: configure,
};

async function configure(context: DeployContext): Promise<void> {
  const procfileText = readProcfile(context);
  const procfile = parseProcfile(procfileText);
  for (const warning of procfile.warnings) context.output.detail(`Warning: ${warning}`);
  const unsupported = procfile.entries.find((entry) => entry.category === 'unsupported');
  if (unsupported !== undefined) throw PIKU_ERR_DEPLOY_KIND_UNSUPPORTED(unsupported.kind, unsupported.line);
  context.output.detail(`Procfile: ${procfile.entries.map((entry) => entry.kind).join(', ')}`);

  const runtime = detectRuntime(context.releaseDir, procfile);
  const runtimeEnvironment = runtime.getEnvironment({ ...context });
  const appEnv = getAppEnv({ app: context.app, layout: context.layout, codeDir: context.releaseDir, runtime: runtimeEnvironment });
  context.output.detail(`Runtime: ${runtime.description}`);

  context.procfile = procfile;
  context.runtime = runtime;
  context.runtimeEnvironment = runtimeEnvironment;
  context.virtualenv = runtimeEnvironment.virtualenv;
  context.env = { ...appEnv.env, PWD: context.releaseDir };
}

function readProcfile(context: DeployContext): string {
  const file = path.join(context.releaseDir, 'Procfile');
  if (!existsSync(file)) throw PIKU_ERR_DEPLOY_PROCFILE_MISSING(context.commit.slice(0, 12));

  return readFileSync(file, 'utf8');
}
