// Offline: after one visit, the service worker serves the app shell, so a reload with the
// network gone still opens the app and analyses a paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openAppIn, enterText, BASE_URL, DESKTOP } from './harness.mjs';

test('a page visited once reloads and works offline', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await openAppIn(context);
    // The worker is installed (its shell cached) and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
      }
    });
    const cached = await page.evaluate(async () => {
      const keys = [];
      for (const name of await caches.keys()) {
        for (const r of await (await caches.open(name)).keys()) keys.push(new URL(r.url).pathname);
      }
      return keys;
    });
    assert.ok(cached.some((p) => p.endsWith('.wasm')), `the wasm is cached: ${cached}`);
    assert.ok(cached.some((p) => p.endsWith('.js')), `the JS glue is cached: ${cached}`);
    assert.ok(cached.some((p) => p.endsWith('.css')), `the CSS is cached: ${cached}`);

    await context.setOffline(true);
    // The network really is gone, for the page and for its worker.
    const reached = await page.evaluate(async (url) => {
      try {
        await fetch(new URL(`not-cached-${Date.now()}.txt`, url), { cache: 'no-store' });
        return true;
      } catch {
        return false;
      }
    }, BASE_URL);
    assert.equal(reached, false, 'a file the worker has not cached cannot be fetched');
    // That failed fetch is the only console error allowed.
    assert.ok(page.lede.errors.every((e) => e.includes('net::ERR_FAILED')), String(page.lede.errors));
    page.lede.errors.length = 0;

    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
    await page.getByLabel('Article text').waitFor();
    await enterText(page, 'Ferry Resumes\n\nThe ferry resumed service on Friday, the operator said.\n\n"We are back," a spokesperson said.');
    await page.locator('.article-head h1').filter({ hasText: 'Ferry Resumes' }).waitFor();
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});
