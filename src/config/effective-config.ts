// The config of an app as its workers get it at their next start: the live release's ENV merged
// with envs/<app>/ENV, values expanded with the same platform and runtime variables as a deploy.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Layout } from '../home/layout.js';
import { getAppPaths } from '../home/layout.js';
import { getSettings } from '../home/settings.js';
import { parseProcfile } from '../procfile/procfile.js';
import { detectRuntime } from '../runtimes/detect.js';
import type { RuntimeEnvironment } from '../runtimes/runtime.js';
import { getAppEnv, type AppEnv } from './app-env.js';

const NO_RUNTIME: RuntimeEnvironment = { env: {}, binDirs: [] };

// Reads both ENV layers of an app. Before the first deploy only envs/<app>/ENV exists.
export function getEffectiveConfig(layout: Layout, app: string): AppEnv {
  const live = getAppPaths(layout, app).live;
  const runtime = existsSync(live) ? getLiveRuntime(layout, app, realpathSync(live)) : NO_RUNTIME;

  return getAppEnv({ app, layout, codeDir: live, runtime });
}

// Renders the repo and app layers, one sorted `KEY=value  (source)` line per key:
//   GREETING=hi  (app, overrides repo)
//   NGINX_SERVER_NAME=blog.example.com  (repo)
// Without values (for users who may read an app but not its config values) a line is `KEY  (source)`.
export function formatConfigListing(config: AppEnv, { withValues = true }: { withValues?: boolean } = {}): string {
  const keys = [...new Set([...Object.keys(config.repo), ...Object.keys(config.app)])].sort();
  const formatKey = (key: string) => (withValues ? `${key}=${config.env[key]}` : key);

  return keys.map((key) => `${formatKey(key)}  (${getSourceLabel(config, key)})\n`).join('');
}

// Returns the value a key has in the repo or app layer, or undefined when neither sets it.
export function getConfigValue(config: AppEnv, key: string): string | undefined {
  const isSet = Object.hasOwn(config.app, key) || Object.hasOwn(config.repo, key);

  return isSet ? config.env[key] : undefined;
}

// The runtime adds variables such as VIRTUAL_ENV that ENV values may refer to.
function getLiveRuntime(layout: Layout, app: string, releaseDir: string): RuntimeEnvironment {
  const procfileFile = path.join(releaseDir, 'Procfile');
  if (!existsSync(procfileFile)) return NO_RUNTIME;

  const runtime = detectRuntime(releaseDir, parseProcfile(readFileSync(procfileFile, 'utf8')));

  return runtime.getEnvironment({ app, layout, settings: getSettings(layout), releaseDir });
}

function getSourceLabel(config: AppEnv, key: string): string {
  if (!Object.hasOwn(config.app, key)) return 'repo';

  return Object.hasOwn(config.repo, key) ? 'app, overrides repo' : 'app';
}
