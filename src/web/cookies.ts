import type { CookieOptions, Request, Response } from 'express';

/** The value of one cookie from the request, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined; // a malformed cookie is treated as absent
      }
    }
  }
  return undefined;
}

/**
 * Admin cookies: never readable by scripts, not sent on cross-site posts, Secure whenever the request came over
 * HTTPS. Site-wide, because staff also open uploads of articles not yet public (a draft's images in its preview).
 */
export const adminCookie = (req: Request, extra: CookieOptions = {}): CookieOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure: req.secure,
  path: '/',
  ...extra,
});

export const clearAdminCookie = (req: Request, res: Response, name: string) => res.clearCookie(name, adminCookie(req));
