// Turns a command's app argument into a validated name, and checks that the app exists.
import { existsSync } from 'node:fs';
import { PIKU_ERR_APP_NOT_FOUND } from '../errors/codes.js';
import { validateAppName } from '../home/app-name.js';
import { getAppPaths, type AppPaths, type Layout } from '../home/layout.js';

// git sends "/blog" for ssh://host/blog and "blog" for host:blog; both name the app "blog".
export function getAppName(raw: string): string {
  return validateAppName(raw);
}

// An app exists once its bare repo does: the first push creates it.
export function getExistingApp(layout: Layout, raw: string): { app: string; paths: AppPaths } {
  const app = getAppName(raw);
  const paths = getAppPaths(layout, app);
  if (!existsSync(paths.repo)) throw PIKU_ERR_APP_NOT_FOUND(app);

  return { app, paths };
}
