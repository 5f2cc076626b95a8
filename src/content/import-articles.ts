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
  column?: Column | undefined;
  now: Date;
  /** Called as each file is done, so a long run reports as it goes. */
  onOutcome?: (outcome: ImportOutcome) => void;
};

/** Imports every .txt file named, or found under a named folder (sorted by path); one outcome per file. */
export function importPaths(store: Store, paths: string[], options: ImportOptions): ImportOutcome[] {
  return paths.flatMap(listTextFiles).map((file) => {
    const outcome = importFile(store, file, options);
    options.onOutcome?.(outcome);
    return outcome;
  });
}

function listTextFiles(target: string): string[] {
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.toLowerCase().endsWith('.txt'))
    .map((name) => path.join(target, name))
    .sort();
}

function importFile(store: Store, file: string, options: ImportOptions): ImportOutcome {
  const failed = (error: string): ImportOutcome => ({ file, status: 'failed', error });
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return failed(`cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const parsed = parsePlainTextArticle(decode(bytes));
  if (!parsed.ok) return failed(parsed.error);
  const column = options.column ?? columnFromBreadcrumb(store, parsed.article.breadcrumb);
  if (typeof column === 'string') return failed(column);
  const id = legacyId(file);
  try {
    const saved = store.articles.saveImported(toArticle(parsed.article, column, id), options.now, id);
    if (!saved) return failed(`article number ${id} from the file name is already used by another article`);
    return { file, ...saved, title: parsed.article.title };
  } catch (err) {
    return failed(`not saved: ${(err as Error).message}`); // reported with the file, and the run goes on
  }
}

/**
 * Old pages were saved as UTF-8 (with or without BOM), as UTF-16 by Notepad's "Unicode" option (always with a
 * BOM), or as GB18030/GBK by older Windows tools.
 */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
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

function toArticle(parsed: ParsedArticle, column: Column, id: number | null) {
  const bodyHtml = renderMarkdown(parsed.bodyMarkdown);
  return {
    columnId: column.id,
    title: parsed.title,
    subtitle: parsed.subtitle,
    source: parsed.source,
    author: parsed.author,
    bodyMd: parsed.bodyMarkdown,
    bodyHtml,
    summary: summaryFromHtml(bodyHtml),
    publishedAt: parsed.publishedAt,
    // A page with its old article number is that article; otherwise the same title on the same day is the same
    // article, wherever it was filed and however its text was edited since.
    importKey: id !== null
      ? `legacy:${id}`
      : createHash('sha256').update(`${parsed.title}\n${formatDate(parsed.publishedAt)}`).digest('hex').slice(0, 32),
  };
}
