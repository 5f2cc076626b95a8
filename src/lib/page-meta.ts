// What each page tells search engines and sharing tools in its <head>: title, description, canonical URL, Open Graph,
// the Chinese government-site metadata (SiteName, ColumnName, ArticleTitle…), and JSON-LD structured data.
import { formatDateTime, isoBeijing } from './dates.js';
import type { SiteSettings } from './site-settings.js';
import { articlePath, columnFeedPath, columnPagePath, columnPath, pagePath } from './urls.js';

export type SiteInfo = {
  settings: SiteSettings;
  /** Public base URL without a trailing slash. */
  siteUrl: string;
  /** Path of the square logo image used for sharing and as the publisher's logo. */
  logo: string;
};

export type Crumb = { name: string; path: string };

export type PageMeta = {
  title: string;
  /** The page's own name, for og:title. */
  heading: string;
  description: string;
  /** Absolute canonical URL; null for pages that have none (errors). */
  canonical: string | null;
  ogType: 'website' | 'article';
  image: string;
  noindex: boolean;
  /** <meta name=… content=…> pairs read by government-site inspection tools. */
  govTags: [string, string][];
  jsonLd: object[];
  /** RSS feeds besides the whole site's: a column's own. */
  feeds: { title: string; path: string }[];
  articleTimes?: { published: string; modified: string };
};

