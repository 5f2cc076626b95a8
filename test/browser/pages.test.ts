// Every page type in Debian's Chromium, at phone and desktop width, in the standard and the elderly-friendly mode:
// no axe (WCAG 2.1 AA) violations, no sideways scrolling, no console errors (a CSP violation would be one), and a
// screenshot in test-artifacts/screenshots/. Then the reading tools, the elderly mode's sizes, keyboard use,
// printing, zoom and the phone navigation.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../src/config.js';
import { createUser, PASSWORD } from '../helpers/admin.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

const SHOTS = path.join(projectRoot, 'test-artifacts', 'screenshots');
const ARTICLE = '/gzdt/202601/t20260109_1.html';

const PAGES: [string, string, number][] = [
  ['home', '/', 200],
  ['news-centre', '/xwzx/', 200],
  ['column', '/gzdt/', 200],
  ['column-page-2', '/gzdt/index_1.html', 200],
  ['article', ARTICLE, 200],
  ['search', `/search?q=${encodeURIComponent('科普')}`, 200],
  ['page', '/wzsm.html', 200],
  ['site-map', '/wzdt.html', 200],
  ['not-found', '/no/such/page', 404],
  ['admin-login', '/admin/login', 200],
  ['admin-editor', '/admin/articles/1/edit', 200],
];

async function context(browser: Browser, app: TestApp, options: { width: number; elder?: boolean; js?: boolean; staff?: boolean }) {
  const ctx = await browser.newContext({
    viewport: { width: options.width, height: 900 }, locale: 'zh-CN', javaScriptEnabled: options.js ?? true,
  });
  if (options.elder) await ctx.addCookies([{ name: 'kx_mode', value: 'elder', url: app.url }]);
  if (options.staff) {
    const page = await ctx.newPage();
    await page.goto(`${app.url}/admin/login`);
    await page.fill('#f-username', 'boss');
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForURL(`${app.url}/admin/`), page.click('button[type="submit"]')]);
    await page.close();
  }
  return ctx;
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('public and admin pages in Chromium', async (t) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'boss', 'admin', '赵管理');
  const browser = await launchBrowser();
  t.after(() => browser.close());

  for (const elder of [false, true]) {
    for (const width of [375, 1280]) {
      const ctx = await context(browser, app, { width, elder, staff: true });
      for (const [name, pathname, status] of PAGES) {
        await t.test(`${name} at ${width}px${elder ? ', 长者模式' : ''}`, async () => {
          const page = await ctx.newPage();
          const problems: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'error' && !(status === 404 && /404/.test(m.text()))) problems.push(m.text());
          });
          page.on('pageerror', (e) => problems.push(e.message));
          const target = name === 'admin-login' ? '/admin/login?next=%2Fadmin%2F' : pathname;
          const response = await page.goto(app.url + target);
          assert.equal(response?.status(), status, name); // (logged in, the login page sends staff on to the admin)
          await page.screenshot({ path: path.join(SHOTS, `${name}-${width}${elder ? '-elder' : ''}.png`), fullPage: true });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
          assert.deepEqual(await axeViolations(page), []);
          assert.deepEqual(problems, []);
          await page.close();
        });
      }
      await ctx.close();
    }
  }
  // The login page itself, as a stranger sees it.
  for (const elder of [false, true]) {
    await t.test(`admin login form${elder ? ', 长者模式' : ''}`, async () => {
      const ctx = await context(browser, app, { width: 375, elder });
      const page = await ctx.newPage();
      await page.goto(`${app.url}/admin/login`);
      await page.screenshot({ path: path.join(SHOTS, `admin-login-form-375${elder ? '-elder' : ''}.png`), fullPage: true });
      assert.deepEqual(await axeViolations(page), []);
      await ctx.close();
    });
  }
});

test('长者模式: switched without JavaScript, remembered, with large text, high contrast and large targets', async (t) => {
  const app = await startApp(t, { sample: true });
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const ctx: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(app.url + ARTICLE);
  await Promise.all([page.waitForURL(app.url + ARTICLE), page.click('text=长者模式')]);
  assert.equal(await page.evaluate(() => document.documentElement.className), 'elder');
  await page.goto(`${app.url}/gzdt/`);
  assert.equal(await page.evaluate(() => document.documentElement.className), 'elder', 'remembered on the next page');
  await page.goto(app.url + ARTICLE);
  const body = await page.evaluate(() => {
    const p = document.querySelector('.article-body p')!;
    const style = getComputedStyle(p);
    return { size: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight), color: style.color };
  });
  assert.ok(body.size >= 24, `body text ${body.size}px (18pt is 24px)`);
  assert.ok(body.lineHeight / body.size >= 1.3, `line height ${body.lineHeight / body.size}`);
  assert.equal(body.color, 'rgb(0, 0, 0)');
  const small = await page.evaluate(() => [...document.querySelectorAll('main a, main button, .site-nav a, .site-tools a, .site-search button')]
    .filter((el) => (el as HTMLElement).offsetParent !== null)
    .map((el) => ({ text: el.textContent!.trim().slice(0, 12), height: el.getBoundingClientRect().height }))
    .filter((target) => target.height < 60));
  assert.deepEqual(small, [], 'every click target at least 60px high');
  const texts = await page.evaluate(() => [...document.querySelectorAll('main *')]
    .filter((el) => el.childNodes.length && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
    .map((el) => parseFloat(getComputedStyle(el).fontSize)).filter((size) => size < 24));
  assert.deepEqual(texts, [], 'no text in the page below 18pt');
  assert.equal(await page.locator('.brand-mark').isVisible(), false, 'decoration is left out');
  await Promise.all([page.waitForURL(app.url + ARTICLE), page.click('text=退出长者模式')]);
  assert.equal(await page.evaluate(() => document.documentElement.className), '');
  const head = await (await app.get(ARTICLE, { headers: { cookie: 'kx_mode=elder' } })).text();
  assert.match(head, /<link rel="canonical" href="https:\/\/kx\.example\.gov\.cn\/gzdt\/202601\/t20260109_1\.html">/, 'one URL in both modes');
  await ctx.close();
});

