// Status changes of the review workflow, each written together with its review event, guarded in SQL by the
// status it starts from so that two reviewers acting at once cannot both succeed.
import type { Db } from '../db/open.js';
import type { Status } from '../lib/review-rules.js';

export type ReviewEvent = {
  action: 'submit' | 'approve' | 'reject' | 'publish' | 'withdraw' | 'delete' | 'restore';
  userId: number;
  userName?: string;
  stepName: string;
  comment: string;
  createdAt?: string;
};

export type Transition = {
  from: Status;
  to: Status;
  reviewStep: number;
  /** Set on publishing. */
  publishedAt?: string;
  reviewedBy?: number;
};

export function workflowStore(db: Db) {
  const move = db.prepare(`
    UPDATE articles
    SET status = @to, review_step = @reviewStep,
        published_at = COALESCE(@publishedAt, published_at), reviewed_by = COALESCE(@reviewedBy, reviewed_by),
        updated_at = @now, version = version + 1
    WHERE id = @id AND status = @from AND deleted_at IS NULL`);
  const setDeleted = db.prepare(`
    UPDATE articles SET deleted_at = @deletedAt, updated_at = @now, version = version + 1
    WHERE id = @id AND (deleted_at IS NULL) = @wasLive`);
  const insertEvent = db.prepare(`
    INSERT INTO review_events (article_id, user_id, action, step_name, comment, created_at)
    VALUES (@articleId, @userId, @action, @stepName, @comment, @now)`);
  const events = db.prepare(`
    SELECT e.action, e.user_id AS userId, u.display_name AS userName, e.step_name AS stepName, e.comment,
           e.created_at AS createdAt
    FROM review_events e
    LEFT JOIN users u ON u.id = e.user_id
    WHERE e.article_id = ?
    ORDER BY e.id DESC`);
  // The submitter of this round, and whoever saved a revision since it was submitted.
  const contributorsThisRound = db.prepare(`
    WITH round AS (
      SELECT id, user_id, created_at FROM review_events WHERE article_id = @id AND action = 'submit' ORDER BY id DESC LIMIT 1
    )
    SELECT user_id FROM round
    UNION
    SELECT r.user_id FROM article_revisions r, round
    WHERE r.article_id = @id AND r.created_at >= round.created_at AND r.user_id IS NOT NULL`).pluck();
  const approversThisRound = db.prepare(`
    SELECT user_id FROM review_events
    WHERE article_id = @id AND action = 'approve'
      AND id > COALESCE((SELECT MAX(id) FROM review_events WHERE article_id = @id AND action = 'submit'), 0)`).pluck();

  const record = (articleId: number, event: ReviewEvent, now: Date) =>
    insertEvent.run({ articleId, ...event, now: now.toISOString() });

  return {
    /** Applies the transition and records the event atomically; false if the article was no longer in `from`. */
    transition: (id: number, transition: Transition, event: ReviewEvent, now: Date) =>
      db.transaction(() => {
        const changed = move.run({
          id, ...transition, publishedAt: transition.publishedAt ?? null, reviewedBy: transition.reviewedBy ?? null,
          now: now.toISOString(),
        }).changes === 1;
        if (changed) record(id, event, now);
        return changed;
      })(),
    /** Moves the article to or from the 回收站; false if it already was there (or not). */
    setDeleted: (id: number, deleted: boolean, event: ReviewEvent, now: Date) =>
      db.transaction(() => {
        const changed = setDeleted.run({
          id, deletedAt: deleted ? now.toISOString() : null, wasLive: deleted ? 1 : 0, now: now.toISOString(),
        }).changes === 1;
        if (changed) record(id, event, now);
        return changed;
      })(),
    recordEvent: record,
    /** Newest first. */
    listEvents: (articleId: number) => events.all(articleId) as Required<ReviewEvent>[],
    /** Users who submitted the article this round or changed it since; none before it is submitted. */
    listContributorsThisRound: (articleId: number) => contributorsThisRound.all({ id: articleId }) as number[],
    /** Users who approved a step since the article was last submitted. */
    listApproversThisRound: (articleId: number) => approversThisRound.all({ id: articleId }) as number[],
  };
}
