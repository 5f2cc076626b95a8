// Reading preferences: 长者模式 (the elderly-friendly version) and the article font size (大 / 中 / 小), kept in
// cookies and applied when pages are rendered, so they work without JavaScript and every page keeps one URL.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Deps } from '../web/deps.js';
import { badRequest } from '../web/errors.js';

export const MODE_COOKIE = 'kx_mode';
export const SIZE_COOKIE = 'kx_size';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const prefsQuery = z.object({
  mode: z.enum(['elder', 'standard']).optional(),
  size: z.enum(['s', 'm', 'l']).optional(),
  back: z.string().optional(),
});

/** Only a path on this site (never //host or a scheme), else the home page. */
const localPath = (back: string | undefined) => (back && /^\/(?![/\\])[^\s]*$/.test(back) ? back : '/');

/** GET /prefs?mode=elder&back=/gzdt/ — sets the preference and returns to the page it was chosen on. */
export function setPrefs(_deps: Deps, req: Request, res: Response) {
  const parsed = prefsQuery.safeParse(req.query);
  if (!parsed.success || (!parsed.data.mode && !parsed.data.size)) throw badRequest('无法识别的显示设置。');
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/', maxAge: YEAR_MS };
  if (parsed.data.mode === 'elder') res.cookie(MODE_COOKIE, 'elder', cookie);
  if (parsed.data.mode === 'standard') res.clearCookie(MODE_COOKIE, { ...cookie, maxAge: undefined });
  if (parsed.data.size) res.cookie(SIZE_COOKIE, parsed.data.size, cookie);
  res.set('Cache-Control', 'no-store').redirect(303, localPath(parsed.data.back));
}
