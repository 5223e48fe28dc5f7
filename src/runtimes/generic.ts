// Apps with nothing to install: static sites, and apps whose `release` entry builds what they need.
import type { Runtime } from './runtime.js';

export const staticRuntime: Runtime = {
  name: 'static',
  description: 'static files served by nginx',
  getEnvironment: () => ({ env: {}, binDirs: [] }),
  install: async (context) => context.output.detail('Nothing to install'),
};

export const genericRuntime: Runtime = {
  name: 'generic',
  description: 'generic (no dependency manifest)',
  getEnvironment: () => ({ env: {}, binDirs: [] }),
  install: async (context) => context.output.detail('Nothing to install'),
};
