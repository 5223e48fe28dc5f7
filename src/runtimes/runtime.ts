// What a runtime provides: the variables and PATH entries its processes need, and the install.
import type { Layout } from '../home/layout.js';
import type { Settings } from '../home/settings.js';
import type { DeployContext } from '../pipeline/types.js';

export interface RuntimeInput {
  app: string;
  layout: Layout;
  settings: Settings;
  releaseDir: string;
}

export interface RuntimeEnvironment {
  env: Record<string, string>;
  /** Directories put first on PATH, e.g. the venv's bin. */
  binDirs: string[];
  /** Python apps only: the venv uwsgi's python plugin loads. */
  virtualenv?: string;
}

export interface Runtime {
  name: 'python' | 'node' | 'static' | 'generic';
  /** Shown to the pusher, e.g. "Python (requirements.txt)". */
  description: string;
  getEnvironment: (input: RuntimeInput) => RuntimeEnvironment;
  /** Installs dependencies; runs with the app's full environment in context.env. */
  install: (context: DeployContext, environment: RuntimeEnvironment) => Promise<void>;
}
