-- A number that changes with every change readers could see (articles, columns, settings, single pages, uploads,
-- staff names shown as 审核), so every process sharing the database can tell cheaply whether pages it rendered are
-- still current. View counts and staff bookkeeping (sessions, audit log) do not move it.
CREATE TABLE content_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);

CREATE TRIGGER content_version_articles_insert AFTER INSERT ON articles BEGIN
  UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_version_articles_update AFTER UPDATE OF
  column_id, title, subtitle, source, author, body_html, summary, cover_image, status, published_at, deleted_at, reviewed_by
  ON articles BEGIN
  UPDATE content_version SET version = version + 1;
END;
CREATE TRIGGER content_version_articles_delete AFTER DELETE ON articles BEGIN
  UPDATE content_version SET version = version + 1;
END;

CREATE TRIGGER content_version_columns_insert AFTER INSERT ON columns BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_columns_update AFTER UPDATE ON columns BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_columns_delete AFTER DELETE ON columns BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_settings_insert AFTER INSERT ON settings BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_settings_update AFTER UPDATE ON settings BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_settings_delete AFTER DELETE ON settings BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_pages_insert AFTER INSERT ON pages BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_pages_update AFTER UPDATE ON pages BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_pages_delete AFTER DELETE ON pages BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_uploads_update AFTER UPDATE OF article_id ON uploads BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_uploads_delete AFTER DELETE ON uploads BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_users_update AFTER UPDATE OF display_name ON users BEGIN UPDATE content_version SET version = version + 1; END;
