// The serving set of HTTP workers of an app: slot "blue" or "green". A deploy starts the other slot,
// switches nginx to it, then retires the old slot after the drain period.
import type { Db } from './db.js';

export type Slot = 'blue' | 'green';

export const SLOTS: Slot[] = ['blue', 'green'];

export function getCurrentSlot(db: Db, app: string): Slot | undefined {
  const row = db.prepare('SELECT slot FROM app_slots WHERE app = ?').get(app) as { slot: Slot } | undefined;

  return row?.slot;
}

export function getOtherSlot(slot: Slot | undefined): Slot {
  return slot === 'blue' ? 'green' : 'blue';
}

export function setCurrentSlot(db: Db, app: string, slot: Slot): void {
  db.prepare('INSERT INTO app_slots (app, slot) VALUES (?, ?) ON CONFLICT (app) DO UPDATE SET slot = excluded.slot').run(app, slot);
}

// The detached process that retires the old slot after the drain period, so a later deploy can stop it.
export function getRetirePid(db: Db, app: string): number | null {
  const row = db.prepare('SELECT retire_pid AS pid FROM app_slots WHERE app = ?').get(app) as { pid: number | null } | undefined;

  return row?.pid ?? null;
}

export function setRetirePid(db: Db, app: string, pid: number | null): void {
  db.prepare('UPDATE app_slots SET retire_pid = ? WHERE app = ?').run(pid, app);
}

export function deleteSlot(db: Db, app: string): void {
  db.prepare('DELETE FROM app_slots WHERE app = ?').run(app);
}

// Clears the retirement PID only when it is still `pid`: a rollback started by that retirement
// schedules a retirement of its own, whose PID must stay.
export function clearRetirePid(db: Db, app: string, pid: number): void {
  db.prepare('UPDATE app_slots SET retire_pid = NULL WHERE app = ? AND retire_pid = ?').run(app, pid);
}
