-- The admin: sessions, login throttling, review chains per column, review events, revisions, uploads, audit log,
-- and form posts kept while their writer logs in again.

-- JSON array of review step names, e.g. ["校对","审核签发"]; an article passes each in turn before it is published.
ALTER TABLE columns ADD COLUMN review_steps TEXT NOT NULL DEFAULT '["审核签发"]';

-- While submitted: the index of the review step waiting for approval.
ALTER TABLE articles ADD COLUMN review_step INTEGER NOT NULL DEFAULT 0;
-- The publish time asked for in the editor (a future time schedules); NULL means "when approved".
ALTER TABLE articles ADD COLUMN requested_publish_at TEXT;
-- Set when an administrator deliberately gave a past publish time (importing old content); logged in the audit log.
ALTER TABLE articles ADD COLUMN is_backdated INTEGER NOT NULL DEFAULT 0 CHECK (is_backdated IN (0, 1));
-- Who gave the final approval (审核), shown on the public page.
ALTER TABLE articles ADD COLUMN reviewed_by INTEGER REFERENCES users(id);
CREATE INDEX articles_admin ON articles (deleted_at, status, updated_at DESC, id DESC);
CREATE INDEX articles_by_creator ON articles (created_by, updated_at DESC);

-- A page such as 联系我们 can show the contact details from the site settings, so they are kept in one place.
ALTER TABLE pages ADD COLUMN shows_contact INTEGER NOT NULL DEFAULT 0 CHECK (shows_contact IN (0, 1));

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,                -- SHA-256 of the cookie token: a stolen database holds no live cookie
  user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE, -- NULL before login (the login form needs a CSRF token)
  csrf_token   TEXT NOT NULL,
  flash        TEXT,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
  id        INTEGER PRIMARY KEY,
  username  TEXT NOT NULL COLLATE NOCASE,
  ip        TEXT NOT NULL,
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (username, failed_at);
CREATE INDEX login_failures_by_ip ON login_failures (ip, failed_at);

CREATE TABLE review_events (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id    INTEGER REFERENCES users(id),
  action     TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'reject', 'publish', 'withdraw', 'delete', 'restore')),
  step_name  TEXT NOT NULL DEFAULT '',
  comment    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX review_events_by_article ON review_events (article_id, id);

CREATE TABLE article_revisions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  user_id    INTEGER REFERENCES users(id),
  changed    TEXT NOT NULL,                     -- JSON array of the field names this save changed
  snapshot   TEXT NOT NULL,                     -- JSON object of every editable field after the save
  created_at TEXT NOT NULL,
  UNIQUE (article_id, version)
);

CREATE TABLE uploads (
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER REFERENCES articles(id) ON DELETE SET NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('image', 'attachment')),
  file_name     TEXT NOT NULL UNIQUE,           -- generated: 2026/01/<random>.<ext>, under DATA_DIR/uploads
  original_name TEXT NOT NULL,
  mime          TEXT NOT NULL,
  size          INTEGER NOT NULL,
  width         INTEGER,
  height        INTEGER,
  uploaded_by   INTEGER REFERENCES users(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX uploads_by_article ON uploads (article_id, kind, id);

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  user_id    INTEGER REFERENCES users(id),
  username   TEXT NOT NULL DEFAULT '',          -- kept as typed, also for failed logins of unknown names
  action     TEXT NOT NULL,
  target     TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT '',
  ip         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_by_action ON audit_log (action, created_at DESC);

-- A form posted after its session expired, kept for the same browser and the same user until they log in again.
CREATE TABLE pending_posts (
  id         TEXT PRIMARY KEY,                  -- SHA-256 of the token in the browser's cookie
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
