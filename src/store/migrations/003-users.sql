-- Users and what each may do. An admin may do everything; other users act on the apps granted to
-- them, at one level per app: read < deploy < manage.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  created_at TEXT NOT NULL
);

-- SSH public keys; the fingerprint is what sshd's forced command passes to the CLI.
CREATE TABLE user_keys (
  fingerprint TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX user_keys_user ON user_keys (user_id);

-- API tokens for HTTP push and the dashboard. Only the SHA-256 of a token is stored.
CREATE TABLE tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  app TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);

CREATE TABLE grants (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  app TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('read', 'deploy', 'manage')),
  PRIMARY KEY (user_id, app)
);
CREATE INDEX grants_app ON grants (app);

-- Dashboard sessions, stored by the SHA-256 of the cookie's value. A session ends with its token.
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,
  token_id INTEGER NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- State-changing actions and every denial. User and app are names, kept after a user or app is gone.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  credential TEXT NOT NULL,
  app TEXT,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'denied')),
  exit_status INTEGER,
  detail TEXT
);
CREATE INDEX audit_app ON audit (app, id);
