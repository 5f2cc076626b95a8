// Article Markdown -> safe HTML. marked does not sanitise, so every body goes through an allow-list after it.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false });

export type ImageSize = { width: number; height: number };
/** Looks up the size of an image by its src (our uploads know theirs), so pages do not jump while images load. */
export type ImageSizes = (src: string) => ImageSize | undefined;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'b', 'i', 'u', 's', 'del', 'sup', 'sub',
    'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption', 'hr', 'code', 'pre',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // The article title is the page's only h1.
  transformTags: { h1: 'h2' },
};

/** Renders article Markdown to sanitised HTML, ready to store as body_html. */
export function renderMarkdown(markdown: string, imageSizes?: ImageSizes): string {
  const html = marked.parse(markdown, { async: false });
  if (!imageSizes) return sanitizeHtml(html, SANITIZE);
  return sanitizeHtml(html, {
    ...SANITIZE,
    transformTags: {
      ...SANITIZE.transformTags,
      img: (tagName, attribs) => {
        const size = attribs.src ? imageSizes(attribs.src) : undefined;
        return { tagName, attribs: size ? { ...attribs, width: String(size.width), height: String(size.height) } : attribs };
      },
    },
  });
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Plain text of HTML this module produced (sanitised, so every '<' in text is escaped and tags are simple):
 * tags become spaces, the entities the sanitiser writes are decoded, whitespace collapses. Cheap enough for
 * search snippets of every result.
 */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text of sanitised HTML, cut to `max` characters with an ellipsis. */
export function summaryFromHtml(html: string, max = 120): string {
  const text = plainText(html);
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('').trimEnd()}…`;
}
