// The content checks against the site itself: the text checks with the dictionary from the database, and every
// internal link, image and attachment resolved the way the site would serve it to a reader.
import fs from 'node:fs';
import path from 'node:path';
import { checkText, type CheckedText } from '../lib/checks/check-text.js';
import { locate, sortFindings, type Finding } from '../lib/checks/finding.js';
import { classifyLink, linksIn } from '../lib/checks/links.js';
import { compileDictionary, type Dictionary } from '../lib/checks/wording.js';
import { buildColumnTree, lineage, type ColumnNode, type ColumnTree } from '../lib/columns.js';
import { summaryFromHtml } from '../lib/markdown.js';
import { articleIdFromFile } from '../lib/urls.js';
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
 * Whether readers see the column: it and the columns above it are not hidden, and it or a visible column under it
 * has a public article (one indexed lookup; counting every column's articles would take milliseconds on a large site).
 */
function columnIsPublic(ctx: CheckContext, slug: string): boolean {
  const node = ctx.columns.bySlug.get(slug);
  if (!node || lineage(node).some((n) => n.isHidden)) return false;
  const visible = (n: ColumnNode): number[] => [n.id, ...n.children.filter((c) => !c.isHidden).flatMap(visible)];
  return ctx.store.articles.listPublished(visible(node), ctx.now, 1).length > 0;
}

/** Addresses the site always serves. */
const FIXED = new Set(['/', '/search', '/rss.xml', '/sitemap.xml', '/sitemap-pages.xml', '/wzdt.html', '/robots.txt', '/favicon.ico', '/prefs']);

/**
 * Why a reader following a link to `pathname` on this site would not get the page or file, or '' if they would.
 * `articleId`: the article being checked (its own uploads are public once it is).
 */
export function internalLinkProblem(ctx: CheckContext, pathname: string, articleId?: number): string {
  const { store, now } = ctx;
  if (FIXED.has(pathname) || pathname.startsWith('/assets/')) return '';
  const upload = /^\/uploads\/(\d{4}\/\d{2}\/[0-9a-f]{32}\.[a-z]{3,4})$/.exec(pathname);
  if (upload) {
    const file = store.uploads.getByFileName(upload[1]!);
    if (!file) return '文件不存在（可能已被删除）';
    if (!fs.existsSync(path.join(uploadsDir(ctx.dataDir), file.fileName))) return '文件已丢失，读者无法下载';
    if (file.articleId === null) return '文件没有关联到文章，读者无法打开';
    if (file.articleId !== articleId && !store.articles.getPublished(file.articleId, now)) return '文件所属的文章未发布、已下线或已删除，读者无法打开';
    return '';
  }
  if (/^\/admin(?:\/|$)/.test(pathname)) return '这是管理后台的地址，读者无法打开';
  const page = /^\/([a-z][a-z0-9]*)\.html$/.exec(pathname);
  if (page) return store.pages.getBySlug(page[1]!) ? '' : '单页不存在';
  const column = /^\/([a-z][a-z0-9]*)(?:\/(?:index(?:_[1-9]\d*)?\.html|rss\.xml)?)?$/.exec(pathname);
  if (column) return columnIsPublic(ctx, column[1]!) ? '' : '栏目不存在，或在网站上不显示（隐藏或没有文章）';
  const article = /^\/[a-z][a-z0-9]*\/\d{6}\/([^/]+)$/.exec(pathname);
  const id = article ? articleIdFromFile(article[1]!) : undefined;
  if (id !== undefined) return id === articleId || store.articles.getPublished(id, now) ? '' : '文章不存在、未发布、已下线或已删除';
  return '网站上没有这个地址';
}

export type Checked = { findings: Finding[]; externalUrls: string[] };

export type CheckedContent = CheckedText & {
  /** The body as readers get it (rendered and sanitised), for its links. */
  bodyHtml: string;
  articleId?: number | undefined;
};

/** Every check of one article or page: text, internal links and attachments; its external links for the job. */
export function checkContent(ctx: CheckContext, content: CheckedContent): Checked {
  // A summary taken from the body repeats the body's findings: only one written separately is checked.
  const summary = content.summary && content.summary !== summaryFromHtml(content.bodyHtml) ? content.summary : '';
  const findings = checkText({ ...content, summary }, ctx.dictionary);
  const externalUrls: string[] = [];
  const body = content.bodyMd ?? '';
  for (const href of linksIn(content.bodyHtml)) {
    const target = classifyLink(href, ctx.siteUrl);
    if (!target) continue;
    if ('external' in target) {
      externalUrls.push(target.external);
      continue;
    }
    const problem = internalLinkProblem(ctx, target.internal, content.articleId);
    if (!problem) continue;
    const start = Math.max(0, body.indexOf(href));
    findings.push(locate('bodyMd', body, { kind: 'link', start, end: start + (body.includes(href) ? href.length : 0), message: `链接不可用：${problem}`, suggestion: '请改正或删除这个链接', blocking: true }));
  }
  if (content.articleId !== undefined) {
    for (const file of ctx.store.uploads.listForArticle(content.articleId, 'attachment')) {
      if (fs.existsSync(path.join(uploadsDir(ctx.dataDir), file.fileName))) continue;
      findings.push({
        kind: 'link', field: 'attachments', start: 0, end: 0, line: 1, column: 1, text: file.originalName, before: '', after: '',
        message: '附件文件已丢失，读者无法下载', suggestion: '请重新上传这个附件', blocking: true,
      });
    }
  }
  return { findings: sortFindings(findings), externalUrls };
}
