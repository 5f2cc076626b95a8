-- Content checks, refined after review: 允许的写法 (correct phrases that contain a flagged one: 削弱智能, 为了了解,
-- 山西省科学技术协会), reviewers' overrides remembered per article text, and external links on internal networks
-- that the checker leaves alone. SQLite cannot change a CHECK constraint, so the two tables are rebuilt.

CREATE TABLE wording_rules_new (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('wrong', 'forbidden', 'protected', 'allowed')),
  phrase      TEXT NOT NULL CHECK (length(phrase) BETWEEN 1 AND 50),
  suggestion  TEXT NOT NULL DEFAULT '' CHECK (length(suggestion) <= 50),
  is_blocking INTEGER NOT NULL DEFAULT 0 CHECK (is_blocking IN (0, 1)),
  note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 100),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (kind, phrase)
);
INSERT INTO wording_rules_new SELECT id, kind, phrase, suggestion, is_blocking, note, created_at, updated_at FROM wording_rules;
DROP TABLE wording_rules;
ALTER TABLE wording_rules_new RENAME TO wording_rules;

-- A protected name's possible slips are warnings (a similar name may be another body's): its own flag means nothing.
UPDATE wording_rules SET is_blocking = 0 WHERE kind = 'protected';

INSERT INTO wording_rules (kind, phrase, suggestion, is_blocking, note, created_at, updated_at)
SELECT 'allowed', phrase, '', 0, note, '2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z' FROM (
  SELECT '削弱智' AS phrase, '削弱智能、削弱智力' AS note
  UNION ALL SELECT '全省人民代表大会', '省级会议'
  UNION ALL SELECT '全市人民代表大会', '市级会议'
  UNION ALL SELECT '中国科学技术大学', '高校名称'
  UNION ALL SELECT '为了了解', ''
  UNION ALL SELECT '实实在在', ''
  UNION ALL SELECT '的的确确', ''
);

CREATE TABLE external_links_new (
  url           TEXT PRIMARY KEY,
  status        TEXT NOT NULL DEFAULT 'unchecked'
                CHECK (status IN ('unchecked', 'ok', 'redirected', 'broken', 'unreachable', 'skipped')),
  http_status   INTEGER,
  final_url     TEXT NOT NULL DEFAULT '',
  detail        TEXT NOT NULL DEFAULT '',
  checked_at    TEXT,
  next_check_at TEXT NOT NULL
);
INSERT INTO external_links_new SELECT url, status, http_status, final_url, detail, checked_at, next_check_at FROM external_links;
-- external_link_uses refers to external_links by name: keep its rows across the swap.
CREATE TABLE external_link_uses_keep AS SELECT * FROM external_link_uses;
DROP TABLE external_link_uses;
DROP TABLE external_links;
ALTER TABLE external_links_new RENAME TO external_links;
CREATE INDEX external_links_due ON external_links (next_check_at);
CREATE TABLE external_link_uses (
  url         TEXT NOT NULL REFERENCES external_links(url) ON DELETE CASCADE,
  target_type TEXT NOT NULL CHECK (target_type IN ('article', 'page')),
  target_id   INTEGER NOT NULL,
  PRIMARY KEY (url, target_type, target_id)
) WITHOUT ROWID;
INSERT INTO external_link_uses SELECT * FROM external_link_uses_keep;
DROP TABLE external_link_uses_keep;
CREATE INDEX external_link_uses_by_target ON external_link_uses (target_type, target_id);

-- A reviewer published an article despite blocking findings: for that text (its hash) they stay findings, not blocks.
CREATE TABLE check_overrides (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  text_hash  TEXT NOT NULL,
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  reason     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
