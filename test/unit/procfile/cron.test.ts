import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatUwsgiCron, getNextCronRun, parseCronEntry } from '../../../src/procfile/cron.js';
import type { CronSchedule } from '../../../src/procfile/types.js';

const VALID_ENTRIES: [text: string, uwsgi: string, command: string][] = [
  ['0 3 * * * python nightly.py', '0 3 -1 -1 -1', 'python nightly.py'],
  ['*/5 * * * * rm /tmp/*.log', '-5 -1 -1 -1 -1', 'rm /tmp/*.log'],
  ['59 23 31 12 7 ./end-of-year.sh', '59 23 31 12 0', './end-of-year.sh'],
  ['0 0 1 1 1 ./monday.sh', '0 0 1 1 1', './monday.sh'],
  ['30 12 * * 6 ./saturday.sh', '30 12 -1 -1 6', './saturday.sh'],
  ['0 0 * * */2 ./even-days.sh', '0 0 -1 -1 -2', './even-days.sh'],
  ['*/1 */23 */31 */12 */7 ./steps.sh', '-1 -23 -31 -12 -7', './steps.sh'],
  ['05 03 * * * ./leading-zeros.sh', '5 3 -1 -1 -1', './leading-zeros.sh'],
  ['0\t3  *   * *   python  x.py  --flag', '0 3 -1 -1 -1', 'python  x.py  --flag'],
  ['0 0 * * * echo * */2 5', '0 0 -1 -1 -1', 'echo * */2 5'],
  ['0 0 29 2 * ./leap-day.sh', '0 0 29 2 -1', './leap-day.sh'],
  ['0 0 31 */2 * ./long-even-months.sh', '0 0 31 -2 -1', './long-even-months.sh'],
  ['0 0 30 2 1 ./mondays-in-february.sh', '0 0 30 2 1', './mondays-in-february.sh'],
];

for (const [text, uwsgi, command] of VALID_ENTRIES) {
  test(`cron: parses "${text}"`, () => {
    const entry = parseCronEntry(text, 4);

    assert.equal(formatUwsgiCron(entry.schedule), uwsgi);
    assert.equal(entry.command, command);
  });
}

test('cron: returns the schedule fields by name', () => {
  assert.deepEqual(parseCronEntry('1 2 3 4 7 run', 1), {
    schedule: { minute: 1, hour: 2, day: 3, month: 4, weekday: 0 },
    command: 'run',
  });
});

function fieldMessage(field: string, value: string, min: number, max: number): string {
  return `Procfile line 4 has an invalid cron ${field} "${value}": use a number from ${min} to ${max}, "*" or "*/N" with N from 1 to ${max}. Lists, ranges, names and shortcuts such as "@daily" are not supported.`;
}

const INVALID_FIELDS: [text: string, field: string, value: string, min: number, max: number][] = [
  ['1-5 * * * * x', 'minute', '1-5', 0, 59],
  ['0,30 * * * * x', 'minute', '0,30', 0, 59],
  ['60 * * * * x', 'minute', '60', 0, 59],
  ['-1 * * * * x', 'minute', '-1', 0, 59],
  ['+5 * * * * x', 'minute', '+5', 0, 59],
  ['1.5 * * * * x', 'minute', '1.5', 0, 59],
  ['*/0 * * * * x', 'minute', '*/0', 0, 59],
  ['*/60 * * * * x', 'minute', '*/60', 0, 59],
  ['*/ * * * * x', 'minute', '*/', 0, 59],
  ['** * * * * x', 'minute', '**', 0, 59],
  ['2/5 * * * * x', 'minute', '2/5', 0, 59],
  ['@daily python x.py', 'minute', '@daily', 0, 59],
  ['@daily python x.py --a --b', 'minute', '@daily', 0, 59],
  ['0 24 * * * x', 'hour', '24', 0, 23],
  ['0 */24 * * * x', 'hour', '*/24', 0, 23],
  ['0 0 0 * * x', 'day', '0', 1, 31],
  ['0 0 32 * * x', 'day', '32', 1, 31],
  ['0 0 */32 * * x', 'day', '*/32', 1, 31],
  ['0 0 L * * x', 'day', 'L', 1, 31],
  ['0 0 * 0 * x', 'month', '0', 1, 12],
  ['0 0 * 13 * x', 'month', '13', 1, 12],
  ['0 0 * jan * x', 'month', 'jan', 1, 12],
  ['0 0 * */13 * x', 'month', '*/13', 1, 12],
  ['0 0 * * 0 x', 'weekday', '0', 1, 7],
  ['0 0 * * 8 x', 'weekday', '8', 1, 7],
  ['0 0 * * mon x', 'weekday', 'mon', 1, 7],
  ['0 0 * * 1-5 x', 'weekday', '1-5', 1, 7],
  ['0 0 * * python x.py', 'weekday', 'python', 1, 7],
  ['0 0 * * */8 x', 'weekday', '*/8', 1, 7],
];

for (const [text, field, value, min, max] of INVALID_FIELDS) {
  test(`cron: rejects ${field} "${value}"`, () => {
    assert.throws(() => parseCronEntry(text, 4), {
      name: 'PikuError',
      code: 'PIKU_ERR_PROCFILE_CRON_FIELD_INVALID',
      message: fieldMessage(field, value, min, max),
    });
  });
}

