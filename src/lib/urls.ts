// Every public URL is built here, so pages, lists and (later) sitemaps and feeds agree.
import { compactDate } from './dates.js';

export type ArticleRef = { id: number; columnSlug: string; publishedAt: string };

export const columnPath = (slug: string) => `/${slug}/`;

/** Articles per page of a column's list. */
export const COLUMN_PAGE_SIZE = 20;

/**
 * A column's list, page by page: /gzdt/, then /gzdt/index_1.html for page 2, index_2.html for page 3 — the
 * numbering of the government CMSes sites move from (so their indexed links keep working) and plain paths, so a
 * static copy of the site serves every page.
 */
export const columnPagePath = (slug: string, page: number) =>
  page <= 1 ? columnPath(slug) : `${columnPath(slug)}index_${page - 1}.html`;

/** /gzdt/202601/t20260109_42.html — the convention of Chinese government CMSes, kept so old links survive a move. */
export function articlePath({ id, columnSlug, publishedAt }: ArticleRef): string {
  const day = compactDate(publishedAt);
  return `/${columnSlug}/${day.slice(0, 6)}/t${day}_${id}.html`;
}

export const pagePath = (slug: string) => `/${slug}.html`;

export const columnFeedPath = (slug: string) => `/${slug}/rss.xml`;

const ARTICLE_FILE = /^t\d{8}_([1-9]\d{0,14})\.html$/;

/** The article id in a file name like t20260109_42.html, or undefined. */
export function articleIdFromFile(file: string): number | undefined {
  const match = ARTICLE_FILE.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** The public-security filing site's query page for a number like 鲁公网安备37040202000123号. */
export const policeFilingUrl = (filingNumber: string) =>
  `https://beian.mps.gov.cn/#/query/webSearch?code=${filingNumber.replace(/\D/g, '')}`;

/** Article HTML with its site-relative links and images made absolute, for feeds read elsewhere. */
export const absoluteLinks = (html: string, siteUrl: string) => html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${siteUrl}/`);

/**
 * The protocol allows 50,000; 1,000 keeps each file about the size of a list page (140 KB, built in ~15 ms), so
 * building one never holds up other requests and costs the same at any archive size (10,000-URL files took 150–200
 * ms and 1.4 MB each; a 50,000-URL file took the server's memory up by over 100 MB). 100,000 articles: 100 files.
 */
export const SITEMAP_URLS_PER_FILE = 1_000;

/** The news sitemap lists the articles of the last two days. */
export const newsSitemapSince = (now: Date) => new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000).toISOString();

/**
 * Paths of the sitemap files: the pages, the articles in files of at most SITEMAP_URLS_PER_FILE URLs, and the news
 * sitemap. A sitemap must list at least one URL, so files that would be empty are left out.
 */
export function sitemapFiles(articleCount: number, newsCount: number, perFile = SITEMAP_URLS_PER_FILE): string[] {
  const parts = Math.ceil(articleCount / perFile);
  return [
    '/sitemap-pages.xml',
    ...Array.from({ length: parts }, (_, i) => `/sitemap-articles-${i + 1}.xml`),
    ...(newsCount > 0 ? ['/sitemap-news.xml'] : []),
  ];
}
