// The wording dictionary of the content checks, edited by administrators.
import type { Db } from '../db/open.js';
import type { WordingKind, WordingRule } from '../lib/checks/wording.js';

export type StoredRule = WordingRule & { id: number; updatedAt: string };

const RULES = `
  SELECT id, kind, phrase, suggestion, is_blocking AS isBlocking, note, updated_at AS updatedAt FROM wording_rules`;

type Row = Omit<StoredRule, 'isBlocking'> & { isBlocking: number };
const toRule = (row: Row): StoredRule => ({ ...row, isBlocking: Boolean(row.isBlocking) });

export function wordingStore(db: Db) {
  const all = db.prepare(`${RULES} ORDER BY kind, phrase`);
  const byKind = db.prepare(`${RULES} WHERE kind = ? ORDER BY phrase`);
  const byId = db.prepare(`${RULES} WHERE id = ?`);
  const byPhrase = db.prepare(`${RULES} WHERE kind = ? AND phrase = ?`);
  const insert = db.prepare(`
    INSERT INTO wording_rules (kind, phrase, suggestion, is_blocking, note, created_at, updated_at)
    VALUES (@kind, @phrase, @suggestion, @isBlocking, @note, @now, @now)`);
  const update = db.prepare(`
    UPDATE wording_rules SET kind = @kind, phrase = @phrase, suggestion = @suggestion, is_blocking = @isBlocking,
           note = @note, updated_at = @now
    WHERE id = @id`);
  const remove = db.prepare('DELETE FROM wording_rules WHERE id = ?');
  const params = (rule: WordingRule, now: Date) => ({ ...rule, isBlocking: rule.isBlocking ? 1 : 0, now: now.toISOString() });
  const find = (kind: WordingKind, phrase: string) => {
    const row = byPhrase.get(kind, phrase) as Row | undefined;
    return row && toRule(row);
  };
  return {
    /** Ordered by kind, then phrase; `kind` keeps one kind. */
    list: (kind?: WordingKind) => ((kind ? byKind.all(kind) : all.all()) as Row[]).map(toRule),
    getById: (id: number) => {
      const row = byId.get(id) as Row | undefined;
      return row && toRule(row);
    },
    find,
    insert: (rule: WordingRule, now: Date) => Number(insert.run(params(rule, now)).lastInsertRowid),
    update: (id: number, rule: WordingRule, now: Date) => update.run({ ...params(rule, now), id }).changes === 1,
    remove: (id: number) => remove.run(id).changes === 1,
    /** Adds the rule, or updates the one with the same kind and phrase; what happened. */
    upsert: (rule: WordingRule, now: Date): 'added' | 'updated' | 'unchanged' => {
      const existing = find(rule.kind, rule.phrase);
      if (!existing) return insert.run(params(rule, now)), 'added';
      if (existing.suggestion === rule.suggestion && existing.isBlocking === rule.isBlocking && existing.note === rule.note) return 'unchanged';
      update.run({ ...params(rule, now), id: existing.id });
      return 'updated';
    },
  };
}
