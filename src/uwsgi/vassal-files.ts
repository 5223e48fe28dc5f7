// Vassal files of one app in uwsgi-available/ and uwsgi-enabled/. The emperor runs what is in
// uwsgi-enabled/; writing a file there (by rename, so the emperor never reads half a file) starts or
// reloads that worker, and removing it stops the worker. Each change wakes the emperor, so it acts at once.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import type { Layout } from '../home/layout.js';
import { writeAtomically } from '../home/atomic-write.js';
import { wakeEmperor } from './emperor-socket.js';

export interface VassalFile {
  /** e.g. "blog_web.1.ini" */
  name: string;
  text: string;
}

export interface InstallVassalsOptions {
  /** False for a stopped app: its vassals stay out of uwsgi-enabled/. */
  enable: boolean;
  /**
   * True rewrites every enabled vassal so that each worker restarts (a deploy, a restart). False
   * leaves a vassal whose text is unchanged alone, so scaling restarts only the workers it changes.
   */
  restartUnchanged: boolean;
}

// Writes the app's whole set of vassals and removes its vassals that are not in `files`; returns
// the names of the removed ones.
export function installVassals(layout: Layout, app: string, files: VassalFile[], options: InstallVassalsOptions): string[] {
  writeVassals(layout, files, options);

  return removeVassalsExcept(layout, app, new Set(files.map((file) => file.name)));
}

// Writes vassals to uwsgi-available/ and, when enabled, to uwsgi-enabled/. Other vassals of the
// app stay as they are.
export function writeVassals(layout: Layout, files: VassalFile[], { enable, restartUnchanged }: InstallVassalsOptions): void {
  mkdirSync(layout.uwsgiAvailable, { recursive: true });
  mkdirSync(layout.uwsgiEnabled, { recursive: true });
  let isChanged = false;
  for (const file of files) {
    writeAtomically(path.join(layout.uwsgiAvailable, file.name), file.text);
    const enabledFile = path.join(layout.uwsgiEnabled, file.name);
    if (!enable) {
      isChanged = removeFile(enabledFile) || isChanged;
    } else if (restartUnchanged || readText(enabledFile) !== file.text) {
      writeVassal(enabledFile, file.text);
      isChanged = true;
    }
  }
  if (isChanged) wakeEmperor(layout);
}

// Removes the app's vassals whose names are not in `keep` from both directories (a kind dropped
// from the Procfile, a worker scaled away, a retired slot) and returns their names.
export function removeVassalsExcept(layout: Layout, app: string, keep: ReadonlySet<string>): string[] {
  const removed = listAppVassals(layout, app).filter((name) => !keep.has(name));
  deleteVassals(layout, removed);

  return removed;
}

// True when the vassal's text in uwsgi-enabled/ is exactly `text`.
export function isVassalEnabledWith(layout: Layout, file: VassalFile): boolean {
  return readText(path.join(layout.uwsgiEnabled, file.name)) === file.text;
}

// Removes the app's vassals from uwsgi-enabled/, so the emperor stops those workers, and returns
// their names. uwsgi-available/ keeps its copies.
export function disableVassals(layout: Layout, app: string): string[] {
  const names = existsSync(layout.uwsgiEnabled) ? readdirSync(layout.uwsgiEnabled).filter((name) => isAppVassal(app, name)).sort() : [];
  for (const name of names) rmSync(path.join(layout.uwsgiEnabled, name), { force: true });
  if (names.length > 0) wakeEmperor(layout);

  return names;
}

// Removes every vassal file of the app from both directories and returns their names.
export function removeVassals(layout: Layout, app: string): string[] {
  const names = listAppVassals(layout, app);
  deleteVassals(layout, names);

  return names;
}

// Vassal names of exactly this app: "blog_web.1.blue.ini" and "blog_worker.1.ini" belong to
// "blog", "blog_x_web.1.ini" does not, because kind names cannot contain "_".
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

// Returns the app a vassal file belongs to, or undefined for another file. Kind names cannot
// contain "_", so the app is the part of the name before the last "_": "blog_x_web.1.ini" is "blog_x".
export function getVassalApp(fileName: string): string | undefined {
  const app = fileName.slice(0, fileName.lastIndexOf('_'));

  return app !== '' && isAppVassal(app, fileName) ? app : undefined;
}

export function isAppVassal(app: string, fileName: string): boolean {
  if (!fileName.startsWith(`${app}_`)) return false;

  return /^[A-Za-z][A-Za-z0-9-]*\.\d+(\.(blue|green))?\.ini$/.test(fileName.slice(app.length + 1));
}

// The emperor (uwsgi 2.0) reloads a vassal when the file's mtime in whole seconds grows, so a second
// write within the same second would go unnoticed: the new mtime is set past the old one.
function writeVassal(file: string, text: string): void {
  const previous = existsSync(file) ? statSync(file).mtimeMs : undefined;
  writeAtomically(file, text);
  if (previous === undefined) return;

  const seconds = Math.max(Math.floor(Date.now() / 1000), Math.floor(previous / 1000) + 1);
  utimesSync(file, seconds, seconds);
}

// Deletes the named vassals from both directories and wakes the emperor when one was enabled.
function deleteVassals(layout: Layout, names: string[]): void {
  let isChanged = false;
  for (const name of names) {
    isChanged = removeFile(path.join(layout.uwsgiEnabled, name)) || isChanged;
    rmSync(path.join(layout.uwsgiAvailable, name), { force: true });
  }
  if (isChanged) wakeEmperor(layout);
}

// Removes a file and returns whether it existed.
function removeFile(file: string): boolean {
  if (!existsSync(file)) return false;

  rmSync(file, { force: true });

  return true;
}

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
