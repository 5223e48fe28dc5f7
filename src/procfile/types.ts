// The parsed form of a Procfile, shared by the parser, the renderers and the pipeline.

/**
 * How the platform runs an entry: `wsgi` and `web` serve HTTP, `worker` is any other named
 * long-running process, `cron` runs on a schedule, `static` is served by nginx alone, `preflight`
 * and `release` run once per deploy, `unsupported` is a kind piku knows that we do not run yet
 * (jwsgi, rwsgi, php).
 */
export type WorkerCategory = 'wsgi' | 'web' | 'worker' | 'cron' | 'static' | 'preflight' | 'release' | 'unsupported';

/** A cron schedule in uwsgi's `cron =` form: -1 for `*`, -N for a step of N, else the value itself. */
export interface CronSchedule {
  minute: number;
  hour: number;
  day: number;
  month: number;
  /** 0-6 with Sunday as 0, as uwsgi compares it with tm_wday. */
  weekday: number;
}

export interface ProcfileEntry {
  /** The name before the colon, e.g. `web`, `worker`, `cron-nightly`. */
  kind: string;
  category: WorkerCategory;
  /** Text after the colon, trimmed; for cron entries, the command after the five fields. */
  command: string;
  /** 1-based line number in the Procfile. */
  line: number;
  /** Set for cron entries only. */
  schedule?: CronSchedule;
}

export interface Procfile {
  /** One entry per kind, in the order the kinds first appear. */
  entries: ProcfileEntry[];
  /** Non-fatal findings shown to the pusher, e.g. a duplicate kind or a dropped `web`. */
  warnings: string[];
}
