// The state one deploy carries from step to step.
import type { Logger } from 'pino';
import type { AppPaths, Layout } from '../home/layout.js';
import type { Identity } from '../cli/command.js';
import type { Settings } from '../home/settings.js';
import type { CheckedVhost } from '../nginx/vhost-files.js';
import type { Procfile, ProcfileEntry } from '../procfile/types.js';
import type { Runtime, RuntimeEnvironment } from '../runtimes/runtime.js';
import type { Slot } from '../store/slots.js';
import type { Db } from '../store/db.js';
import type { DeployOutput } from './deploy-output.js';
import type { StepRecorder } from './recorder.js';

export interface RenderedFile {
  /** File name inside its directory, e.g. "blog_web.1.ini". */
  name: string;
  text: string;
}

/** The inputs every run on an app starts from: deploy, rollback, restart, config or scale change. */
export interface OperationBase {
  identity: Identity;
  layout: Layout;
  settings: Settings;
  db: Db;
  logger: Logger;
  /** Stream the caller reads the run's progress from, e.g. the git hook's stdout. */
  stream: NodeJS.WritableStream;
}

export interface DeployContext {
  app: string;
  /** Name of the run in messages, e.g. "deploy 12" or "config change". */
  label: string;
  commit: string;
  ref: string;
  layout: Layout;
  paths: AppPaths;
  settings: Settings;
  db: Db;
  logger: Logger;
  recorder: StepRecorder;
  output: DeployOutput;
  /** Set for deploys; config changes and scaling re-render the live release without a deploy row. */
  deployId?: number;
  releaseNumber: number;
  /** True when the run starts the app's workers even if the app was stopped (deploy, restart). */
  startsApp: boolean;
  /** Aborted by deploy:cancel (SIGTERM): the running command stops and no further step starts. */
  signal?: AbortSignal;
  /** releases/<app>/<number>, the directory this deploy builds. */
  releaseDir: string;
  /** Set by the configure step. */
  procfile?: Procfile;
  /** Environment of the app's processes: platform variables, repo ENV, then envs/<app>/ENV. Set by configure. */
  env?: Record<string, string>;
  /** Set by configure. */
  runtime?: Runtime;
  runtimeEnvironment?: RuntimeEnvironment;
  /** Python apps only. Set by configure. */
  virtualenv?: string;
  /** Every worker process of the release, with its port. Set by the render step. */
  workers?: Worker[];
  /** Every vassal of the release. Set by the render step. */
  vassals?: RenderedFile[];
  /** The vassals of the HTTP workers, a subset of `vassals`. Set by the render step. */
  httpVassals?: RenderedFile[];
  /** The slot whose HTTP workers serve after this run, and the one serving before it. Set by render. */
  slot?: Slot;
  previousSlot?: Slot;
  /** Vassal names start-workers put in place, until activate makes them the serving slot. */
  startedVassals?: string[];
  /** nginx vhost text, or null when the app has no NGINX_SERVER_NAME. Set by render. */
  vhost?: string | null;
  /** The state check-nginx's passed test covered, so that activate can skip a second identical test. */
  checkedVhost?: CheckedVhost;
}

export interface Worker {
  entry: ProcfileEntry;
  /** 1-based number of the worker within its kind. */
  index: number;
  /** Web workers only. */
  port?: number;
  /** HTTP workers (wsgi, web) only. */
  slot?: Slot;
}

export interface Step {
  /** Short name stored in the deploy history, e.g. "install". */
  name: string;
  /** Header shown to the pusher, e.g. "Installing dependencies". */
  title: (context: DeployContext) => string;
  run: (context: DeployContext) => Promise<void>;
}

// Reads a field a previous step must have set; a missing one is a bug in the step order.
export function requireField<K extends keyof DeployContext>(context: DeployContext, key: K): NonNullable<DeployContext[K]> {
  const value = context[key];
  if (value === undefined || value === null) throw new Error(`deploy step order bug: "${String(key)}" is not set yet`);

  return value as NonNullable<DeployContext[K]>;
}
