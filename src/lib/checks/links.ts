// The links, images and downloads of rendered (sanitised) HTML, sorted into the site's own addresses, which are
// checked against its routes and uploads, and external ones, which a background job visits.

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };

/** Every distinct href and src, as the browser reads them. */
export const linksIn = (html: string): string[] =>
  [...new Set([...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&(?:amp|quot|#39|lt|gt);/g, (e) => ENTITIES[e]!)))];

export type LinkTarget = { internal: string } | { external: string } | undefined;

/** A link's target: a path on this site, an external http(s) address (without its #fragment), or nothing to check. */
export function classifyLink(href: string, siteUrl: string): LinkTarget {
  if (href === '' || href.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(href, `${siteUrl}/`);
  } catch {
    return { internal: href }; // not an address at all: broken, like a path the site does not have
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined; // mailto:, tel:
  if (url.origin === new URL(siteUrl).origin) return { internal: url.pathname };
  url.hash = '';
  return { external: url.href };
}