for (const text of ['0 0 * * *', '0 0 * *', '*/5', '']) {
  test(`cron: rejects "${text}" without a command`, () => {
    assert.throws(() => parseCronEntry(`  ${text}  `, 4), {
      code: 'PIKU_ERR_PROCFILE_CRON_COMMAND_MISSING',
      message: `Procfile line 4 cron entry "${text}" has no command: write 5 schedule fields (minute hour day month weekday), then the command.`,
    });
  });
}

const SIX_FIELD_ENTRIES: [text: string, sixthField: string][] = [
  ['0 0 0 * * * python x.py', '*'],
  ['0 0 * * * 5 python x.py', '5'],
  ['0 0 * * * */2 python x.py', '*/2'],
];

for (const [text, value] of SIX_FIELD_ENTRIES) {
  test(`cron: rejects sixth field in "${text}"`, () => {
    assert.throws(() => parseCronEntry(text, 4), {
      code: 'PIKU_ERR_PROCFILE_CRON_EXTRA_FIELD',
      message: `Procfile line 4 has a sixth cron field "${value}": write exactly 5 schedule fields (minute hour day month weekday), then the command.`,
    });
  });
}

const NEVER_RUNNING_ENTRIES: [text: string, schedule: string][] = [
  ['0 0 30 2 * x', '0 0 30 2 *'],
  ['0 0 31 4 * x', '0 0 31 4 *'],
  ['0 0 */30 2 * x', '0 0 */30 2 *'],
  ['0 0 30 2 */2 x', '0 0 30 2 */2'],
];

for (const [text, schedule] of NEVER_RUNNING_ENTRIES) {
  test(`cron: rejects "${schedule}" that never runs`, () => {
    assert.throws(() => parseCronEntry(text, 4), {
      code: 'PIKU_ERR_PROCFILE_CRON_NEVER_RUNS',
      message: `Procfile line 4 cron schedule "${schedule}" never runs because no month it allows has that day: change the day or the month field.`,
    });
  });
}

test('cron: cuts a long field value in the message', () => {
  const value = '9'.repeat(100);

  assert.throws(() => parseCronEntry(`${value} * * * * x`, 4), {
    message: fieldMessage('minute', `${'9'.repeat(77)}...`, 0, 59),
  });
});

// 2024-01-15 is a Monday.
const NEXT_RUNS: [entry: string, from: string, expected: string][] = [
  ['0 3 * * *', '2024-01-15T10:30:00Z', '2024-01-16T03:00:00.000Z'],
  ['*/5 * * * *', '2024-01-15T10:30:00Z', '2024-01-15T10:35:00.000Z'],
  ['*/5 * * * *', '2024-01-15T10:31:20Z', '2024-01-15T10:35:00.000Z'],
  ['0 9 * * 7', '2024-01-15T10:30:00Z', '2024-01-21T09:00:00.000Z'],
  ['0 9 * * 1', '2024-01-15T10:30:00Z', '2024-01-22T09:00:00.000Z'],
  ['0 9 * * 1', '2024-01-15T08:59:59Z', '2024-01-15T09:00:00.000Z'],
  // uwsgi runs */N on multiples of N: days 10, 20, 30 and months 3, 6, 9, 12.
  ['0 0 */10 * *', '2024-01-15T10:30:00Z', '2024-01-20T00:00:00.000Z'],
  ['0 0 1 */3 *', '2024-01-15T10:30:00Z', '2024-03-01T00:00:00.000Z'],
  // Weekday */2 matches Sunday (0), Tuesday, Thursday and Saturday.
  ['0 0 * * */2', '2024-01-15T10:30:00Z', '2024-01-16T00:00:00.000Z'],
  ['0 0 * * */2', '2024-01-16T00:00:00Z', '2024-01-18T00:00:00.000Z'],
  ['0 0 * * */2', '2024-01-20T00:00:00Z', '2024-01-21T00:00:00.000Z'],
  // A plain day and a plain weekday: either one matches.
  ['0 0 13 * 5', '2024-01-15T10:30:00Z', '2024-01-19T00:00:00.000Z'],
  ['0 0 13 * 5', '2024-02-10T00:00:00Z', '2024-02-13T00:00:00.000Z'],
  // A step on one of them: both must match, so the 13th on a Friday or a Sunday.
  ['0 0 13 * */5', '2024-01-15T10:30:00Z', '2024-09-13T00:00:00.000Z'],
  ['0 0 29 2 *', '2024-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
];

for (const [entry, from, expected] of NEXT_RUNS) {
  test(`cron: "${entry}" after ${from} runs at ${expected}`, () => {
    const { schedule } = parseCronEntry(`${entry} run`, 1);

    assert.equal(getNextCronRun(schedule, new Date(from), { timezone: 'UTC' })?.toISOString(), expected);
  });
}

test('cron: next run follows the time zone', () => {
  const { schedule } = parseCronEntry('0 3 * * * run', 1);

  const next = getNextCronRun(schedule, new Date('2024-01-15T10:30:00Z'), { timezone: 'Europe/Berlin' });
  assert.equal(next?.toISOString(), '2024-01-16T02:00:00.000Z');
});

test('cron: next run is null for a schedule that never runs', () => {
  const schedule: CronSchedule = { minute: 0, hour: 0, day: 30, month: 2, weekday: -1 };

  assert.equal(getNextCronRun(schedule, new Date('2024-01-15T10:30:00Z'), { timezone: 'UTC' }), null);
});
