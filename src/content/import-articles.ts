// Brings pages saved as plain text into the database: used by `npm run import` and the first-start sample content.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatDate } from '../lib/dates.js';
import { renderMarkdown, summaryFromHtml } from '../lib/markdown.js';
import { parsePlainTextArticle, type ParsedArticle } from '../lib/plain-text-article.js';
import type { Column } from '../store/columns.js';
import type { Store } from '../store/store.js';

export type ImportOutcome =
  | { file: string; status: 'created' | 'updated' | 'unchanged'; id: number; title: string }
  | { file: string; status: 'failed'; error: string };

export type ImportOptions = {
  /** Put every article in this column instead of the one named by its breadcrumb. */
  column?: Column;
  now: Date;
};

/** Imports every .txt file named, or found under a named folder (sorted by path); one outcome per file. */
export function importPaths(store: Store, paths: string[], options: ImportOptions): ImportOutcome[] {
  return paths.flatMap(listTextFiles).map((file) => importFile(store, file, options));
}

function listTextFiles(target: string): string[] {
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.toLowerCase().endsWith('.txt'))
    .map((name) => path.join(target, name))
    .sort();
}

export function importFile(store: Store, file: string, options: ImportOptions): ImportOutcome {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { file, status: 'failed', error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  const parsed = parsePlainTextArticle(decode(bytes));
  if (!parsed.ok) return { file, status: 'failed', error: parsed.error };
  const column = options.column ?? columnFromBreadcrumb(store, parsed.article.breadcrumb);
  if (typeof column === 'string') return { file, status: 'failed', error: column };
  return { file, ...saveArticle(store, parsed.article, column, legacyId(file), options.now) };
}

/** Old pages were saved as UTF-8 (with or without BOM) or, from older Windows tools, GB18030/GBK. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes); // not UTF-8: the only other encoding Chinese pages were saved in
  }
}

/** The column named by the breadcrumb's last segment (its parent decides between namesakes), or why not. */
function columnFromBreadcrumb(store: Store, breadcrumb: string[]): Column | string {
  const name = breadcrumb.at(-1);
  if (!name) return 'no breadcrumb (当前位置) to choose the column from: pass --column SLUG';
  const candidates = store.columns.listByName(name);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) return `column "${name}" from the breadcrumb does not exist: create it or pass --column SLUG`;
  const parentName = breadcrumb.at(-2);
  const all = store.columns.listAll();
  const underParent = candidates.filter((c) => all.find((p) => p.id === c.parentId)?.name === parentName);
  return underParent.length === 1 ? underParent[0]! : `column "${name}" is ambiguous: pass --column SLUG`;
}

/** A file named like the old site's article page (t20231106_1782839.txt) keeps its article number, and so its URL. */
function legacyId(file: string): number | null {
  const match = /^t\d{8}_([1-9]\d{0,14})\.txt$/i.exec(path.basename(file));
  return match ? Number(match[1]) : null;
}

function saveArticle(store: Store, parsed: ParsedArticle, column: Column, id: number | null, now: Date) {
  const bodyHtml = renderMarkdown(parsed.bodyMarkdown);
  const article = {
    columnId: column.id,
    title: parsed.title,
    subtitle: parsed.subtitle,
    source: parsed.source,
    author: parsed.author,
    bodyMd: parsed.bodyMarkdown,
    bodyHtml,
    summary: summaryFromHtml(bodyHtml),
    publishedAt: parsed.publishedAt,
    // The same title on the same day is the same article, wherever it was filed and however it was edited since.
    importKey: createHash('sha256').update(`${parsed.title}\n${formatDate(parsed.publishedAt)}`).digest('hex').slice(0, 32),
  };
  return store.transaction(() => {
    const existing = store.articles.getIdByImportKey(article.importKey);
    if (existing !== undefined) {
      const changed = store.articles.updateImported(existing, article, now);
      return { status: changed ? ('updated' as const) : ('unchanged' as const), id: existing, title: article.title };
    }
    const keepId = id !== null && !store.articles.isIdTaken(id) ? id : null;
    return { status: 'created' as const, id: store.articles.insertImported(article, now, keepId), title: article.title };
  });
}
