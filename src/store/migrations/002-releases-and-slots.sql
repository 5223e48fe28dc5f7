-- Rollback needs each release's config, and zero-downtime deploys run two sets of HTTP workers
-- (slots "blue" and "green") side by side during a cutover, each with ports of its own.
ALTER TABLE releases ADD COLUMN env_file TEXT;
ALTER TABLE deploys ADD COLUMN kind TEXT NOT NULL DEFAULT 'push';
ALTER TABLE deploys ADD COLUMN note TEXT;

CREATE TABLE app_slots (
  app TEXT PRIMARY KEY,
  slot TEXT NOT NULL CHECK (slot IN ('blue', 'green')),
  -- PID of the detached process that stops the other slot's workers after the drain period.
  retire_pid INTEGER
);

CREATE TABLE ports_by_slot (
  port INTEGER PRIMARY KEY,
  app TEXT NOT NULL,
  kind TEXT NOT NULL,
  worker_index INTEGER NOT NULL,
  slot TEXT NOT NULL CHECK (slot IN ('blue', 'green')),
  UNIQUE (app, kind, worker_index, slot)
);
INSERT INTO ports_by_slot (port, app, kind, worker_index, slot) SELECT port, app, kind, worker_index, 'blue' FROM ports;
DROP TABLE ports;
ALTER TABLE ports_by_slot RENAME TO ports;
