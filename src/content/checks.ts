// The content checks against the site itself: the text checks with the dictionary from the database, and every
// internal link, image and attachment resolved the way the site would serve it to a reader.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkText, type CheckedText } from '../lib/checks/check-text.js';
import { locate, sortFindings, type Finding, type Hit } from '../lib/checks/finding.js';
import { classifyLink, linksIn } from '../lib/checks/links.js';
import { compileDictionary, type Dictionary } from '../lib/checks/wording.js';
import { buildColumnTree, lineage, type ColumnNode, type ColumnTree } from '../lib/columns.js';
import { ENQUIRY_PAGE_SIZE } from '../lib/enquiries.js';
import { summaryFromHtml } from '../lib/markdown.js';
import { articleIdFromFile, COLUMN_PAGE_SIZE } from '../lib/urls.js';
import { canonicalPath } from '../site/canonical.js';
import type { Store } from '../store/store.js';
import { uploadsDir } from './uploads.js';

/** What one run of checks reads once: the dictionary and the column tree (without counts). */
export type CheckContext = {
  store: Store;
  dataDir: string;
  siteUrl: string;
  now: Date;
  dictionary: Dictionary;
  columns: ColumnTree;
};

export function checkContext(store: Store, config: { dataDir: string; siteUrl: string }, now: Date): CheckContext {
  return {
    store, dataDir: config.dataDir, siteUrl: config.siteUrl, now,
    dictionary: compileDictionary(store.wording.list()),
    columns: buildColumnTree(store.columns.listAll(), new Map()),
  };
}

/**
 * The public articles readers find on page `page` of the column's list (none: the page does not exist): it and
 * the columns above it are not hidden, and it or a visible column under it has the articles. One indexed lookup;
 * counting every column's articles would take milliseconds on a large site.
 */
function columnPageExists(ctx: CheckContext, slug: string, page: number): boolean {
  const node = ctx.columns.bySlug.get(slug);
  if (!node || lineage(node).some((n) => n.isHidden)) return false;
  const visible = (n: ColumnNode): number[] => [n.id, ...n.children.filter((c) => !c.isHidden).flatMap(visible)];
  return ctx.store.articles.listPublished(visible(node), ctx.now, 1, (page - 1) * COLUMN_PAGE_SIZE).length > 0;
}

/** Addresses the site always serves (besides every file under /assets/). */
const FIXED = /^\/(?:|search|prefs|healthz|rss\.xml|robots\.txt|favicon\.ico|sitemap(?:-pages|-news|-articles-[1-9]\d*)?\.xml|wzdt\.html|zxly\/(?:|write\.html|query\.html|receipt\.html))$/;

/** Where the link is checked from: an article's own uploads (and new ones, linked to it on saving) are its own. */
export type LinkSource = { kind: 'article'; id: number | undefined } | { kind: 'page' };

/**
 * Why a reader following a link to `pathname` on this site would not get the page or file, or '' if they would.
 * Paths are taken as the site takes them (it redirects /GZDT/ to /gzdt/); the route table in site/routes.ts and
 * this must agree, which the crawl in test/http/html-and-links.test.ts checks.
 */
