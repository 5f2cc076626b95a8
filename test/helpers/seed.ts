// Seed helpers: each takes only the fields a test cares about and defaults the rest.
import type { Db } from '../../src/db/open.js';
import { renderMarkdown } from '../../src/lib/markdown.js';

let counter = 0;

export function seedColumn(db: Db, fields: { slug: string; name?: string; parent?: string; hidden?: boolean; sortOrder?: number }): number {
  const parentId = fields.parent ? (db.prepare('SELECT id FROM columns WHERE slug = ?').pluck().get(fields.parent) as number) : null;
  return Number(
    db.prepare(`
      INSERT INTO columns (parent_id, name, slug, sort_order, is_hidden, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`)
      .run(parentId, fields.name ?? `栏目${fields.slug}`, fields.slug, fields.sortOrder ?? 0, fields.hidden ? 1 : 0).lastInsertRowid,
  );
}

export type SeedArticle = {
  column: string;
  title?: string;
  body?: string;
  source?: string;
  author?: string;
  subtitle?: string;
  status?: 'draft' | 'submitted' | 'rejected' | 'published' | 'withdrawn';
  publishedAt?: string;
  deleted?: boolean;
};

export function seedArticle(db: Db, fields: SeedArticle): { id: number; title: string; columnSlug: string; publishedAt: string } {
  counter++;
  const title = fields.title ?? `测试文章${counter}`;
  const body = fields.body ?? `这是测试文章${counter}的正文。`;
  const publishedAt = fields.publishedAt ?? new Date(Date.UTC(2026, 0, 1) + counter * 60_000).toISOString();
  const columnId = db.prepare('SELECT id FROM columns WHERE slug = ?').pluck().get(fields.column) as number;
  const id = Number(
    db.prepare(`
      INSERT INTO articles (column_id, title, subtitle, source, author, body_md, body_html, summary, status,
                            published_at, created_at, updated_at, deleted_at)
      VALUES (@columnId, @title, @subtitle, @source, @author, @body, @html, @body, @status, @publishedAt, @publishedAt, @publishedAt, @deletedAt)`)
      .run({
        columnId, title, body, html: renderMarkdown(body), publishedAt,
        subtitle: fields.subtitle ?? '', source: fields.source ?? '', author: fields.author ?? '',
        status: fields.status ?? 'published', deletedAt: fields.deleted ? publishedAt : null,
      }).lastInsertRowid,
  );
  return { id, title, columnSlug: fields.column, publishedAt };
}

export function setSettings(db: Db, values: Record<string, string>) {
  const upsert = db.prepare(`
    INSERT INTO settings (key, value, updated_at) VALUES (?, ?, '2026-01-01T00:00:00.000Z')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  for (const [key, value] of Object.entries(values)) upsert.run(key, value);
}
