-- Initial schema: columns (栏目), articles, site settings, editable pages, and the staff users the admin will manage.
-- Times are UTC ISO-8601 text ('2026-01-08T16:00:00.000Z'), so they compare correctly as strings.

CREATE TABLE columns (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES columns(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  slug        TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z]*' AND slug NOT GLOB '*[^a-z0-9]*' AND length(slug) <= 30),
  description TEXT NOT NULL DEFAULT '',
  sort_order  INTEGER NOT NULL DEFAULT 0,
  is_hidden   INTEGER NOT NULL DEFAULT 0 CHECK (is_hidden IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX columns_by_parent ON columns (parent_id, sort_order, id);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'editor')),
  is_disabled   INTEGER NOT NULL DEFAULT 0 CHECK (is_disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  column_id    INTEGER NOT NULL REFERENCES columns(id) ON DELETE RESTRICT,
  title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  subtitle     TEXT NOT NULL DEFAULT '',
  source       TEXT NOT NULL DEFAULT '',
  author       TEXT NOT NULL DEFAULT '',
  body_md      TEXT NOT NULL DEFAULT '',
  body_html    TEXT NOT NULL DEFAULT '',   -- rendered and sanitised at save time; public pages never run marked
  summary      TEXT NOT NULL DEFAULT '',
  cover_image  TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'submitted', 'rejected', 'published', 'withdrawn')),
  published_at TEXT,                       -- NULL until published; a future time schedules the article
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT,                       -- soft deletion (回收站)
  view_count   INTEGER NOT NULL DEFAULT 0,
  version      INTEGER NOT NULL DEFAULT 1, -- optimistic locking for concurrent edits
  created_by   INTEGER REFERENCES users(id),
  updated_by   INTEGER REFERENCES users(id),
  import_key   TEXT UNIQUE                 -- identity of an imported page, so re-import updates instead of duplicating
);
-- Public lists filter on status and time, newest first with id as tie-break; the partial index matches their WHERE.
CREATE INDEX articles_public ON articles (status, published_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX articles_column_public ON articles (column_id, status, published_at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Editable single pages such as 联系我们 and 网站声明, served at /<slug>.html and linked from the footer.
CREATE TABLE pages (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z]*' AND slug NOT GLOB '*[^a-z0-9]*' AND length(slug) <= 30),
  title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 50),
  sort_order INTEGER NOT NULL DEFAULT 0,
  body_md    TEXT NOT NULL DEFAULT '',
  body_html  TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
