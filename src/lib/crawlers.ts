/** User agents of crawlers and scripts: their visits are not counted as readers' views. */
export const CRAWLER_UA = /bot|spider|crawl|slurp|baiduspider|curl|wget|python-requests|headless/i;
