// The editable site settings (footer, contact, filings): one zod schema used on save and on read.
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const optional = <T extends z.ZodType<string>>(schema: T) => z.union([z.literal(''), schema]);

export const siteSettingsSchema = z.object({
  siteName: text(50).min(1, '请填写网站名称'),
  siteDescription: text(200),
  /** 主办单位 */
  sponsor: text(100).min(1, '请填写主办单位'),
  /** 版权所有 */
  copyrightHolder: text(100).min(1, '请填写版权所有单位'),
  /** ICP 备案号 exactly as filed, e.g. 鲁ICP备05008974号 or 鲁ICP备05008974号-1 */
  icpNumber: optional(text(40).regex(/^\p{Script=Han}ICP备\d{6,12}号(?:-\d{1,3})?$/u, '格式应如：鲁ICP备05008974号')),
  /** 公安机关备案号, e.g. 鲁公网安备37040202000123号 */
  policeFilingNumber: optional(text(40).regex(/^\p{Script=Han}公网安备\d{14}号$/u, '格式应如：鲁公网安备37040202000123号')),
  /** 网站标识码, ten characters issued with the government-site registration */
  siteCode: optional(text(20).regex(/^[0-9A-Z]{10}$/, '网站标识码应为 10 位数字或大写字母')),
  /** Address of the 党政机关网站标识 (开办者) verification page; the badge shows only when set */
  conacUrl: optional(text(300).regex(/^https:\/\/(?:[a-z0-9-]+\.)*conac\.cn\/\S*$/, '应为 conac.cn 下的 https 链接')),
  address: text(100),
  postcode: optional(text(6).regex(/^\d{6}$/, '邮政编码应为 6 位数字')),
  phone: optional(text(40).regex(/^[0-9()（）\-－ ,，、]+$/, '电话号码只能包含数字、连字符和括号')),
  fax: optional(text(40).regex(/^[0-9()（）\-－ ,，、]+$/, '传真号码只能包含数字、连字符和括号')),
  reportEmail: optional(text(100).pipe(z.email('请填写有效的电子邮箱'))),
  /** The site as registered in Baidu's search resource platform (搜索资源平台), for its 普通收录 push API. */
  baiduPushSite: optional(text(100).regex(/^https?:\/\/[a-z0-9.-]+(?::\d+)?$/i, '应为在百度搜索资源平台登记的网站地址，如 https://www.zzkx.gov.cn')),
  baiduPushToken: optional(text(64).regex(/^[A-Za-z0-9]{8,64}$/, '准入密钥由字母和数字组成')),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;
export type SettingKey = keyof SiteSettings;
export const settingKeys = Object.keys(siteSettingsSchema.shape) as SettingKey[];

/** What a fresh site shows until the settings are edited. */
export const defaultSettings: SiteSettings = {
  siteName: '网站名称',
  siteDescription: '',
  sponsor: '主办单位',
  copyrightHolder: '主办单位',
  icpNumber: '',
  policeFilingNumber: '',
  siteCode: '',
  conacUrl: '',
  address: '',
  postcode: '',
  phone: '',
  fax: '',
  reportEmail: '',
  baiduPushSite: '',
  baiduPushToken: '',
};

/**
 * Settings as stored (key -> text), validated field by field: a value that fails validation (edited by hand in the
 * database, say) falls back to its default instead of breaking every page.
 */
export function readSettings(stored: Record<string, string>): { settings: SiteSettings; invalid: SettingKey[] } {
  const settings = { ...defaultSettings };
  const invalid: SettingKey[] = [];
  for (const key of settingKeys) {
    if (!(key in stored)) continue;
    const result = siteSettingsSchema.shape[key].safeParse(stored[key]);
    if (result.success) settings[key] = result.data;
    else invalid.push(key);
  }
  return { settings, invalid };
}