const abs = (site: SiteInfo, path: string) => (/^https?:\/\//.test(path) ? path : `${site.siteUrl}${path}`);

function base(site: SiteInfo, heading: string, description: string, path: string | null): PageMeta {
  const { settings } = site;
  return {
    title: heading === settings.siteName ? heading : `${heading} - ${settings.siteName}`,
    heading,
    description: description || settings.siteDescription || settings.siteName,
    canonical: path === null ? null : abs(site, path),
    ogType: 'website',
    image: abs(site, site.logo),
    noindex: false,
    govTags: [
      ['SiteName', settings.siteName],
      ['SiteDomain', new URL(site.siteUrl).host],
      ...(settings.siteCode ? [['SiteIDCode', settings.siteCode] as [string, string]] : []),
    ],
    jsonLd: [],
    feeds: [],
  };
}

function breadcrumbList(site: SiteInfo, crumbs: Crumb[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [{ name: '首页', path: '/' }, ...crumbs].map((crumb, i) => ({
      '@type': 'ListItem', position: i + 1, name: crumb.name, item: abs(site, crumb.path),
    })),
  };
}

const organization = (site: SiteInfo) => ({
  '@type': 'Organization',
  name: site.settings.sponsor,
  url: `${site.siteUrl}/`,
  logo: { '@type': 'ImageObject', url: abs(site, site.logo) },
});

export function homeMeta(site: SiteInfo): PageMeta {
  const meta = base(site, site.settings.siteName, site.settings.siteDescription, '/');
  const { settings } = site;
  meta.jsonLd = [
    { '@context': 'https://schema.org', '@type': 'WebSite', name: settings.siteName, url: `${site.siteUrl}/`, inLanguage: 'zh-CN' },
    {
      '@context': 'https://schema.org',
      ...organization(site),
      ...(settings.phone ? { telephone: settings.phone } : {}),
      ...(settings.fax ? { faxNumber: settings.fax } : {}),
      ...(settings.reportEmail ? { email: settings.reportEmail } : {}),
      ...(settings.address ? { address: { '@type': 'PostalAddress', streetAddress: settings.address, addressCountry: 'CN', ...(settings.postcode ? { postalCode: settings.postcode } : {}) } } : {}),
    },
  ];
  return meta;
}

type ColumnInfo = { name: string; slug: string; description: string; columnType: string };

const columnFeed = (site: SiteInfo, column: ColumnInfo) => ({ title: `${column.name} - ${site.settings.siteName}`, path: columnFeedPath(column.slug) });

const columnCrumbs = (trail: ColumnInfo[]): Crumb[] => trail.map((c) => ({ name: c.name, path: columnPath(c.slug) }));

export function columnMeta(site: SiteInfo, trail: ColumnInfo[], page: number): PageMeta {
  const column = trail.at(-1)!;
  const pageNote = page > 1 ? `（第${page}页）` : '';
  const description = `${column.description || `${site.settings.siteName}${column.name}栏目`}${pageNote}`;
  const meta = base(site, `${column.name}${pageNote}`, description, columnPagePath(column.slug, page));
  meta.govTags.push(['ColumnName', column.name], ['ColumnType', column.columnType]);
  if (column.description) meta.govTags.push(['ColumnDescription', column.description]);
  meta.feeds = [columnFeed(site, column)];
  meta.jsonLd = [breadcrumbList(site, columnCrumbs(trail))];
  return meta;
}

type ArticleInfo = {
  id: number; title: string; summary: string; source: string; author: string; coverImage: string;
  publishedAt: string; updatedAt: string; columnSlug: string;
};

export function articleMeta(site: SiteInfo, article: ArticleInfo, trail: ColumnInfo[]): PageMeta {
  const path = articlePath(article);
  const meta = base(site, article.title, article.summary || article.title, path);
  const published = isoBeijing(article.publishedAt);
  // An article imported or edited before it was published was modified, for readers, when it was published.
  const modified = isoBeijing(article.updatedAt > article.publishedAt ? article.updatedAt : article.publishedAt);
  const image = abs(site, article.coverImage || site.logo);
  const column = trail.at(-1)!;
  meta.ogType = 'article';
  meta.feeds = [columnFeed(site, column)];
  meta.image = image;
  meta.articleTimes = { published, modified };
  meta.govTags.push(
    ['ColumnName', column.name],
    ['ColumnType', column.columnType],
    ['ArticleTitle', article.title],
    ['PubDate', formatDateTime(article.publishedAt)],
    ['ContentSource', article.source || site.settings.sponsor],
    ...(article.author ? [['Author', article.author] as [string, string]] : []),
    ['Description', meta.description],
    ['Url', abs(site, path)],
  );
  meta.jsonLd = [
    {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.title,
      description: meta.description,
      datePublished: published,
      dateModified: modified,
      image: [image],
      author: article.author
        ? { '@type': 'Person', name: article.author }
        : { '@type': 'Organization', name: article.source || site.settings.sponsor },
      publisher: organization(site),
      articleSection: column.name,
      inLanguage: 'zh-CN',
      mainEntityOfPage: { '@type': 'WebPage', '@id': abs(site, path) },
    },
    breadcrumbList(site, [...columnCrumbs(trail), { name: article.title, path }]),
    // Baidu reads publish and update times from its own (熊掌号 / cambrian) structured data, in Beijing time.
    {
      '@context': 'https://ziyuan.baidu.com/contexts/cambrian.jsonld',
      '@id': abs(site, path),
      title: article.title,
      images: [image],
      description: meta.description,
      pubDate: published.slice(0, 19),
      upDate: modified.slice(0, 19),
    },
  ];
  return meta;
}

export function singlePageMeta(site: SiteInfo, page: { slug: string; title: string; summary: string }): PageMeta {
  const meta = base(site, page.title, page.summary || `${site.settings.siteName}${page.title}`, pagePath(page.slug));
  meta.jsonLd = [breadcrumbList(site, [{ name: page.title, path: pagePath(page.slug) }])];
  return meta;
}

export function siteMapMeta(site: SiteInfo): PageMeta {
  const meta = base(site, '网站地图', `${site.settings.siteName}网站地图：全部栏目和页面`, '/wzdt.html');
  meta.jsonLd = [breadcrumbList(site, [{ name: '网站地图', path: '/wzdt.html' }])];
  return meta;
}

/** 咨询留言 pages: the list and each published answer are indexed; the forms and receipts are not. */
export function enquiryMeta(site: SiteInfo, heading: string, path: string | null, description = ''): PageMeta {
  const meta = base(site, heading, description || `${site.settings.siteName}${heading}`, path);
  if (path === null) return { ...meta, noindex: true };
  meta.jsonLd = [breadcrumbList(site, [{ name: '咨询留言', path: '/zxly/' }, ...(path === '/zxly/' ? [] : [{ name: heading, path }])])];
  return meta;
}

/** Search results are for readers, not for indexing (robots.txt also keeps crawlers out). */
export function searchMeta(site: SiteInfo, query: string): PageMeta {
  const heading = query ? `搜索：${query}` : '站内搜索';
  return { ...base(site, heading, `${site.settings.siteName}站内搜索`, null), noindex: true };
}

export function errorMeta(site: SiteInfo, heading: string): PageMeta {
  return { ...base(site, heading, '', null), noindex: true };
}
