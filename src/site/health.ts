import type { Request, Response } from 'express';
import type { Deps } from '../web/deps.js';

/** 200 when the database answers, 503 otherwise: for load balancers and uptime checks. Mounted before page locals. */
export const sendHealth = ({ store }: Deps) => (_req: Request, res: Response) => {
  const healthy = store.isHealthy();
  res.status(healthy ? 200 : 503).set('Cache-Control', 'no-store').json({ status: healthy ? 'ok' : 'unavailable' });
};
