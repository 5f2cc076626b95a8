// GET /search?q=… — site search in the site's layout: count, highlighted titles and snippets, filters, paging.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { flattenTree, publicSubtreeIds } from '../lib/columns.js';
import { beijingToIso } from '../lib/dates.js';
import { plainText } from '../lib/markdown.js';
import { searchMeta } from '../lib/page-meta.js';
import { paginate } from '../lib/pagination.js';
import { highlight, parseQuery, rankTiers } from '../lib/search-text.js';
import type { Deps } from '../web/deps.js';
import { badRequest, notFound } from '../web/errors.js';
import { siteContext } from '../web/locals.js';

const PER_PAGE = 10;
const MAX_QUERY = 100;

// A parameter given twice counts once (the first); control characters are dropped.
const one = z.union([z.string(), z.array(z.string()).nonempty().transform((v) => v[0])]).pipe(z.string())
  .transform((v) => v.replace(/\p{Cc}/gu, ' ').trim());
const day = one.pipe(z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)])).optional();

const searchQuery = z.object({
  q: one.optional().default(''),
  page: one.pipe(z.string().regex(/^\d{0,9}$/)).optional(),
  column: one.pipe(z.string().regex(/^[a-z0-9]{0,30}$/)).optional(),
  from: day,
  to: day,
  title: one.optional(),
  sort: one.pipe(z.enum(['', 'relevance', 'date'])).optional(),
});

/** The UTC ISO start of a Beijing day (offset in days), or undefined for no date; throws for an impossible one. */
function dayStart(value: string | undefined, offsetDays = 0): string | undefined {
  if (!value) return undefined;
  const [year, month, day] = value.split('-').map(Number);
  const iso = beijingToIso({ year: year!, month: month!, day: day!, hour: 0, minute: 0, second: 0 });
  if (!iso) throw badRequest('日期不正确，请按“2026-01-09”的格式填写。');
  return new Date(Date.parse(iso) + offsetDays * 86_400_000).toISOString();
}

export function showSearch({ store, now }: Deps, req: Request, res: Response) {
  const parsed = searchQuery.safeParse(req.query);
  if (!parsed.success) throw badRequest('搜索条件不正确，请检查后重新搜索。');
  const query = parsed.data;
  if ([...query.q].length > MAX_QUERY) throw badRequest(`搜索词太长，请少于 ${MAX_QUERY} 个字。`);
  const { columns, siteInfo } = siteContext(res);
  const column = query.column ? columns.bySlug.get(query.column) : undefined;
  if (query.column && !column?.isPublic) throw badRequest('没有这个栏目，请重新选择。');
  const titleOnly = query.title === '1';
  const terms = parseQuery(query.q);
  const view = {
    query,
    titleOnly,
    columnOptions: flattenTree(columns.roots).filter(({ node }) => node.isPublic).map(({ node, depth }) => ({ value: node.slug, label: `${'　'.repeat(depth)}${node.name}` })),
    publicColumns: columns.roots.filter((c) => c.isPublic),
    activeSection: '',
    searchQuery: query.q,
    meta: searchMeta(siteInfo, query.q),
  };
  res.set('Cache-Control', 'public, max-age=60, no-transform').set('X-Robots-Tag', 'noindex');
  if (terms.length === 0) return res.render('site/search.njk', { ...view, asked: query.q !== '', total: 0, results: [] });

  const search = {
    tiers: rankTiers(terms, titleOnly),
    columnIds: column ? publicSubtreeIds(column) : undefined,
    from: dayStart(query.from),
    to: dayStart(query.to, 1),
    sort: query.sort === 'date' ? ('date' as const) : ('relevance' as const),
    now: now(),
  };
  const page = query.page ? Number(query.page) : 1;
  if (page < 1 || page > 100_000) throw notFound(`没有第 ${page} 页。`);
  const { total, hits } = store.search.search(search, PER_PAGE, (page - 1) * PER_PAGE);
  const pagination = paginate(total, page, PER_PAGE);
  if (!pagination) throw notFound(`没有第 ${page} 页。`);
  const results = hits.map((hit) => ({
    ...hit,
    titleHtml: highlight(hit.title, terms),
    snippetHtml: highlight(plainText(hit.bodyHtml), terms, 120),
  }));
  const keep = new URLSearchParams(Object.entries({ ...query, page: undefined }).filter((e): e is [string, string] => Boolean(e[1])));
  res.render('site/search.njk', { ...view, asked: true, total, results, pagination, pageQuery: keep.toString() });
}
