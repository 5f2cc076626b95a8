// The content a fresh site starts with: the association's columns, its footer settings, two editable pages,
// the real sample article and the demo articles in src/sample/articles (all marked 【示例】).
import path from 'node:path';
import { projectRoot } from '../config.js';
import { renderMarkdown } from '../lib/markdown.js';
import type { SiteSettings } from '../lib/site-settings.js';
import type { Store } from '../store/store.js';
import { importPaths, type ImportOutcome } from './import-articles.js';

/** Real content: the page the site was designed from. */
export const sampleArticlesDir = path.join(projectRoot, 'src', 'sample', 'articles');
/** Demo articles written for this project, each marked 【示例】, so that lists have more than one page. */
export const demoArticlesDir = path.join(projectRoot, 'src', 'sample', 'demo');

// From the sample page's footer. Its line "Copyright 2012 THE MAGISTRATE PEOPLE'S COURT OF SHIZHONG" was copied
// from a court's website by mistake; a wrong organisation name fails an inspection, so it is not repeated here.
const SETTINGS: SiteSettings = {
  siteName: '枣庄市科学技术协会',
  siteDescription: '枣庄市科学技术协会门户网站，发布科协工作动态、通知公告、科普知识和学会动态。',
  sponsor: '枣庄市科学技术协会',
  copyrightHolder: '枣庄市科学技术协会',
  icpNumber: '鲁ICP备05008974号',
  policeFilingNumber: '',
  siteCode: '',
  conacUrl: '',
  address: '',
  postcode: '',
  phone: '0632-3321213',
  fax: '0632-3321213',
  reportEmail: 'skxbgs@zz.shandong.cn',
  baiduPushSite: '',
  baiduPushToken: '',
};

const COLUMNS = [
  { slug: 'xwzx', name: '新闻中心', description: '科协新闻、工作动态与通知公告', columnType: '政务动态', children: [
    { slug: 'gzdt', name: '工作动态', description: '市、区（市）科协和所属学会的工作动态', columnType: '政务动态', reviewSteps: ['校对', '审核签发'] },
    { slug: 'tzgg', name: '通知公告', description: '科协发布的通知、公告和公示', columnType: '通知公告' },
  ] },
  { slug: 'kpzs', name: '科普知识', description: '面向公众的科学知识和健康常识', columnType: '科普知识', children: [] },
  { slug: 'xhdt', name: '学会动态', description: '市级学会、协会、研究会的活动信息', columnType: '政务动态', children: [] },
];

const PAGES = [
  {
    slug: 'lxwm',
    title: '联系我们',
    // The phone, fax, address and e-mail come from the site settings (showsContact), so they are kept in one place.
    bodyMd: '工作时间：周一至周五（法定节假日除外）上午 8:30—12:00，下午 13:30—17:30。',
    showsContact: true,
  },
  {
    slug: 'wzsm',
    title: '网站声明',
    bodyMd: [
      '## 版权声明',
      `本网站所刊登的信息，版权归${SETTINGS.copyrightHolder}所有。转载本网站原创内容，请注明来源；注明其他来源的稿件，版权归原作者或原单位所有。`,
      '## 隐私声明',
      '本网站不要求读者注册或登录，不收集读者的个人身份信息；除读者主动选择的阅读偏好外，不在读者的浏览器中保存任何信息。',
      '## 免责声明',
      '本网站提供的外部链接仅为方便读者查阅，其内容由相应网站负责。如发现本网站信息有误，请通过页面底部的联系方式告知我们，我们将及时更正。',
    ].join('\n\n'),
    showsContact: false,
  },
];

/**
 * Fills an empty database with the sample site (with the demo articles unless `demo` is false); returns the import
 * outcomes, or undefined if the database had content.
 */
export function seedSampleContent(store: Store, now: Date, demo = true): ImportOutcome[] | undefined {
  if (store.columns.count() > 0) return undefined;
  store.transaction(() => {
    COLUMNS.forEach(({ children, ...column }, i) => {
      const parentId = store.columns.insert({ ...column, sortOrder: (i + 1) * 10 }, now);
      children.forEach((child, j) => store.columns.insert({ ...child, parentId, sortOrder: (j + 1) * 10 }, now));
    });
    store.settings.setMany(SETTINGS, now);
    PAGES.forEach((page, i) =>
      store.pages.insert({ ...page, bodyHtml: renderMarkdown(page.bodyMd), sortOrder: (i + 1) * 10 }, now),
    );
  });
  return importPaths(store, demo ? [sampleArticlesDir, demoArticlesDir] : [sampleArticlesDir], { now });
}
