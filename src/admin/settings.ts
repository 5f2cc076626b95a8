import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { MAX_PUSH_ATTEMPTS } from '../content/baidu-push.js';
import { readSettings, settingKeys, siteSettingsSchema } from '../lib/site-settings.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { flash } from '../web/session.js';

const pushStatus = ({ store }: Deps) => store.baiduPush.status(MAX_PUSH_ATTEMPTS);

export const showSettings = (deps: Deps, _req: Request, res: Response) =>
  res.render('admin/settings.njk', { values: readSettings(deps.store.settings.getAll()).settings, errors: {}, push: pushStatus(deps) });

export function saveSettings(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  // A field left out of the post counts as emptied, as a browser would send it.
  const parsed = siteSettingsSchema.safeParse(Object.fromEntries(settingKeys.map((key) => [key, req.body?.[key] ?? ''])));
  if (!parsed.success) {
    return res.status(422).render('admin/settings.njk', { values: req.body, errors: fieldErrors(parsed.error), push: pushStatus(deps) });
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
