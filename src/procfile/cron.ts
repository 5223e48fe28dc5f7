// Cron entries of a Procfile: the five-field schedule, its uwsgi `cron =` form, and the next run
// time that `ps` shows. uwsgi 2.0 decides when an entry runs: uwsgi_cron_task_needs_execution
// compares each field with `localtime`, counting months 1-12. These rules follow it, not Vixie cron.
import { createRequire } from 'node:module';
import type { Cron as CronClass } from 'croner';
import {
  PIKU_ERR_PROCFILE_CRON_COMMAND_MISSING,
  PIKU_ERR_PROCFILE_CRON_EXTRA_FIELD,
  PIKU_ERR_PROCFILE_CRON_FIELD_INVALID,
  PIKU_ERR_PROCFILE_CRON_NEVER_RUNS,
} from '../errors/codes.js';
import type { CronSchedule } from './types.js';

interface FieldRule {
  name: keyof CronSchedule;
  min: number;
  max: number;
}

const FIELD_RULES: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 1, max: 7 },
];

const FIELD_PATTERN = /^(?:\d+|\*|\*\/\d+)$/;

// Only `ps` of an app with cron entries computes a next run; other commands skip loading croner.
const requireModule = createRequire(import.meta.url);
let cronClass: typeof CronClass | undefined;

// Parses the text after `cron...:` into a schedule in uwsgi's form and the command, which is kept
// exactly as written: "*/5 * * * * rm /tmp/*.log" -> -5 -1 -1 -1 -1 and "rm /tmp/*.log".
export function parseCronEntry(text: string, line: number): { schedule: CronSchedule; command: string } {
  const { fields, command } = splitEntry(text.trim());

  // A seconds field (as in Quartz or croner) would otherwise run as the command "* python x.py".
  // It is checked first because it shifts every other field into the wrong place.
  const firstWord = command.split(/\s/, 1)[0] ?? '';
  if (FIELD_PATTERN.test(firstWord)) {
    throw PIKU_ERR_PROCFILE_CRON_EXTRA_FIELD(line, firstWord);
  }

  // Fields are checked before the command, so "@daily run.sh" names "@daily" as the problem.
  const values = fields.map((field, index) => parseField(field, FIELD_RULES[index] as FieldRule, line));
  if (values.length < FIELD_RULES.length || command === '') {
    throw PIKU_ERR_PROCFILE_CRON_COMMAND_MISSING(line, text.trim());
  }

  const [minute = -1, hour = -1, day = -1, month = -1, weekday = -1] = values;
  const schedule = { minute, hour, day, month, weekday: weekday === 7 ? 0 : weekday };
  if (!isDayInMonths(schedule)) {
    throw PIKU_ERR_PROCFILE_CRON_NEVER_RUNS(line, fields.join(' '));
  }

  return { schedule, command };
}

// Renders the schedule for uwsgi's `cron =` key: "0 3 -1 -1 -1".
export function formatUwsgiCron(schedule: CronSchedule): string {
  const { minute, hour, day, month, weekday } = schedule;

  return [minute, hour, day, month, weekday].join(' ');
}

export interface NextCronRunOptions {
  /** IANA time zone such as "UTC". Unset means the host's local time, which uwsgi uses. */
  timezone?: string;
}

// Returns the first time after `from` at which uwsgi runs the schedule, or null if it never does.
export function getNextCronRun(
  schedule: CronSchedule,
  from: Date,
  { timezone }: NextCronRunOptions = {},
): Date | null {
  // uwsgi ORs day and weekday only when both are plain numbers, and ANDs them otherwise. Croner
  // ORs them in legacy mode whenever the day field is not "*", so legacy mode is set to match.
  const isDayOrWeekday = schedule.day >= 0 && schedule.weekday >= 0;
  cronClass ??= (requireModule('croner') as { Cron: typeof CronClass }).Cron;
  const job = new cronClass(getCronerPattern(schedule), { paused: true, timezone, legacyMode: isDayOrWeekday });

  return job.nextRun(from);
}

// Takes up to five leading words as fields. The rest, with its inner spacing, is the command.
function splitEntry(text: string): { fields: string[]; command: string } {
  const fields: string[] = [];
  let rest = text;
  while (fields.length < FIELD_RULES.length && rest !== '') {
    const word = rest.split(/\s/, 1)[0] ?? '';
    fields.push(word);
    rest = rest.slice(word.length).trimStart();
  }

  return { fields, command: rest };
}

function parseField(value: string, { name, min, max }: FieldRule, line: number): number {
  if (value === '*') {
    return -1;
  }

  const step = /^\*\/(\d+)$/.exec(value)?.[1];
  if (step !== undefined && Number(step) >= 1 && Number(step) <= max) {
    return -Number(step);
  }
  if (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max) {
    return Number(value);
  }

  throw PIKU_ERR_PROCFILE_CRON_FIELD_INVALID(line, name, value, min, max);
}

// uwsgi runs `*/N` on the values that are multiples of N: days 2, 4, 6... for a day of */2, and
// months 3, 6, 9, 12 for a month of */3 (Vixie cron starts at 1 and gives 1, 3, 5... and 1, 4, 7, 10).
function getCronerPattern({ minute, hour, day, month, weekday }: CronSchedule): string {
  return [
    getCronerField(minute, 0, 59),
    getCronerField(hour, 0, 23),
    getCronerField(day, 1, 31),
    getCronerField(month, 1, 12),
    getCronerField(weekday, 0, 6),
  ].join(' ');
}

function getCronerField(value: number, min: number, max: number): string {
  if (value === -1) {
    return '*';
  }
  if (value >= 0) {
    return String(value);
  }

  const multiples: number[] = [];
  for (let candidate = min; candidate <= max; candidate++) {
    if (candidate % -value === 0) {
      multiples.push(candidate);
    }
  }

  return multiples.join(',');
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// False when every day the schedule allows is past the end of every month it allows, e.g. day 30 in
// month 2. A plain weekday still runs such a schedule, because uwsgi then ORs day and weekday.
function isDayInMonths({ day, month, weekday }: CronSchedule): boolean {
  if (day >= 0 && weekday >= 0) {
    return true;
  }

  const firstDay = day >= 0 ? day : -day;
  const months = month >= 0 ? [month] : DAYS_IN_MONTH.map((_, index) => index + 1).filter((m) => m % -month === 0);

  return months.some((m) => firstDay <= (DAYS_IN_MONTH[m - 1] ?? 0));
}
