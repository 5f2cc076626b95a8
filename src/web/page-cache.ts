// Finished public pages (HTML, search results, feeds, sitemaps) kept in memory with their gzip and brotli forms, and answered by the
// HTTP server's own request listener before a request reaches Express: no routing, rendering, compression or SQL
// beyond one cheap check that the content has not changed (the content key, which every process sharing the
// database sees move). Bounded by bytes, least recently used first out.
import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { isReaderView } from '../lib/crawlers.js';
import { MODE_COOKIE, SIZE_COOKIE } from '../site/prefs.js';
import type { ViewCounter } from '../content/view-counter.js';

type Head = Record<string, string>;

type Entry = {
  /** identity, gzip, br */
  bodies: [Buffer, Buffer, Buffer];
  /** The complete headers of a 200 in each encoding, and of a 304: made once, sent as they are. */
  heads: [Head, Head, Head];
  notModified: Head;
  etag: string;
  lastModified: number;
  bytes: number;
  /** The article shown, whose views a hit still counts. */
  articleId: number | undefined;
  /** Article pages show their view count: they are made again after a while (see ARTICLE_TTL_MS). */
  expiresAt: number;
};

/** How long an article page is kept at most: its 浏览次数 then shows views counted by other processes too. */
const ARTICLE_TTL_MS = 5 * 60 * 1000;

export type PageCache = {
  /** The server's request listener: a cached page is answered here, anything else goes on to `next` (Express). */
  listener: (next: RequestListener) => RequestListener;
  /** Express middleware keeping what public routes send, and sending it compressed. */
  keep: (req: Request, res: Response, next: NextFunction) => void;
  stats: () => { entries: number; bytes: number; hits: number; misses: number };
};

// Search result pages too: popular queries repeat, and the memory bound keeps rare ones from crowding the cache.
const CACHEABLE_PATH = /^\/(?!admin(?:\/|$)|uploads\/|assets\/|prefs|healthz)/;

/** The part of a request that decides its page: address and the reader's display preferences (cookies). */
const ELDER_MODE = new RegExp(`(?:^|;\\s*)${MODE_COOKIE}=elder(?:;|$)`);
const FONT_SIZE = new RegExp(`(?:^|;\\s*)${SIZE_COOKIE}=([slm])(?:;|$)`);

function keyOf(url: string, cookie: string | undefined): string {
  const mode = ELDER_MODE.test(cookie ?? '') ? 'elder' : '';
  const size = FONT_SIZE.exec(cookie ?? '')?.[1] ?? 'm';
  return `${url}\u0000${mode}\u0000${size}`;
}

/** br, then gzip, then the plain body, as the client accepts. */
function encodingFor(accept: string | undefined): 0 | 1 | 2 {
  if (!accept) return 0;
  if (/\bbr\b/.test(accept)) return 2;
  if (/\bgzip\b/.test(accept)) return 1;
  return 0;
}

const ENCODINGS = [undefined, 'gzip', 'br'] as const;

function send(req: IncomingMessage, res: ServerResponse, entry: Entry) {
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const fresh = ifNoneMatch
    ? ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === entry.etag || tag === `W/${entry.etag}` || tag === '*')
    : ifModifiedSince !== undefined && entry.lastModified > 0 && Date.parse(ifModifiedSince) >= entry.lastModified;
  if (fresh) {
    res.writeHead(304, entry.notModified);
    return void res.end();
  }
  const encoding = encodingFor(req.headers['accept-encoding']);
  res.writeHead(200, entry.heads[encoding]);
  res.end(req.method === 'HEAD' ? undefined : entry.bodies[encoding]);
}

