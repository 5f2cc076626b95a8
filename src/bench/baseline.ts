// A baseline server for `npm run bench`: sends one fixed buffer (the size of an article page, with the same headers)
// for every request. BASELINE=node is a bare node:http server (N); BASELINE=express a minimal Express 5 app (E).
import http from 'node:http';
import express from 'express';

const size = Number(process.env.BODY_BYTES ?? 11_000);
const body = Buffer.alloc(size, 'a');
const headers = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'public, max-age=60, no-transform',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  ETag: '"baseline"',
};
const port = Number(process.env.PORT ?? 0);

const server = process.env.BASELINE === 'express'
  ? (() => {
      const app = express();
      app.disable('x-powered-by');
      app.disable('etag');
      app.get('/{*path}', (_req, res) => void res.set(headers).send(body));
      return app.listen(port, '127.0.0.1');
    })()
  : http.createServer((_req, res) => {
      res.writeHead(200, { ...headers, 'Content-Length': String(size) });
      res.end(body);
    }).listen(port, '127.0.0.1');

server.on('listening', () => console.log(`listening ${(server.address() as { port: number }).port}`));
