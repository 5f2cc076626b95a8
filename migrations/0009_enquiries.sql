-- 咨询留言 (#10): readers' questions with staff answers, their history, the attempts that rate-limit the public forms,
-- and e-mail notifications waiting to be sent.

CREATE TABLE enquiries (
  id                INTEGER PRIMARY KEY,
  code_hash         TEXT NOT NULL UNIQUE,        -- SHA-256 of the query code the writer was given; the code is not kept
  name              TEXT NOT NULL,
  contact           TEXT NOT NULL,               -- phone or e-mail: staff only, never published
  subject           TEXT NOT NULL,
  message           TEXT NOT NULL,
  may_publish       INTEGER NOT NULL CHECK (may_publish IN (0, 1)),   -- the writer's consent
  status            TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'processing', 'answered', 'private', 'spam')),
  assigned_to       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  answer            TEXT NOT NULL DEFAULT '',
  answer_department TEXT NOT NULL DEFAULT '',
  answered_at       TEXT,                        -- the first answer: the reply time counts to it
  answered_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  ip                TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX enquiries_inbox ON enquiries (status, created_at DESC);
CREATE INDEX enquiries_published ON enquiries (answered_at DESC, id DESC) WHERE status = 'answered' AND may_publish = 1;

-- Everything that happened to a message: status changes, assignments, internal notes, answers.
CREATE TABLE enquiry_events (
  id         INTEGER PRIMARY KEY,
  enquiry_id INTEGER NOT NULL REFERENCES enquiries(id) ON DELETE CASCADE,
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  action     TEXT NOT NULL CHECK (action IN ('received', 'status', 'assign', 'note', 'answer')),
  detail     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX enquiry_events_by_enquiry ON enquiry_events (enquiry_id, id);

-- Posts to the public forms per address, for the rate limit and for spotting a sender that needs a challenge.
CREATE TABLE form_attempts (
  id      INTEGER PRIMARY KEY,
  ip      TEXT NOT NULL,
  form    TEXT NOT NULL,                           -- enquiry, lookup
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused', 'blocked')),
  at      TEXT NOT NULL
);
CREATE INDEX form_attempts_by_ip ON form_attempts (ip, form, at);

CREATE TABLE mail_queue (
  id              INTEGER PRIMARY KEY,
  recipients      TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue (sent_at, next_attempt_at);

-- Published answers and the published monthly figures are public pages: they change the content version.
CREATE TRIGGER content_version_enquiries_insert AFTER INSERT ON enquiries BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_enquiries_update AFTER UPDATE OF status, may_publish, subject, message, answer, answer_department, answered_at
  ON enquiries BEGIN UPDATE content_version SET version = version + 1; END;
CREATE TRIGGER content_version_enquiries_delete AFTER DELETE ON enquiries BEGIN UPDATE content_version SET version = version + 1; END;