export function pageCache(options: { maxBytes: number; contentKey: () => string; views: ViewCounter }): PageCache {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let generation = '';
  let hits = 0;
  let misses = 0;

  const drop = (key: string, entry: Entry) => {
    entries.delete(key);
    bytes -= entry.bytes;
  };

  /**
   * Empties the cache when the content has changed since its pages were made; undefined when the content key
   * cannot be read (a broken database), in which case nothing is answered from or kept in the cache.
   */
  const current = (): string | undefined => {
    let key: string;
    try {
      key = options.contentKey();
    } catch {
      return undefined; // Express answers instead, and reports the failure with a proper error page
    }
    if (key !== generation) {
      entries.clear();
      bytes = 0;
      generation = key;
    }
    return key;
  };

  // A page showing a view count that was just written is made again on its next visit.
  options.views.onFlush((ids) => {
    const flushed = new Set(ids);
    for (const [key, entry] of entries) if (entry.articleId !== undefined && flushed.has(entry.articleId)) drop(key, entry);
  });

  const countView = (req: IncomingMessage, entry: Entry) => {
    if (entry.articleId !== undefined && isReaderView(req)) {
      options.views.record(entry.articleId);
    }
  };

  return {
    listener: (next) => (req, res) => {
      if (options.maxBytes > 0 && (req.method === 'GET' || req.method === 'HEAD') && CACHEABLE_PATH.test(req.url ?? '') && current() !== undefined) {
        const key = keyOf(req.url!, req.headers.cookie);
        let entry = entries.get(key);
        if (entry && entry.expiresAt <= Date.now()) {
          drop(key, entry);
          entry = undefined;
        }
        if (entry) {
          hits++;
          entries.delete(key); // most recently used goes last
          entries.set(key, entry);
          countView(req, entry);
          return send(req, res, entry);
        }
        misses++;
      }
      next(req, res);
    },

    keep: (req, res, next) => {
      if (options.maxBytes <= 0 || (req.method !== 'GET' && req.method !== 'HEAD') || !CACHEABLE_PATH.test(req.originalUrl)) return next();
      const generationAtStart = current();
      if (generationAtStart === undefined) return next();
      const original = res.send.bind(res);
      res.send = (body?: unknown) => {
        const cacheable = res.statusCode === 200 && /^public\b/.test(String(res.getHeader('Cache-Control') ?? '')) &&
          !res.getHeader('Set-Cookie') && (typeof body === 'string' || Buffer.isBuffer(body));
        if (!cacheable) return original(body);
        const identity = Buffer.isBuffer(body) ? body : Buffer.from(body as string);
        if (!res.getHeader('Content-Type')) res.type('html');
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value !== undefined && !/^(content-length|etag|content-encoding)$/i.test(name)) headers[name] = String(value);
        }
        headers.vary = 'Accept-Encoding, Cookie';
        const bodies: Entry['bodies'] = [
          identity,
          zlib.gzipSync(identity, { level: 9 }),
          // Quality 6: 2 % larger than 9 on an article page but four times quicker, and a 1.4 MB sitemap needs 6 MB
          // of working memory instead of 34 MB.
          zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
        ];
        headers.ETag = `"${createHash('sha1').update(identity).digest('base64url')}"`;
        const head = (body: Buffer, encoding: string | undefined): Head =>
          ({ ...headers, 'Content-Length': String(body.length), ...(encoding ? { 'Content-Encoding': encoding } : {}) });
        const entry: Entry = {
          bodies,
          heads: [head(bodies[0], undefined), head(bodies[1], ENCODINGS[1]), head(bodies[2], ENCODINGS[2])],
          notModified: headers,
          etag: headers.ETag,
          lastModified: Date.parse(String(res.getHeader('Last-Modified') ?? '')) || 0,
          bytes: 0,
          articleId: typeof res.locals.articleId === 'number' ? res.locals.articleId : undefined,
          expiresAt: typeof res.locals.articleId === 'number' ? Date.now() + ARTICLE_TTL_MS : Infinity,
        };
        entry.bytes = entry.bodies.reduce((sum, b) => sum + b.length, 0) + 2048;
        // Kept only if the content did not change while it was being made.
        if (entry.bytes <= options.maxBytes / 4 && current() === generationAtStart) {
          const key = keyOf(req.originalUrl, req.headers.cookie);
          const old = entries.get(key);
          if (old) drop(key, old);
          entries.set(key, entry);
          bytes += entry.bytes;
          for (const [oldest, dropped] of entries) {
            if (bytes <= options.maxBytes) break;
            drop(oldest, dropped);
          }
        }
        send(req, res, entry);
        return res;
      };
      next();
    },

    stats: () => ({ entries: entries.size, bytes, hits, misses }),
  };
}
