import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProcfile } from '../../../src/procfile/procfile.js';

test('procfile: parses every category', () => {
  const text = [
    'wsgi: app:application',
    'worker: python worker.py',
    'static: /static:public',
    'preflight: ./cleanup.sh',
    'release: python manage.py migrate',
    'cron-nightly: 0 3 * * * python nightly.py',
    'fetcher: python fetch.py',
    'php: index.php',
    'jwsgi: app.jar',
    'rwsgi: config.ru',
  ].join('\n');

  assert.deepEqual(parseProcfile(text), {
    entries: [
      { kind: 'wsgi', category: 'wsgi', command: 'app:application', line: 1 },
      { kind: 'worker', category: 'worker', command: 'python worker.py', line: 2 },
      { kind: 'static', category: 'static', command: '/static:public', line: 3 },
      { kind: 'preflight', category: 'preflight', command: './cleanup.sh', line: 4 },
      { kind: 'release', category: 'release', command: 'python manage.py migrate', line: 5 },
      {
        kind: 'cron-nightly',
        category: 'cron',
        command: 'python nightly.py',
        line: 6,
        schedule: { minute: 0, hour: 3, day: -1, month: -1, weekday: -1 },
      },
      { kind: 'fetcher', category: 'worker', command: 'python fetch.py', line: 7 },
      { kind: 'php', category: 'unsupported', command: 'index.php', line: 8 },
      { kind: 'jwsgi', category: 'unsupported', command: 'app.jar', line: 9 },
      { kind: 'rwsgi', category: 'unsupported', command: 'config.ru', line: 10 },
    ],
    warnings: [],
  });
});

test('procfile: splits on the first colon only', () => {
  assert.deepEqual(parseProcfile('web:  gunicorn -b 127.0.0.1:$PORT app:app  ').entries, [
    { kind: 'web', category: 'web', command: 'gunicorn -b 127.0.0.1:$PORT app:app', line: 1 },
  ]);
});

test('procfile: skips blank and comment lines', () => {
  const text = '# processes\n\n   \n  # indented comment\nweb: node server.js\n\n';

  assert.deepEqual(parseProcfile(text), {
    entries: [{ kind: 'web', category: 'web', command: 'node server.js', line: 5 }],
    warnings: [],
  });
});

test('procfile: accepts CRLF line endings', () => {
  assert.deepEqual(parseProcfile('web: node server.js\r\nworker: node worker.js\r\n').entries, [
    { kind: 'web', category: 'web', command: 'node server.js', line: 1 },
    { kind: 'worker', category: 'worker', command: 'node worker.js', line: 2 },
  ]);
});

test('procfile: trims spaces around the kind', () => {
  assert.deepEqual(parseProcfile('  worker  :python w.py').entries, [
    { kind: 'worker', category: 'worker', command: 'python w.py', line: 1 },
  ]);
});

test('procfile: matches categories by exact name', () => {
  const kinds = parseProcfile('Web: a\nwebapp: b\nWSGI: c\nreleases: d\ncronjob: 0 0 * * * e\nCron: f').entries;

  assert.deepEqual(
    kinds.map((entry) => [entry.kind, entry.category]),
    [
      ['Web', 'worker'],
      ['webapp', 'worker'],
      ['WSGI', 'worker'],
      ['releases', 'worker'],
      ['cronjob', 'cron'],
      ['Cron', 'worker'],
    ],
  );
});

test('procfile: last duplicate kind wins in first position', () => {
  const text = 'worker: old.py\nweb: node server.js\nworker: new.py';

  assert.deepEqual(parseProcfile(text), {
    entries: [
      { kind: 'worker', category: 'worker', command: 'new.py', line: 3 },
      { kind: 'web', category: 'web', command: 'node server.js', line: 2 },
    ],
    warnings: ['Procfile line 3 defines kind "worker" again (first on line 1): line 3 is used.'],
  });
});

test('procfile: drops web beside wsgi', () => {
  const text = 'web: gunicorn app:app\nwsgi: app:app\nworker: python w.py';

  assert.deepEqual(parseProcfile(text), {
    entries: [
      { kind: 'wsgi', category: 'wsgi', command: 'app:app', line: 2 },
      { kind: 'worker', category: 'worker', command: 'python w.py', line: 3 },
    ],
    warnings: [
      'Procfile line 1 "web" is ignored because kind "wsgi" on line 2 already serves HTTP: remove one of the two.',
    ],
  });
});

for (const serverKind of ['jwsgi', 'rwsgi']) {
  test(`procfile: drops web beside ${serverKind}`, () => {
    const procfile = parseProcfile(`${serverKind}: app\nweb: server`);

    assert.deepEqual(procfile.entries, [{ kind: serverKind, category: 'unsupported', command: 'app', line: 1 }]);
    assert.deepEqual(procfile.warnings, [
      `Procfile line 2 "web" is ignored because kind "${serverKind}" on line 1 already serves HTTP: remove one of the two.`,
    ]);
  });
}