test('reading tools: font size, printing the article alone, QR code, copying the link, 浏览次数', async (t) => {
  const app = await startApp(t, { sample: true });
  const browser = await launchBrowser();
  t.after(() => browser.close());
  // A reader's browser (headless Chromium says so in its user agent, and such visits are not counted).
  const userAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  const page = await ctx.newPage();
  await page.goto(app.url + ARTICLE);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.article-body p')!).fontSize));
  const medium = await size();
  await Promise.all([page.waitForURL(app.url + ARTICLE), page.click('.size-switch a:has-text("大")')]);
  assert.ok((await size()) > medium);
  await Promise.all([page.waitForURL(app.url + ARTICLE), page.click('.size-switch a:has-text("小")')]);
  assert.ok((await size()) < medium);

  assert.ok(await page.locator('[data-print]').isVisible(), 'the print button appears with JavaScript');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ['.site-header', '.site-footer', '.breadcrumb', '.article-nav', '.share', '.reading-tools', '.article-body']
    .map((selector) => getComputedStyle(document.querySelector(selector)!).display));
  assert.deepEqual(printed.slice(0, 6), ['none', 'none', 'none', 'none', 'none', 'none']);
  assert.notEqual(printed[6], 'none');
  await page.emulateMedia({ media: 'screen' });

  assert.ok(await page.locator('.qr-code svg').isVisible());
  await page.click('[data-copy]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'https://kx.example.gov.cn/gzdt/202601/t20260109_1.html');
  assert.equal(await page.locator('[data-copy]').textContent(), '已复制');

  const views = app.views.pending(1);
  assert.ok(views >= 3, `${views} views counted`);
  app.views.flush();
  await page.reload();
  assert.match(await page.locator('.article-meta').textContent() ?? '', new RegExp(`浏览次数：${views}`));
  await ctx.close();

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(app.url + ARTICLE);
  assert.equal(await plain.locator('[data-print]').isVisible(), false, 'no dead button without JavaScript');
  assert.equal(await plain.inputValue('#share-url'), 'https://kx.example.gov.cn/gzdt/202601/t20260109_1.html');
  await noScript.close();
});

test('keyboard, focus, zoom and the phone navigation', async (t) => {
  const app = await startApp(t, { sample: true });
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.url}/gzdt/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');
  // Every focusable element on the way shows where the focus is.
  await page.goto(`${app.url}/gzdt/`);
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, text: el.textContent?.trim().slice(0, 10), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.ok(focus.outline !== 'none' && focus.width >= 2, `${focus.tag} ${focus.text} has no visible focus`);
  }
  // 200% zoom: the same page in half the width, with nothing cut off.
  const zoomed = await browser.newPage({ viewport: { width: 640, height: 450 } });
  for (const pathname of ['/', '/gzdt/', ARTICLE, `/search?q=${encodeURIComponent('科普')}`]) {
    await zoomed.goto(app.url + pathname);
    assert.ok(await zoomed.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), pathname);
  }
  // On a phone the navigation folds behind a button (and without JavaScript simply stays open).
  const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
  await phone.goto(app.url);
  assert.equal(await phone.locator('#main-nav-list').isVisible(), false);
  await phone.click('[data-nav-toggle]');
  assert.equal(await phone.locator('#main-nav-list').isVisible(), true);
  assert.equal(await phone.getAttribute('[data-nav-toggle]', 'aria-expanded'), 'true');
  const targets = await phone.evaluate(() => [...document.querySelectorAll('main a, .site-nav a, button, .site-footer a')]
    .filter((el) => (el as HTMLElement).offsetParent !== null)
    .map((el) => ({ text: el.textContent!.trim().slice(0, 12), height: el.getBoundingClientRect().height }))
    .filter((target) => target.height < 44));
  assert.deepEqual(targets, [], 'tap targets of at least 44px on a phone');
  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  const plain = await noScript.newPage();
  await plain.goto(app.url);
  assert.equal(await plain.locator('#main-nav-list').isVisible(), true);
  // The page jump box is a plain form.
  await plain.goto(`${app.url}/gzdt/`);
  await plain.fill('#jump-page', '2');
  await Promise.all([plain.waitForURL(`${app.url}/gzdt/index_1.html`), plain.click('.pagination-jump button')]);
  assert.equal(await plain.locator('.pagination .current').textContent(), '第2页');
  await noScript.close();
});
