// Vassal files of one app in uwsgi-available/ and uwsgi-enabled/. The emperor runs what is in
// uwsgi-enabled/; writing a file there (by rename, so the emperor never reads half a file) starts or
// reloads that worker, and removing it stops the worker.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Layout } from '../home/layout.js';
import { writeAtomically } from '../nginx/vhost-files.js';

export interface VassalFile {
  /** e.g. "blog_web.1.ini" */
  name: string;
  text: string;
}

// Writes the app's vassals to uwsgi-available/ and, when `enable` is true, to uwsgi-enabled/ (a
// stopped app keeps them off). Removes its vassals that are not in `files` (a kind dropped from the
// Procfile, or a worker scaled away) and returns their names.
export function installVassals(layout: Layout, app: string, files: VassalFile[], { enable }: { enable: boolean }): string[] {
  mkdirSync(layout.uwsgiAvailable, { recursive: true });
  mkdirSync(layout.uwsgiEnabled, { recursive: true });
  for (const file of files) {
    writeAtomically(path.join(layout.uwsgiAvailable, file.name), file.text);
    if (enable) writeAtomically(path.join(layout.uwsgiEnabled, file.name), file.text);
    else rmSync(path.join(layout.uwsgiEnabled, file.name), { force: true });
  }

  const keep = new Set(files.map((file) => file.name));
  const removed = listAppVassals(layout, app).filter((name) => !keep.has(name));
  for (const name of removed) {
    rmSync(path.join(layout.uwsgiEnabled, name), { force: true });
    rmSync(path.join(layout.uwsgiAvailable, name), { force: true });
  }

  return removed;
}

// Vassal names of exactly this app: "blog_web.1.ini" belongs to "blog", "blog_x_web.1.ini" does
// not, because kind names cannot contain "_".
export function listAppVassals(layout: Layout, app: string): string[] {
  const names = new Set<string>();
  for (const directory of [layout.uwsgiEnabled, layout.uwsgiAvailable]) {
    if (!existsSync(directory)) continue;
    for (const name of readdirSync(directory)) {
      if (isAppVassal(app, name)) names.add(name);
    }
  }

  return [...names].sort();
}

export function isAppVassal(app: string, fileName: string): boolean {
  if (!fileName.startsWith(`${app}_`)) return false;

  return /^[A-Za-z][A-Za-z0-9-]*\.\d+\.ini$/.test(fileName.slice(app.length + 1));
}