test('procfile: keeps web beside php', () => {
  assert.deepEqual(parseProcfile('php: index.php\nweb: server').warnings, []);
});

test('procfile: accepts a 30-character kind', () => {
  const kind = `w${'a-1'.repeat(9)}xx`;

  assert.equal(kind.length, 30);
  assert.equal(parseProcfile(`${kind}: run`).entries[0]?.kind, kind);
});

const EMPTY_MESSAGE = 'Procfile has no entries: add one "kind: command" line per process, e.g. "web: node server.js".';

for (const text of ['', '\n\n', '# only a comment\n  # another\r\n']) {
  test(`procfile: rejects ${JSON.stringify(text)} as empty`, () => {
    assert.throws(() => parseProcfile(text), { code: 'PIKU_ERR_PROCFILE_EMPTY', message: EMPTY_MESSAGE });
  });
}

const INVALID_PROCFILES: [title: string, text: string, code: string, message: string][] = [
  [
    'line without colon',
    'web: node server.js\n\nworker python x.py',
    'PIKU_ERR_PROCFILE_LINE_NO_COLON',
    'Procfile line 3 "worker python x.py" has no colon: write it as "kind: command".',
  ],
  [
    'long line without colon',
    `worker ${'x'.repeat(200)}`,
    'PIKU_ERR_PROCFILE_LINE_NO_COLON',
    `Procfile line 1 "worker ${'x'.repeat(70)}..." has no colon: write it as "kind: command".`,
  ],
  [
    'control character in line',
    'worker\u001b[2J python',
    'PIKU_ERR_PROCFILE_LINE_NO_COLON',
    'Procfile line 1 "worker\\u001b[2J python" has no colon: write it as "kind: command".',
  ],
  [
    'underscore in kind',
    'my_worker: python w.py',
    'PIKU_ERR_PROCFILE_KIND_INVALID',
    'Procfile line 1 has an invalid kind "my_worker": use 1 to 30 ASCII letters, digits and "-", starting with a letter.',
  ],
  [
    'kind starting with a digit',
    '1worker: python w.py',
    'PIKU_ERR_PROCFILE_KIND_INVALID',
    'Procfile line 1 has an invalid kind "1worker": use 1 to 30 ASCII letters, digits and "-", starting with a letter.',
  ],
  [
    'kind starting with a dash',
    '-worker: python w.py',
    'PIKU_ERR_PROCFILE_KIND_INVALID',
    'Procfile line 1 has an invalid kind "-worker": use 1 to 30 ASCII letters, digits and "-", starting with a letter.',
  ],
  [
    'empty kind',
    ': python w.py',
    'PIKU_ERR_PROCFILE_KIND_INVALID',
    'Procfile line 1 has an invalid kind "": use 1 to 30 ASCII letters, digits and "-", starting with a letter.',
  ],
  [
    'space in kind',
    'my worker: python w.py',
    'PIKU_ERR_PROCFILE_KIND_INVALID',
    'Procfile line 1 has an invalid kind "my worker": use 1 to 30 ASCII letters, digits and "-", starting with a letter.',
  ],
  [
    'non-ASCII kind',
    'wörker: python w.py',
    'PIKU_ERR_PROCFILE_KIND_INVALID',
    'Procfile line 1 has an invalid kind "wörker": use 1 to 30 ASCII letters, digits and "-", starting with a letter.',
  ],
  [
    '31-character kind',
    `${'w'.repeat(31)}: run`,
    'PIKU_ERR_PROCFILE_KIND_INVALID',
    `Procfile line 1 has an invalid kind "${'w'.repeat(31)}": use 1 to 30 ASCII letters, digits and "-", starting with a letter.`,
  ],
  [
    'empty command',
    'web: node server.js\nworker:   ',
    'PIKU_ERR_PROCFILE_COMMAND_EMPTY',
    'Procfile line 2 has an empty command for kind "worker": write the command after the colon.',
  ],
  [
    'invalid cron schedule',
    'web: node s.js\ncron: 0 25 * * * python x.py',
    'PIKU_ERR_PROCFILE_CRON_FIELD_INVALID',
    'Procfile line 2 has an invalid cron hour "25": use a number from 0 to 23, "*" or "*/N" with N from 1 to 23. Lists, ranges, names and shortcuts such as "@daily" are not supported.',
  ],
];

for (const [title, text, code, message] of INVALID_PROCFILES) {
  test(`procfile: rejects ${title}`, () => {
    assert.throws(() => parseProcfile(text), { name: 'PikuError', code, message });
  });
}
