// Each public page type in Debian's Chromium at phone and desktop width: no axe (WCAG 2.1 AA) violations, no
// horizontal scrolling, no console errors (a CSP violation would be one), and a screenshot in test-artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { projectRoot } from '../../src/config.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

const SHOTS = path.join(projectRoot, 'test-artifacts', 'screenshots');

const PAGES: [string, string, number][] = [
  ['home', '/', 200],
  ['news-centre', '/xwzx/', 200],
  ['column', '/gzdt/', 200],
  ['column-page-2', '/gzdt/?page=2', 200],
  ['article', '/gzdt/202601/t20260109_1.html', 200],
  ['page', '/wzsm.html', 200],
  ['site-map', '/wzdt.html', 200],
  ['not-found', '/no/such/page', 404],
];
const WIDTHS = [375, 1280];

test('public pages in Chromium', async (t) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const app: TestApp = await startApp(t, { sample: true });
  const browser = await launchBrowser();
  t.after(() => browser.close());

  for (const width of WIDTHS) {
    for (const [name, pathname, status] of PAGES) {
      await t.test(`${name} at ${width}px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          // The 404 page's own status is reported by Chromium as a console error; anything else is a real problem.
          if (message.type() === 'error' && !(status === 404 && /404/.test(message.text()))) problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        const response = await page.goto(app.url + pathname);
        assert.equal(response?.status(), status);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });

        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        assert.deepEqual(
          results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
          [],
        );
        assert.deepEqual(problems, []);
        await context.close();
      });
    }
  }

  await t.test('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const page = await browser.newPage();
    await page.goto(app.url + '/gzdt/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');
    await page.close();
  });

  await t.test('the page jump box works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(app.url + '/gzdt/');
    await page.fill('#jump-page', '2');
    await Promise.all([page.waitForURL(/\/gzdt\/\?page=2$/), page.click('.pagination-jump button')]);
    assert.equal(await page.locator('.pagination .current').textContent(), '第2页');
    await context.close();
  });
});
