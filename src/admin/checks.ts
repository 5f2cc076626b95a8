// The content checks in the admin: the findings of a text being written (shown in the editor, and refreshed while
// typing), one-click masks for personal data, the report of the last site-wide scan, and the buttons that start a
// scan or a round of external link checks in the background.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { checkContent, checkContext, type Checked, type LinkSource } from '../content/checks.js';
import { checkLinksNow } from '../content/link-checker.js';
import { isScanning, scanSite } from '../content/scan.js';
import type { CheckedText } from '../lib/checks/check-text.js';
import { FINDING_KINDS, TEXT_FIELDS, type Finding, type FindingKind } from '../lib/checks/finding.js';
import { applyMasks, findPersonalData } from '../lib/checks/personal-data.js';
import { proseOf } from '../lib/checks/prose.js';
import { renderMarkdown } from '../lib/markdown.js';
import type { Target } from '../store/findings.js';
import { paginate } from '../lib/pagination.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { flash } from '../web/session.js';

type Draft = CheckedText & { coverImage?: string | undefined };

/** Every check of an article or page as written in the form (perhaps not saved): what the editor shows. */
export function checkDraft({ store, config, now }: Deps, draft: Draft, source: LinkSource): Checked {
  return checkContent(checkContext(store, config, now()), { ...draft, bodyHtml: renderMarkdown(draft.bodyMd ?? ''), source });
}

/** No field is checked beyond the length an article may have (a bigger post is cut, not refused: it is only a check). */
const MAX_CHECKED = 200_000;

/** The text fields and the cover image of a posted form, as the checks read them. */
export const draftOf = (values: Record<string, unknown>): Draft => ({
  ...Object.fromEntries(TEXT_FIELDS.map((field) =>
    [field, typeof values[field] === 'string' ? String(values[field]).slice(0, MAX_CHECKED).replace(/\r\n?/g, '\n') : ''])),
  coverImage: typeof values.coverImage === 'string' ? values.coverImage : '',
});

/**
 * Checks the saved article or page and keeps what was found, for the dashboard and the report; returns it. It runs
 * after the save: a failure here is logged (the next scan checks the text again) and never undoes or fails the save.
 */
export function recordChecks(deps: Deps, target: Target, draft: Draft, bodyHtml: string): Finding[] {
  const source: LinkSource = target.type === 'article' ? { kind: 'article', id: target.id } : { kind: 'page' };
  try {
    const { findings, externalUrls } = checkContent(checkContext(deps.store, deps.config, deps.now()), { ...draft, bodyHtml, source });
    deps.store.findings.replace(target, findings, externalUrls, deps.now());
    return findings;
  } catch (err) {
    deps.log.error({ err, target }, 'checking saved content failed');
    return [];
  }
}

/**
 * The form's text with personal data masked: `which` is 'all' or one finding as field:start. Returns undefined
 * when there was nothing (any more) to mask there.
 */
export function maskValues(values: Record<string, unknown>, which: string): Record<string, unknown> | undefined {
  const text = draftOf(values);
  let changed = false;
  const masked: Record<string, unknown> = { ...values };
  for (const field of TEXT_FIELDS) {
    const hits = findPersonalData(proseOf(text[field] ?? '')).filter((h) => which === 'all' || which === `${field}:${h.start}`);
    if (hits.length === 0) continue;
    masked[field] = applyMasks(text[field]!, hits);
    changed = true;
  }
  return changed ? masked : undefined;
}

const liveForm = z.object({ articleId: z.string().regex(/^[1-9]\d{0,14}$/).transform(Number).optional().catch(undefined) });

/** The findings panel for the text posted by the editor's script while the writer types (an HTML fragment). */
export function showDraftFindings(deps: Deps, req: Request, res: Response) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const { articleId } = liveForm.parse(body);
  const { findings } = checkDraft(deps, draftOf(body), { kind: 'article', id: articleId });
  res.render('admin/_findings.njk', { findings, maskForm: 'article-form', blocks: true });
}

const reportQuery = z.object({
  kind: z.enum(Object.keys(FINDING_KINDS) as [FindingKind, ...FindingKind[]]).optional().catch(undefined),
  page: z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).optional().catch(undefined),
});

const PER_PAGE = 50;

export function showChecks({ store }: Deps, req: Request, res: Response) {
  const query = reportQuery.parse(req.query);
  const kind = query.kind ?? null;
  const pagination = paginate(store.findings.countReported(kind), query.page ?? 1, PER_PAGE);
  if (!pagination) throw notFound(`没有第 ${query.page} 页。`);
  res.render('admin/checks.njk', {
    scan: store.findings.scanState(),
    scanning: isScanning(),
    links: store.findings.linkCounts(),
    rows: store.findings.report(kind, pagination.limit, pagination.offset),
    pagination,
    query,
    pageQuery: kind ? `kind=${kind}` : '',
    kinds: Object.entries(FINDING_KINDS).map(([value, label]) => ({ value, label })),
  });
}

/** Starts a site-wide scan in the background (or leaves the one running alone). */
export function startScan(deps: Deps, req: Request, res: Response) {
  const already = isScanning();
  if (!already) {
    audit(deps, req, res, 'checks.scan', '', '');
    scanSite(deps).catch((err: unknown) => deps.log.error({ err }, 'content scan failed'));
  }
  flash(deps, res, already ? '全站检查正在进行中。' : '全站检查已开始，完成后结果显示在本页（刷新查看进度）。');
  res.redirect(303, '/admin/checks');
}

/** Visits the external links that are due now, in the background. */
export function startLinkCheck(deps: Deps, req: Request, res: Response) {
  audit(deps, req, res, 'checks.links', '', '');
  checkLinksNow(deps).catch((err: unknown) => deps.log.error({ err }, 'external link check failed'));
  flash(deps, res, '外部链接检查已开始：每个网站的链接间隔访问，需要一些时间，结果显示在本页。');
  res.redirect(303, '/admin/checks');
}
