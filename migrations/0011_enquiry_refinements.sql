-- 咨询留言, refined after review: a form token is good for one message only, and a new message changes the public
-- pages only when the monthly figures (which count it) are published.

CREATE TABLE used_form_tokens (
  nonce_signature TEXT PRIMARY KEY,               -- the token's signature: unique per token
  used_at         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX used_form_tokens_by_time ON used_form_tokens (used_at);

DROP TRIGGER content_version_enquiries_insert;
CREATE TRIGGER content_version_enquiries_insert AFTER INSERT ON enquiries
  WHEN (SELECT value FROM settings WHERE key = 'enquiryStatsPublic') = '1' BEGIN
  UPDATE content_version SET version = version + 1;
END;
