// 咨询留言: messages from readers, their history, and what of them is public.
import type { Db } from '../db/open.js';
import type { EnquiryStatus } from '../lib/enquiries.js';

export type NewEnquiry = { codeHash: string; name: string; contact: string; subject: string; message: string; mayPublish: boolean; ip: string };

export type Enquiry = Omit<NewEnquiry, 'codeHash'> & {
  id: number;
  status: EnquiryStatus;
  assignedTo: number | null;
  assigneeName: string | null;
  answer: string;
  answerDepartment: string;
  /** The subject and question as published, when staff edited them ('' : the writer's own, masked). */
  publicSubject: string;
  publicMessage: string;
  answeredAt: string | null;
  answeredBy: number | null;
  createdAt: string;
  updatedAt: string;
};

/** An answer, and the question as it is to be published with it. */
export type Reply = { answer: string; department: string; status: 'answered' | 'private'; publicSubject: string; publicMessage: string };

export type EnquiryEvent = { action: 'received' | 'status' | 'assign' | 'note' | 'answer'; userName: string | null; detail: string; createdAt: string };

export type InboxFilters = { status?: EnquiryStatus | undefined; assignedTo?: number | undefined; open?: boolean | undefined };

export type MonthStats = { month: string; received: number; answered: number; averageDays: number | null };

const FIELDS = `
  e.id, e.name, e.contact, e.subject, e.message, e.may_publish AS mayPublish, e.status, e.assigned_to AS assignedTo,
  u.display_name AS assigneeName, e.answer, e.answer_department AS answerDepartment, e.answered_at AS answeredAt,
  e.public_subject AS publicSubject, e.public_message AS publicMessage,
  e.answered_by AS answeredBy, e.ip, e.created_at AS createdAt, e.updated_at AS updatedAt
  FROM enquiries e LEFT JOIN users u ON u.id = e.assigned_to`;
const INBOX = `
  (@status IS NULL OR e.status = @status) AND (@assignedTo IS NULL OR e.assigned_to = @assignedTo)
  AND (@open = 0 OR e.status IN ('new', 'processing'))`;
const PUBLISHED = "e.status = 'answered' AND e.may_publish = 1";

type Row = Omit<Enquiry, 'mayPublish'> & { mayPublish: number };
const toEnquiry = (row: Row | undefined): Enquiry | undefined => row && { ...row, mayPublish: Boolean(row.mayPublish) };

