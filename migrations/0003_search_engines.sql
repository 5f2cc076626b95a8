-- For search engines: each column's type in the government-site metadata (ColumnType), indexes to find the latest
-- change cheaply (Last-Modified), and the queue of URLs pushed to Baidu's 普通收录 API.

ALTER TABLE columns ADD COLUMN column_type TEXT NOT NULL DEFAULT '政务动态';

CREATE INDEX articles_by_update ON articles (updated_at);
CREATE INDEX articles_by_publish_time ON articles (published_at);

CREATE TABLE baidu_push_queue (
  id              INTEGER PRIMARY KEY,
  url             TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  pushed_at       TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX baidu_push_due ON baidu_push_queue (pushed_at, next_attempt_at);

-- Small pieces of state kept by background jobs (e.g. how far the Baidu push has looked), apart from the settings
-- so that a job's bookkeeping never counts as a change to the site.
CREATE TABLE job_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