export function internalLinkProblem(ctx: CheckContext, rawPath: string, source: LinkSource = { kind: 'page' }): string {
  const { store, now } = ctx;
  const pathname = canonicalPath(rawPath);
  if (FIXED.test(pathname) || pathname.startsWith('/assets/')) return '';
  const upload = /^\/uploads\/(\d{4}\/\d{2}\/[0-9a-f]{32}\.[a-z]{3,4})$/.exec(rawPath);
  if (upload) {
    const file = store.uploads.getByFileName(upload[1]!);
    if (!file) return '文件不存在（可能已被删除）';
    if (!fs.existsSync(path.join(uploadsDir(ctx.dataDir), file.fileName))) return '文件已丢失，读者无法下载';
    if (source.kind === 'article' && (file.articleId === null || file.articleId === source.id)) return '';
    if (file.articleId === null) return '文件没有关联到任何文章，读者无法打开';
    return store.articles.getPublished(file.articleId, now) ? '' : '文件所属的文章未发布、已下线或已删除，读者无法打开';
  }
  if (/^\/admin(?:\/|$)/.test(pathname)) return '这是管理后台的地址，读者无法打开';
  const enquiry = /^\/zxly\/(?:index_([1-9]\d{0,8})|([1-9]\d{0,14}))\.html$/.exec(pathname);
  if (enquiry) {
    if (enquiry[2]) return store.enquiries.getPublished(Number(enquiry[2])) ? '' : '留言不存在或没有公开';
    return store.enquiries.countPublished() > Number(enquiry[1]) * ENQUIRY_PAGE_SIZE ? '' : '咨询留言没有这一页';
  }
  const page = /^\/([a-z][a-z0-9]*)\.html$/.exec(pathname);
  if (page) return store.pages.getBySlug(page[1]!) ? '' : '单页不存在';
  const column = /^\/([a-z][a-z0-9]*)(?:\/(?:index\.html|index_([1-9]\d{0,8})\.html|rss\.xml)?)?$/.exec(pathname);
  if (column) {
    const listPage = column[2] ? Number(column[2]) + 1 : 1;
    if (columnPageExists(ctx, column[1]!, listPage)) return '';
    return listPage > 1 && columnPageExists(ctx, column[1]!, 1) ? '栏目没有这一页' : '栏目不存在，或在网站上不显示（隐藏或没有文章）';
  }
  const article = /^\/[a-z][a-z0-9]*\/\d{6}\/([^/]+)$/.exec(pathname);
  const id = article ? articleIdFromFile(article[1]!) : undefined;
  if (id !== undefined) return (source.kind === 'article' && id === source.id) || store.articles.getPublished(id, now) ? '' : '文章不存在、未发布、已下线或已删除';
  return '网站上没有这个地址';
}

export type Checked = { findings: Finding[]; externalUrls: string[] };

export type CheckedContent = CheckedText & {
  /** The body as readers get it (rendered and sanitised), for its links. */
  bodyHtml: string;
  coverImage?: string | undefined;
  source: LinkSource;
};

/** What an override is bound to: the text the reviewer saw. */
export const textHash = (text: CheckedText) =>
  createHash('sha256').update(JSON.stringify([text.title ?? '', text.subtitle ?? '', text.summary ?? '', text.bodyMd ?? ''])).digest('hex');

/** A reviewer published this very text despite its blocking findings: they stay findings, no longer blocks. */
function overridden(ctx: CheckContext, content: CheckedContent, findings: Finding[]): Finding[] {
  const override = content.source.kind === 'article' && content.source.id !== undefined ? ctx.store.findings.override(content.source.id) : undefined;
  if (!override || override.textHash !== textHash(content)) return findings;
  return findings.map((f) => (f.blocking ? { ...f, blocking: false, message: `${f.message}（审核员已确认忽略：${override.reason}）` } : f));
}

/** Every check of one article or page: text, internal links, images and attachments; its external links for the job. */
export function checkContent(ctx: CheckContext, content: CheckedContent): Checked {
  // A summary taken from the body repeats the body's findings: only one written separately is checked.
  const summary = content.summary && content.summary !== summaryFromHtml(content.bodyHtml) ? content.summary : '';
  const text = { ...content, summary };
  const findings = checkText(text, ctx.dictionary);
  const externalUrls: string[] = [];
  const body = content.bodyMd ?? '';
  const brokenLink = (start: number, length: number, problem: string): Hit =>
    ({ kind: 'link', start, end: start + length, message: `链接不可用：${problem}`, suggestion: '请改正或删除这个链接', blocking: true });
  for (const href of linksIn(content.bodyHtml)) {
    const target = classifyLink(href, ctx.siteUrl);
    if (!target) continue;
    if ('external' in target) {
      externalUrls.push(target.external);
      continue;
    }
    const problem = internalLinkProblem(ctx, target.internal, content.source);
    const start = body.indexOf(href);
    if (problem) findings.push(locate('bodyMd', body, brokenLink(Math.max(0, start), start === -1 ? 0 : href.length, problem)));
  }
  const cover = content.coverImage ?? '';
  const coverProblem = cover && internalLinkProblem(ctx, cover, content.source);
  if (coverProblem) findings.push(locate('coverImage', cover, brokenLink(0, cover.length, coverProblem)));
  if (content.source.kind === 'article' && content.source.id !== undefined) {
    for (const file of ctx.store.uploads.listForArticle(content.source.id, 'attachment')) {
      if (fs.existsSync(path.join(uploadsDir(ctx.dataDir), file.fileName))) continue;
      const missing = brokenLink(0, file.originalName.length, '附件文件已丢失，读者无法下载');
      findings.push(locate('attachments', file.originalName, { ...missing, suggestion: '请重新上传这个附件' }));
    }
  }
  return { findings: sortFindings(overridden(ctx, content, findings)), externalUrls };
}