export function enquiryStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO enquiries (code_hash, name, contact, subject, message, may_publish, ip, created_at, updated_at)
    VALUES (@codeHash, @name, @contact, @subject, @message, @mayPublish, @ip, @now, @now)`);
  const byId = db.prepare(`SELECT ${FIELDS} WHERE e.id = ?`);
  const byCode = db.prepare(`SELECT ${FIELDS} WHERE e.code_hash = ?`);
  const inbox = db.prepare(`SELECT ${FIELDS} WHERE ${INBOX} ORDER BY e.created_at DESC, e.id DESC LIMIT @limit OFFSET @offset`);
  const inboxCount = db.prepare(`SELECT COUNT(*) FROM enquiries e WHERE ${INBOX}`).pluck();
  const open = db.prepare(`SELECT ${FIELDS} WHERE e.status IN ('new', 'processing') ORDER BY e.created_at, e.id`);
  const published = db.prepare(`SELECT ${FIELDS} WHERE ${PUBLISHED} ORDER BY e.answered_at DESC, e.id DESC LIMIT ? OFFSET ?`);
  const publishedCount = db.prepare(`SELECT COUNT(*) FROM enquiries e WHERE ${PUBLISHED}`).pluck();
  const onePublished = db.prepare(`SELECT ${FIELDS} WHERE e.id = ? AND ${PUBLISHED}`);
  const setStatus = db.prepare('UPDATE enquiries SET status = @status, updated_at = @now WHERE id = @id AND status != @status');
  const assign = db.prepare('UPDATE enquiries SET assigned_to = @userId, updated_at = @now WHERE id = @id');
  const answer = db.prepare(`
    UPDATE enquiries SET answer = @answer, answer_department = @department, status = @status,
           public_subject = @publicSubject, public_message = @publicMessage,
           answered_at = COALESCE(answered_at, @now), answered_by = COALESCE(answered_by, @userId), updated_at = @now
    WHERE id = @id`);
  const addEvent = db.prepare(`
    INSERT INTO enquiry_events (enquiry_id, user_id, action, detail, created_at) VALUES (@id, @userId, @action, @detail, @now)`);
  const events = db.prepare(`
    SELECT v.action, u.display_name AS userName, v.detail, v.created_at AS createdAt
    FROM enquiry_events v LEFT JOIN users u ON u.id = v.user_id WHERE v.enquiry_id = ? ORDER BY v.id`);
  // Months in Beijing time; the reply time counts from receipt to the first answer.
  const monthly = db.prepare(`
    SELECT strftime('%Y-%m', created_at, '+8 hours') AS month, COUNT(*) AS received, COUNT(answered_at) AS answered,
           ROUND(AVG(julianday(answered_at) - julianday(created_at)), 1) AS averageDays
    FROM enquiries WHERE status != 'spam' AND created_at >= ?
    GROUP BY month ORDER BY month DESC`);
  const countsByStatus = db.prepare('SELECT status, COUNT(*) AS count FROM enquiries GROUP BY status');
  const deleteSpam = db.prepare("DELETE FROM enquiries WHERE status = 'spam' AND updated_at <= ?");
  const forgetAddresses = db.prepare("UPDATE enquiries SET ip = '' WHERE ip != '' AND created_at <= ?");

  const event = (id: number, userId: number | null, action: EnquiryEvent['action'], detail: string, now: Date) =>
    addEvent.run({ id, userId, action, detail, now: now.toISOString() });

  return {
    /** Stores a new message with its 'received' event; returns its id. */
    insert: (enquiry: NewEnquiry, now: Date) =>
      db.transaction(() => {
        const id = Number(insert.run({ ...enquiry, mayPublish: enquiry.mayPublish ? 1 : 0, now: now.toISOString() }).lastInsertRowid);
        event(id, null, 'received', '', now);
        return id;
      })(),
    getById: (id: number) => toEnquiry(byId.get(id) as Row | undefined),
    getByCodeHash: (hash: string) => toEnquiry(byCode.get(hash) as Row | undefined),
    /** Newest first. */
    list: (f: InboxFilters, limit: number, offset: number) =>
      (inbox.all({ status: f.status ?? null, assignedTo: f.assignedTo ?? null, open: f.open ? 1 : 0, limit, offset }) as Row[]).map((r) => toEnquiry(r)!),
    count: (f: InboxFilters) => inboxCount.get({ status: f.status ?? null, assignedTo: f.assignedTo ?? null, open: f.open ? 1 : 0 }) as number,
    /** Unanswered messages, oldest first (for deadlines). */
    listOpen: () => (open.all() as Row[]).map((r) => toEnquiry(r)!),
    countByStatus: () =>
      Object.fromEntries((countsByStatus.all() as { status: EnquiryStatus; count: number }[]).map((r) => [r.status, r.count])) as Partial<Record<EnquiryStatus, number>>,
    /** Answered messages whose writers allowed publication, most recently answered first. */
    listPublished: (limit: number, offset: number) => (published.all(limit, offset) as Row[]).map((r) => toEnquiry(r)!),
    countPublished: () => publishedCount.get() as number,
    getPublished: (id: number) => toEnquiry(onePublished.get(id) as Row | undefined),
    /** False when the status was already that. */
    setStatus: (id: number, status: EnquiryStatus, userId: number, detail: string, now: Date) =>
      db.transaction(() => {
        const changed = setStatus.run({ id, status, now: now.toISOString() }).changes === 1;
        if (changed) event(id, userId, 'status', detail, now);
        return changed;
      })(),
    assign: (id: number, assignee: number | null, userId: number, detail: string, now: Date) =>
      db.transaction(() => {
        assign.run({ id, userId: assignee, now: now.toISOString() });
        event(id, userId, 'assign', detail, now);
      })(),
    addNote: (id: number, userId: number, note: string, now: Date) => event(id, userId, 'note', note, now),
    /** Saves the answer (the first one sets the answer time) and the status that goes with it. */
    answer: (id: number, reply: Reply, userId: number, detail: string, now: Date) =>
      db.transaction(() => {
        answer.run({ id, ...reply, userId, now: now.toISOString() });
        event(id, userId, 'answer', detail, now);
      })(),
    events: (id: number) => events.all(id) as EnquiryEvent[],
    /** Deletes spam untouched since `spamBefore` and forgets the senders' addresses of messages from before `ipBefore`. */
    prune: (spamBefore: Date, ipBefore: Date) =>
      deleteSpam.run(spamBefore.toISOString()).changes + forgetAddresses.run(ipBefore.toISOString()).changes,
    /** Per month (Beijing time) of the last twelve, newest first; spam left out. */
    lastTwelveMonths: (now: Date) => (monthly.all(new Date(now.getTime() - 366 * 24 * 60 * 60 * 1000).toISOString()) as MonthStats[]).slice(0, 12),
  };
}
