// npm run check [-- --links] — runs every content check over all published articles and single pages, stores the
// findings (the admin's 内容检查 shows the same) and prints them by article; --links first visits the external
// links that are due. Exits with 2 when something blocks publishing, so a scheduled run can alert.
import { parseArgs } from 'node:util';
import { checkExternalLinks } from '../content/link-checker.js';
import { scanSite } from '../content/scan.js';
import { FIELD_LABELS, FINDING_KINDS } from '../lib/checks/finding.js';
import { articlePath, pagePath } from '../lib/urls.js';
import { openSite } from '../open-site.js';
import { runCli } from './run.js';

const PAGE = 500;

await runCli(async (config) => {
  const { values } = parseArgs({ options: { links: { type: 'boolean', default: false } } });
  const { db, store } = await openSite(config, () => {});
  try {
    const deps = { store, config, now: () => new Date() };
    const started = performance.now();
    const state = await scanSite(deps);
    if (values.links) {
      const visited = await checkExternalLinks(deps);
      console.log(`Visited ${visited} external links.`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    for (let offset = 0, rows = store.findings.report(null, PAGE, 0); rows.length > 0; offset += PAGE, rows = store.findings.report(null, PAGE, offset)) {
      for (const row of rows) {
        const where = row.type === 'article'
          ? row.publishedAt ? articlePath({ id: row.id, columnSlug: row.columnSlug, publishedAt: row.publishedAt }) : `article ${row.id}`
          : pagePath(row.slug);
        console.log(`\n${row.title}  ${where}`);
        for (const f of row.findings) {
          const place = f.field === 'attachments' ? FIELD_LABELS[f.field] : `${FIELD_LABELS[f.field]} ${f.line}:${f.column}`;
          console.log(`  ${f.blocking ? '阻止发布' : '提示'}  ${place}  ${FINDING_KINDS[f.kind]}：${f.message}  “${f.text}”${f.suggestion ? `  建议：${f.suggestion}` : ''}`);
        }
        for (const l of row.brokenLinks) console.log(`  ${l.status === 'broken' ? '失效' : '无法访问'}  ${l.url}  ${l.detail}`);
      }
    }
    console.log(`\nChecked ${state.articles} articles and ${state.pages} pages in ${seconds} s: ${state.findings} findings, ${state.blocking} blocking publication.`);
    return state.blocking > 0 ? 2 : 0;
  } finally {
    db.close();
  }
});
