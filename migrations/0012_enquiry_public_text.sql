-- 咨询留言: the question as published, edited by staff when it says more than should be public (an address, say);
-- empty until then, and the writer's own text, masked, is shown.
ALTER TABLE enquiries ADD COLUMN public_subject TEXT NOT NULL DEFAULT '';
ALTER TABLE enquiries ADD COLUMN public_message TEXT NOT NULL DEFAULT '';

DROP TRIGGER content_version_enquiries_update;
CREATE TRIGGER content_version_enquiries_update AFTER UPDATE OF
  status, may_publish, subject, message, answer, answer_department, answered_at, public_subject, public_message
  ON enquiries BEGIN
  UPDATE content_version SET version = version + 1;
END;
