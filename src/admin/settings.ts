import type { Request, Response } from 'express';
import { readSettings, siteSettingsSchema } from '../lib/site-settings.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { flash } from '../web/session.js';
import { fieldErrors } from './forms.js';

export const showSettings = ({ store }: Deps, _req: Request, res: Response) =>
  res.render('admin/settings.njk', { values: readSettings(store.settings.getAll()).settings, errors: {} });

export function saveSettings(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const parsed = siteSettingsSchema.safeParse(req.body);
  if (!parsed.success) {
    return res.status(422).render('admin/settings.njk', { values: req.body, errors: fieldErrors(parsed.error) });
  }
  const before = readSettings(store.settings.getAll()).settings;
  const changed = (Object.keys(parsed.data) as (keyof typeof parsed.data)[]).filter((key) => parsed.data[key] !== before[key]);
  store.transaction(() => {
    store.settings.setMany(parsed.data, now());
    audit(deps, req, res, 'settings.update', '', changed.join(', '));
  });
  flash(deps, res, changed.length > 0 ? '网站设置已保存，已在网站上生效。' : '没有修改。');
  res.redirect(303, '/admin/settings');
}
