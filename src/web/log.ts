// The server's log: one JSON line per event (pino), written asynchronously. Every request gets an id when it arrives;
// its access line (method, address, status, duration) and any error it causes carry that id, and stacks go only here,
// never into a page.
import type { IncomingMessage, RequestListener } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { Logger };

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by `logRequests` as the request arrives. */
    id: string;
  }
}

/** The log for `config` (LOG_LEVEL), to standard output unless a destination is given (tests read their lines). */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    { level: config.logLevel, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    // Asynchronous: a line is written at once, and lines that come while a write is under way go out together.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

let counter = 0;
const prefix = process.pid.toString(36);
// A proxy's id (nginx: proxy_set_header X-Request-Id $request_id) joins its log to ours; anything else is replaced.
const GIVEN_ID = /^[\w-]{8,64}$/;

function requestId(req: IncomingMessage, trustProxy: boolean): string {
  const given = req.headers['x-request-id'];
  if (trustProxy && typeof given === 'string' && GIVEN_ID.test(given)) return given;
  return `${prefix}-${(++counter).toString(36)}`;
}

/** Wraps the server's listener: ids every request and writes its access line when the response is done. */
export function logRequests(log: Logger, trustProxy: boolean, next: RequestListener): RequestListener {
  const access = log.isLevelEnabled('info');
  return (req, res) => {
    req.id = requestId(req, trustProxy);
    if (access) {
      const started = performance.now();
      const url = req.url; // as it came: routers rewrite req.url on the way
      res.once('close', () => log.info({
        reqId: req.id,
        method: req.method,
        url,
        // 499, as nginx says: the client went away before the answer was complete.
        status: res.writableFinished ? res.statusCode : 499,
        ms: Math.round((performance.now() - started) * 100) / 100,
        ip: req.socket.remoteAddress,
        forwardedFor: trustProxy ? req.headers['x-forwarded-for'] : undefined,
      }, 'request'));
    }
    next(req, res);
  };
}
