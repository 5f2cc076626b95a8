// npm run bench:checks -- [--runs 200]   (DATA_DIR: the site whose dictionary is used and which is scanned)
// Times the content checks: the editor's check of a 10,000-character article (what runs on every pause in typing
// and every save), against rendering the same Markdown (which every save and preview does anyway) measured in the
// same run; then a site-wide scan of every published article in DATA_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run.js';
import { projectRoot } from '../config.js';
import { checkContent, checkContext } from '../content/checks.js';
import { scanSite } from '../content/scan.js';
import { checkText } from '../lib/checks/check-text.js';
import { renderMarkdown } from '../lib/markdown.js';
import { openSite } from '../open-site.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function time(runs: number, fn: () => unknown): number {
  for (let i = 0; i < 10; i++) fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The sample report, repeated to 10,000 characters, with a few errors of every kind and some links. */
function article(): string {
  const sample = fs.readFileSync(path.join(projectRoot, 'src/sample/articles/000_4256c7fb93f06b7a.txt'), 'utf8');
  const paragraphs = sample.split('\n').filter((line) => line.trim().length > 40);
  const extras = ['会议按装了设备,北朝鲜代表出席。', '联系电话13812345678，2026年2月30日截止。', '详见[通知](/tzgg/)和[网站](https://www.cast.org.cn/)。'];
  const out: string[] = [];
  for (let i = 0; out.join('\n\n').length < 10_000; i++) out.push(paragraphs[i % paragraphs.length]! + (i % 5 === 0 ? extras[(i / 5) % 3]! : ''));
  return out.join('\n\n').slice(0, 10_000);
}

await runCli(async (config) => {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
  const runs = Number(values.runs);
  const { db, store } = await openSite(config, () => {});
  try {
    const body = article();
    const ctx = checkContext(store, config, new Date());
    const findings = checkText({ bodyMd: body }, ctx.dictionary).length;
    const render = time(runs, () => renderMarkdown(body));
    const text = time(runs, () => checkText({ title: '标题', bodyMd: body }, ctx.dictionary));
    const all = time(runs, () => checkContent(checkContext(store, config, new Date()), { title: '标题', bodyMd: body, bodyHtml: renderMarkdown(body), source: { kind: 'article', id: undefined } }));
    console.log(`A ${body.length}-character article, ${store.wording.list().length} dictionary rules, ${findings} findings in its text:`);
    console.log(`  rendering its Markdown (baseline)   ${render.toFixed(2)} ms`);
    console.log(`  text checks                         ${text.toFixed(2)} ms  (${(text / render).toFixed(2)} × the render)`);
    console.log(`  every check, as the editor runs it  ${all.toFixed(2)} ms  (${(all / render).toFixed(2)} × the render; includes one render)`);

    const started = performance.now();
    const state = await scanSite({ store, config, now: () => new Date() });
    const seconds = (performance.now() - started) / 1000;
    console.log(`Site-wide scan: ${state.articles} articles and ${state.pages} pages in ${seconds.toFixed(1)} s ` +
      `(${((seconds * 1000) / Math.max(1, state.articles)).toFixed(2)} ms per article), ${state.findings} findings.`);
  } finally {
    db.close();
  }
});
