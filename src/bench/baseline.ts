// A baseline server for `npm run bench`: sends one fixed buffer (the size of an article page, with its headers)
// for every request. BASELINE=node is a bare node:http server (N); BASELINE=express a minimal Express 5 app (E).
import http from 'node:http';
import express from 'express';

const size = Number(process.env.BODY_BYTES ?? 11_000);
const body = Buffer.alloc(size, 'a');
// The article page's own headers (security headers included), as npm run bench passes them.
const headers: Record<string, string> = JSON.parse(process.env.HEADERS ?? '{"Content-Type": "text/html; charset=utf-8"}');
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
