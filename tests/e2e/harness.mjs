// Shared set-up for the end-to-end tests: real Chromium driven by playwright-core against the
// release build that `cargo xtask test` serves. Environment (set by xtask):
//   LEDE_URL    the served app, e.g. http://127.0.0.1:8123/
//   LEDE_TOOLS  the folder holding node_modules (playwright-core, axe-core)
//   CHROMIUM    the browser binary (default /usr/bin/chromium)
//   LEDE_SHOTS  where screenshots go (default target/screenshots)
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const tools = process.env.LEDE_TOOLS ?? path.resolve('.tools/node_modules');
const require = createRequire(path.join(tools, 'noop.js'));
const { chromium } = require('playwright-core');

export const BASE_URL = process.env.LEDE_URL ?? 'http://127.0.0.1:8080/';
export const SHOTS = process.env.LEDE_SHOTS ?? path.resolve('target/screenshots');
mkdirSync(SHOTS, { recursive: true });

export const DESKTOP = { width: 1440, height: 960 };
export const PHONE = { width: 390, height: 844 };

/** Launch headless Chromium with the flags this machine's closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Open the app in a fresh context and page. Console errors and page errors are collected in
 * `page.lede.errors` so a test can assert that none happened.
 */
export async function openApp(browser, { viewport = DESKTOP, url = BASE_URL } = {}) {
  return openAppIn(await browser.newContext({ viewport }), { url });
}

/** Put text into the article box as a reader's typing or paste would. */
export async function enterText(page, text) {
  await page.getByLabel('Article text').fill(text);
}

/** The axe-core source, to inject into a page for an accessibility audit. */
export function axeSource() {
  return readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Open the app in a page of an existing context (one that has permissions or request
 * recording set up), collecting console and page errors like `openApp`.
 */
export async function openAppIn(context, { url = BASE_URL } = {}) {
  const page = await context.newPage();
  page.lede = { errors: [] };
  page.on('pageerror', (e) => page.lede.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.lede.errors.push(m.text()); });
  await page.goto(url);
  await page.getByLabel('Article text').waitFor();
  return page;
}
