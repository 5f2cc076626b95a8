-- Site search for Chinese: an FTS5 index of every article's title and body as character pairs and single characters
-- (made by the search_pairs / search_chars functions each connection registers; see src/lib/search-text.ts), kept in
-- step by triggers in the same transaction as each write. Contentless: the text itself stays in `articles`.
-- Every article is indexed; public search joins `articles` to show only what readers may see, the admin sees all.

CREATE VIRTUAL TABLE articles_search USING fts5(
  title_pairs, title_chars, body_pairs, body_chars,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO articles_search (rowid, title_pairs, title_chars, body_pairs, body_chars)
SELECT id, search_pairs(title), search_chars(title), search_pairs(search_text(body_md)), search_chars(search_text(body_md))
FROM articles;

-- What search results are filtered and sorted by, in one narrow index: joining the article rows themselves would
-- read their long bodies (status and dates are stored after them) for every hit.
CREATE INDEX articles_search_meta ON articles (id, status, deleted_at, published_at, column_id);

-- The few articles readers cannot see (drafts, in review, withdrawn, deleted), so that a count of all matches can
-- subtract them without visiting every match.
CREATE INDEX articles_not_public ON articles (id) WHERE status <> 'published' OR deleted_at IS NOT NULL;

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_search (rowid, title_pairs, title_chars, body_pairs, body_chars)
  VALUES (new.id, search_pairs(new.title), search_chars(new.title),
          search_pairs(search_text(new.body_md)), search_chars(search_text(new.body_md)));
END;

CREATE TRIGGER articles_search_update AFTER UPDATE OF title, body_md ON articles BEGIN
  DELETE FROM articles_search WHERE rowid = old.id;
  INSERT INTO articles_search (rowid, title_pairs, title_chars, body_pairs, body_chars)
  VALUES (new.id, search_pairs(new.title), search_chars(new.title),
          search_pairs(search_text(new.body_md)), search_chars(search_text(new.body_md)));
END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
  DELETE FROM articles_search WHERE rowid = old.id;
END;
