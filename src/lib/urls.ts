// Every public URL is built here, so pages, lists and (later) sitemaps and feeds agree.
import { compactDate } from './dates.js';

export type ArticleRef = { id: number; columnSlug: string; publishedAt: string };

export const columnPath = (slug: string) => `/${slug}/`;

export const columnPagePath = (slug: string, page: number) =>
  page <= 1 ? columnPath(slug) : `${columnPath(slug)}?page=${page}`;

/** /gzdt/202601/t20260109_42.html — the convention of Chinese government CMSes, kept so old links survive a move. */
export function articlePath({ id, columnSlug, publishedAt }: ArticleRef): string {
  const day = compactDate(publishedAt);
  return `/${columnSlug}/${day.slice(0, 6)}/t${day}_${id}.html`;
}

export const pagePath = (slug: string) => `/${slug}.html`;

const ARTICLE_FILE = /^t\d{8}_([1-9]\d{0,14})\.html$/;

/** The article id in a file name like t20260109_42.html, or undefined. */
export function articleIdFromFile(file: string): number | undefined {
  const match = ARTICLE_FILE.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** The public-security filing site's query page for a number like 鲁公网安备37040202000123号. */
export const policeFilingUrl = (filingNumber: string) =>
  `https://beian.mps.gov.cn/#/query/webSearch?code=${filingNumber.replace(/\D/g, '')}`;
