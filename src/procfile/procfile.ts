// Reads the Procfile of a pushed app into one entry per kind, plus warnings for the pusher.
import {
  PIKU_ERR_PROCFILE_COMMAND_EMPTY,
  PIKU_ERR_PROCFILE_EMPTY,
  PIKU_ERR_PROCFILE_KIND_INVALID,
  PIKU_ERR_PROCFILE_LINE_NO_COLON,
} from '../errors/codes.js';
import { parseCronEntry } from './cron.js';
import type { Procfile, ProcfileEntry, WorkerCategory } from './types.js';

// No "_" in a kind: vassal files are named `<app>_<kind>.<n>.ini` and app names may contain "_",
// so app "a" with kind "b_c" and app "a_b" with kind "c" would both write "a_b_c.1.ini".
const KIND_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,29}$/;

const CATEGORY_BY_KIND: Readonly<Record<string, WorkerCategory>> = {
  wsgi: 'wsgi',
  web: 'web',
  static: 'static',
  preflight: 'preflight',
  release: 'release',
  jwsgi: 'unsupported',
  rwsgi: 'unsupported',
  php: 'unsupported',
};

// Kinds that make uwsgi serve HTTP itself, so a `web` entry beside them would compete for the vhost.
const HTTP_SERVER_KINDS = ['wsgi', 'jwsgi', 'rwsgi'];

// Parses Procfile text. The first invalid line throws a PikuError that names its number.
export function parseProcfile(text: string): Procfile {
  const byKind = new Map<string, ProcfileEntry>();
  const warnings: string[] = [];

  text.split(/\r?\n/).forEach((rawLine, index) => {
    const entry = parseLine(rawLine, index + 1);
    if (entry === undefined) {
      return;
    }

    const earlier = byKind.get(entry.kind);
    if (earlier !== undefined) {
      warnings.push(
        `Procfile line ${entry.line} defines kind "${entry.kind}" again (first on line ${earlier.line}): line ${entry.line} is used.`,
      );
    }
    // Map.set on an existing key keeps the key's first position, so the kind keeps its first place.
    byKind.set(entry.kind, entry);
  });

  if (byKind.size === 0) {
    throw PIKU_ERR_PROCFILE_EMPTY();
  }

  dropWebBesideHttpServer(byKind, warnings);

  return { entries: [...byKind.values()], warnings };
}

// Returns undefined for a blank or comment line.
function parseLine(rawLine: string, line: number): ProcfileEntry | undefined {
  const trimmed = rawLine.trim();
  if (trimmed === '' || trimmed.startsWith('#')) {
    return undefined;
  }

  const colon = trimmed.indexOf(':');
  if (colon === -1) {
    throw PIKU_ERR_PROCFILE_LINE_NO_COLON(line, trimmed);
  }

  const kind = trimmed.slice(0, colon).trim();
  const command = trimmed.slice(colon + 1).trim();
  if (!KIND_PATTERN.test(kind)) {
    throw PIKU_ERR_PROCFILE_KIND_INVALID(line, kind);
  }
  if (command === '') {
    throw PIKU_ERR_PROCFILE_COMMAND_EMPTY(line, kind);
  }

  const category = getCategory(kind);
  if (category === 'cron') {
    return { kind, category, line, ...parseCronEntry(command, line) };
  }

  return { kind, category, command, line };
}

function getCategory(kind: string): WorkerCategory {
  if (Object.hasOwn(CATEGORY_BY_KIND, kind)) {
    return CATEGORY_BY_KIND[kind] as WorkerCategory;
  }

  return kind.startsWith('cron') ? 'cron' : 'worker';
}

function dropWebBesideHttpServer(byKind: Map<string, ProcfileEntry>, warnings: string[]): void {
  const web = byKind.get('web');
  const server = HTTP_SERVER_KINDS.map((kind) => byKind.get(kind)).find((entry) => entry !== undefined);
  if (web === undefined || server === undefined) {
    return;
  }

  byKind.delete('web');
  warnings.push(
    `Procfile line ${web.line} "web" is ignored because kind "${server.kind}" on line ${server.line} already serves HTTP: remove one of the two.`,
  );
}
