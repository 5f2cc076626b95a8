// Static files from public/, served under content-fingerprinted names (/assets/css/site.1a2b3c4d5e.css)
// with a year-long immutable cache: a changed file gets a new name, so readers never see a stale stylesheet.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { notFound } from './errors.js';

const FINGERPRINTED = /^(.+)\.([0-9a-f]{10})(\.[a-z0-9]+)$/;

export type Assets = {
  /** The fingerprinted URL of a file under public/, e.g. url('css/site.css'). Throws for a missing file. */
  url: (file: string) => string;
  /** Serves /assets/<file with fingerprint>; an outdated fingerprint still gets the current file, briefly cached. */
  serve: RequestHandler;
  /** Serves a file under public/ at its plain name (favicon.ico, which browsers ask for at the root). */
  serveRoot: (file: string) => RequestHandler;
  /** Every file under public/ (for a static copy of the site). */
  files: () => string[];
};

export function loadAssets(publicDir: string): Assets {
  const hashes = new Map<string, string>();
  for (const file of fs.readdirSync(publicDir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(publicDir, file);
    if (!fs.statSync(full).isFile()) continue;
    hashes.set(file.split(path.sep).join('/'), createHash('sha256').update(fs.readFileSync(full)).digest('hex').slice(0, 10));
  }
  const send = (file: string, cacheControl: string): RequestHandler => (_req, res, next) =>
    res.sendFile(file, { root: publicDir, dotfiles: 'deny', headers: { 'Cache-Control': cacheControl }, cacheControl: false }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  return {
    url(file) {
      const hash = hashes.get(file);
      if (!hash) throw new Error(`No asset public/${file}`);
      const ext = path.extname(file);
      return `/assets/${file.slice(0, -ext.length)}.${hash}${ext}`;
    },
    serve(req, res, next) {
      const match = FINGERPRINTED.exec(req.path.replace(/^\//, ''));
      const file = match ? `${match[1]}${match[3]}` : undefined;
      if (!file || !hashes.has(file)) throw notFound();
      const current = hashes.get(file) === match![2];
      send(file, current ? 'public, max-age=31536000, immutable' : 'public, max-age=300')(req, res, next);
    },
    files: () => [...hashes.keys()],
    serveRoot: (file) => {
      if (!hashes.has(file)) throw new Error(`No asset public/${file}`);
      return send(file, 'public, max-age=86400');
    },
  };
}
