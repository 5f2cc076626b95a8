import type { IncomingMessage } from 'node:http';

/** User agents of crawlers and scripts: their visits are not counted as readers' views. */
const CRAWLER_UA = /bot|spider|crawl|slurp|baiduspider|curl|wget|python-requests|headless/i;

/** Whether a request is a reader's view of a page: a GET (not HEAD) from anything but a crawler or script. */
export const isReaderView = (req: IncomingMessage) => req.method === 'GET' && !CRAWLER_UA.test(req.headers['user-agent'] ?? '');
