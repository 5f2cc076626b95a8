import type { Db } from '../db/open.js';
import type { EnquirySettingKey } from '../lib/enquiry-settings.js';
import type { SettingKey } from '../lib/site-settings.js';

export function settingStore(db: Db) {
  const all = db.prepare('SELECT key, value FROM settings');
  const upsert = db.prepare(`
    INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return {
    /** Stored values by key; validation happens in lib/site-settings.ts. */
    getAll: () =>
      Object.fromEntries((all.all() as { key: string; value: string }[]).map(({ key, value }) => [key, value])),
    setMany: (values: Partial<Record<SettingKey | EnquirySettingKey, string>>, now: Date) =>
      db.transaction(() => {
        for (const [key, value] of Object.entries(values)) upsert.run(key, value, now.toISOString());
      })(),
  };
}
