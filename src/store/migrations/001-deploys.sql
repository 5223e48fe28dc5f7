-- Deploy history: one row per deploy, its steps, and every line of output.
CREATE TABLE deploys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app TEXT NOT NULL,
  commit_sha TEXT NOT NULL,
  ref TEXT NOT NULL,
  pusher_fingerprint TEXT NOT NULL,
  pusher_name TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
  failed_step TEXT,
  error TEXT,
  release_number INTEGER NOT NULL
);
CREATE INDEX deploys_app ON deploys (app, id);

CREATE TABLE deploy_steps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  deploy_id INTEGER NOT NULL REFERENCES deploys (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
  started_at TEXT NOT NULL,
  duration_ms INTEGER
);
CREATE INDEX deploy_steps_deploy ON deploy_steps (deploy_id, position);

CREATE TABLE deploy_output (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  deploy_id INTEGER NOT NULL REFERENCES deploys (id) ON DELETE CASCADE,
  step_id INTEGER REFERENCES deploy_steps (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  line TEXT NOT NULL
);
CREATE INDEX deploy_output_deploy ON deploy_output (deploy_id, id);

-- A release is a deploy that went live; its directory is releases/<app>/<number>.
CREATE TABLE releases (
  app TEXT NOT NULL,
  number INTEGER NOT NULL,
  deploy_id INTEGER NOT NULL REFERENCES deploys (id),
  commit_sha TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (app, number)
);

-- Ports handed to web workers, allocated once and kept, so a port never moves between apps.
CREATE TABLE ports (
  port INTEGER PRIMARY KEY,
  app TEXT NOT NULL,
  kind TEXT NOT NULL,
  worker_index INTEGER NOT NULL,
  UNIQUE (app, kind, worker_index)
);

-- One holder per lock name (an app name, or "@nginx" for the shared nginx config).
CREATE TABLE locks (
  name TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  holder TEXT NOT NULL,
  purpose TEXT NOT NULL,
  deploy_id INTEGER,
  acquired_at TEXT NOT NULL
);
