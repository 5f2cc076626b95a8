import type { Response } from 'express';

/** Public pages change when staff publish: short enough that a correction shows within a minute. */
export const cachePublicPage = (res: Response) => res.set('Cache-Control', 'public, max-age=60');
