// The server's log: one JSON line per event (pino), written in blocks. Every request gets an id when it arrives;
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
  return pino({ level: config.logLevel, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? stdout());
}

/**
 * Standard output, written in blocks of 4 KB (one write per line would cost a cached page a quarter of its speed),
 * and at least every second; `log.flush()` sends what is waiting at once. When whatever reads the output falls behind
 * by more than 4 MB, lines are dropped rather than held in memory without end.
 */
function stdout(): DestinationStream {
  const stream = pino.destination({ dest: 1, minLength: 4096, maxLength: 4 * 1024 * 1024, sync: false });
  setInterval(() => stream.flush(), 1000).unref();
  return stream;
}

let counter = 0;
const prefix = process.pid.toString(36);
// A proxy's id (nginx: proxy_set_header X-Request-Id $request_id) joins its log to ours; anything else is replaced.
const GIVEN_ID = /^[\w-]{8,64}$/;

/** Whether a connection's address is a proxy whose headers are believed (Express's compiled TRUST_PROXY). */
export type FromProxy = (address: string | undefined) => boolean;

function requestId(req: IncomingMessage, viaProxy: boolean): string {
  const given = req.headers['x-request-id'];
  if (viaProxy && typeof given === 'string' && GIVEN_ID.test(given)) return given;
  return `${prefix}-${(++counter).toString(36)}`;
}

/** Wraps the server's listener: ids every request and writes its access line when the response is done. */
export function logRequests(log: Logger, fromProxy: FromProxy, next: RequestListener): RequestListener {
  if (!log.isLevelEnabled('info')) {
    return (req, res) => {
      req.id = requestId(req, fromProxy(req.socket.remoteAddress));
      next(req, res);
    };
  }
  // The access line is the one written for every request, cache hits included, so it is put together here
  // rather than by pino's general serialiser (a quarter of a cached page's cost): the same JSON, field for field.
  const stream = (log as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym]!;
  const head = `{"level":30,"time":"`;
  const pid = `","pid":${process.pid},"reqId":"`;
  // The time to the millisecond, made once per millisecond however many lines share it.
  let lastMs = 0;
  let lastIso = '';
  const isoNow = () => {
    const ms = Date.now();
    if (ms !== lastMs) [lastMs, lastIso] = [ms, new Date(ms).toISOString()];
    return lastIso;
  };
  return (req, res) => {
    const viaProxy = fromProxy(req.socket.remoteAddress);
    req.id = requestId(req, viaProxy);
    const started = performance.now();
    const url = req.url; // as it came: routers rewrite req.url on the way
    res.once('close', () => {
      // 499, as nginx says: the client went away before the answer was complete.
      const status = res.writableFinished ? res.statusCode : 499;
      const ms = Math.round((performance.now() - started) * 100) / 100;
      const forwarded = viaProxy ? req.headers['x-forwarded-for'] : undefined;
      // The id is ours or checked, the method a token the HTTP parser accepted: only the address needs escaping.
      stream.write(`${head}${isoNow()}${pid}${req.id}","method":"${req.method}","url":${JSON.stringify(url)},` +
        `"status":${status},"ms":${ms},"ip":${JSON.stringify(req.socket.remoteAddress ?? null)}` +
        `${forwarded === undefined ? '' : `,"forwardedFor":${JSON.stringify(forwarded)}`},"msg":"request"}\n`);
    });
    next(req, res);
  };
}
