// Share links and exports in the release build: a link carries the article and the view to a
// fresh browser, byte for byte; a damaged link says so and the app still works; exports
// download the Markdown and the CLI's JSON; and from load to share the page asks nothing of
// any origin but its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openAppIn, enterText, screenshot, BASE_URL, DESKTOP } from './harness.mjs';

// The app's own example, plus a paragraph of our own in several scripts, so the round trip
// covers multi-byte UTF-8 and an astral-plane emoji (a textarea turns CRLF into LF, so the
// native tests cover CRLF).
const EXAMPLE = readFileSync(new URL('../../src/example.txt', import.meta.url), 'utf8');
const ARTICLE = `${EXAMPLE.trimEnd()}\n\nZoë Ødegård, who runs the café «Ça ira» by the pier 🚧, said the\nrepairs were "overdue". 東京の記者 — naïve résumé.\n`;
const ORIGIN = new URL(BASE_URL).origin;

async function analysed(page) {
  await page.locator('.article-head h1').waitFor();
  await page.waitForFunction(() => !document.querySelector('.status.busy'));
}

/** What the view looks like: the text, every section's fold state, the speaker filter. */
async function viewOf(page) {
  const sections = page.getByRole('region', { name: 'Sections' });
  const quotes = page.getByRole('complementary', { name: 'Quotes by speaker' });
  const filter = quotes.getByRole('combobox');
  return {
    text: await page.getByLabel('Article text').inputValue(),
    folds: await sections.locator('button[aria-expanded]').evaluateAll(
      (bs) => bs.map((b) => b.getAttribute('aria-expanded')),
    ),
    speaker: (await filter.count()) ? await filter.inputValue() : null,
  };
}

async function newContext(browser) {
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  return { context, requests };
}

function foreign(requests) {
  return requests.filter((u) => !u.startsWith(`${ORIGIN}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

test('a share link opens the same text and the same view in a fresh browser', async () => {
  const browser = await launch();
  try {
    const { context, requests } = await newContext(browser);
    const page = await openAppIn(context);
    await enterText(page, ARTICLE);
    await analysed(page);

    // Choose a speaker, then fold the second section.
    const quotes = page.getByRole('complementary', { name: 'Quotes by speaker' });
    const filter = quotes.getByRole('combobox');
    assert.ok(await filter.count(), 'the example has speakers to choose from');
    await filter.selectOption({ index: 1 });
    const toggles = page.getByRole('region', { name: 'Sections' }).locator('button[aria-expanded]');
    assert.ok(await toggles.count() >= 2, 'the example has several sections');
    await toggles.nth(1).click();
    const before = await viewOf(page);
    assert.equal(before.text, ARTICLE);
    assert.notEqual(before.speaker, '');
    assert.deepEqual(before.folds.slice(0, 2), ['true', 'false']);

    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(link.startsWith(`${BASE_URL.replace(/#.*$/, '')}#s=`), link.slice(0, 80));
    assert.equal(await page.getByRole('textbox', { name: 'Share link' }).inputValue(), link);
    const length = link.length.toLocaleString('en-US');
    assert.match(await page.locator('.share-length').innerText(), new RegExp(`The link is ${length} characters long`));
    assert.ok(link.length < ARTICLE.length, `compressed: ${link.length} chars for ${ARTICLE.length}`);
    await screenshot(page, 'share-copied');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('group', { name: 'Share link' }).count(), 0, 'Escape closes the panel');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Copy share link');
    assert.deepEqual(page.lede.errors, []);
    assert.deepEqual(foreign(requests), [], 'only the app\'s own files were requested');
    assert.ok(requests.some((u) => u.endsWith('.wasm')), 'requests were recorded');

    // A fresh browser context: no draft, no storage, only the link.
    const fresh = await newContext(browser);
    const other = await openAppIn(fresh.context, { url: link });
    await analysed(other);
    const after = await viewOf(other);
    assert.equal(after.text, before.text, 'the text round-trips byte for byte');
    assert.deepEqual(after.folds, before.folds, 'the same sections are folded');
    assert.equal(after.speaker, before.speaker, 'the same speaker is chosen');
    assert.deepEqual(other.lede.errors, []);
    assert.deepEqual(foreign(fresh.requests), []);
    await screenshot(other, 'share-opened');
  } finally {
    await browser.close();
  }
});

test('a damaged, cut or newer link says so, and the app still reads a new paste', async () => {
  const browser = await launch();
  try {
    // A real link to damage.
    const { context } = await newContext(browser);
    const page = await openAppIn(context);
    await enterText(page, ARTICLE);
    await analysed(page);
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    const [base, fragment] = link.split('#');
    const middle = Math.floor(fragment.length / 2);
    const swap = (c) => (c === 'A' ? 'B' : 'A');
    const cases = [
      ['changed', `${fragment.slice(0, middle)}${swap(fragment[middle])}${fragment.slice(middle + 1)}`, /damaged|incomplete/],
      ['cut', fragment.slice(0, middle), /incomplete|damaged/],
      ['newer', 's=AgAA', /newer version of Lede/],
    ];
    for (const [name, broken, message] of cases) {
      const fresh = await newContext(browser);
      const p = await openAppIn(fresh.context, { url: `${base}#${broken}` });
      const alert = p.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), message, name);
      if (name === 'changed') await screenshot(p, 'share-damaged');
      // The app works: a new paste is analysed.
      await enterText(p, 'Bridge Reopens\n\nThe bridge reopened on Monday, the mayor said.\n\n"It is a good day," she said.');
      await p.locator('.article-head h1').filter({ hasText: 'Bridge Reopens' }).waitFor();
      assert.deepEqual(p.lede.errors, [], name);
      await fresh.context.close();
    }
  } finally {
    await browser.close();
  }
});

test('exports download the quotes as Markdown and the analysis as the CLI\'s JSON', async () => {
  const browser = await launch();
  try {
    const { context, requests } = await newContext(browser);
    const page = await openAppIn(context);
    await enterText(page, ARTICLE);
    await analysed(page);
    await page.locator('.export-menu summary').click();

    const [md] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    assert.match(md.suggestedFilename(), /\.md$/);
    const markdown = readFileSync(await md.path(), 'utf8');
    assert.match(markdown, /^# /);
    assert.match(markdown, /\n## Quotes\n/);
    assert.match(markdown, /\n## Facts\n/);
    const speaker = (await page.getByRole('complementary', { name: 'Quotes by speaker' })
      .locator('.group:not(.reported) .name').first().innerText()).trim();
    assert.ok(markdown.includes(`### ${speaker}`), `the Markdown has a heading for ${speaker}`);

    // The menu folds away once a file is on its way.
    assert.equal(await page.getByRole('button', { name: 'Download JSON' }).isVisible(), false);
    await page.locator('.export-menu summary').click();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    assert.match(json.suggestedFilename(), /\.json$/);
    const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(doc.schema_version, 1);
    assert.ok(Array.isArray(doc.quotes) && doc.quotes.length > 0);
    assert.ok(doc.text.includes('Zoë Ødegård'), 'the JSON carries the analysed text');

    await page.locator('.export-menu summary').click();
    assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), true);
    assert.deepEqual(page.lede.errors, []);
    assert.deepEqual(foreign(requests), []);
  } finally {
    await browser.close();
  }
});

test('the Content-Security-Policy refuses inline scripts and other origins', async () => {
  const browser = await launch();
  try {
    const { context } = await newContext(browser);
    const reached = [];
    const failed = [];
    context.on('requestfinished', (r) => reached.push(r.url()));
    context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const page = await openAppIn(context);
    const result = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1;';
      document.head.append(script);
      // Another origin on this machine's loopback: refused before any request is made.
      const img = new Image();
      img.src = 'http://127.0.0.2:9/pixel.png';
      document.body.append(img);
      await fetch('http://127.0.0.2:9/data.json').catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      img.remove();
      return { ran: window.__inline === 1, violations };
    });
    assert.equal(result.ran, false, 'an inline script did not run');
    assert.deepEqual([...new Set(result.violations)].sort(), ['connect-src', 'img-src', 'script-src-elem']);
    assert.deepEqual(foreign(reached), [], 'nothing reached another origin');
    assert.ok(failed.every((f) => / (csp|net::ERR_BLOCKED_BY_CSP)$/.test(f)), failed.join('\n'));
  } finally {
    await browser.close();
  }
});

/** Text that compresses badly: letters from a fixed-seed xorshift generator, in words and paragraphs. */
function noise(chars, seed = 7) {
  let x = seed;
  const out = [];
  for (let i = 0; i < chars; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const r = x >>> 0;
    out.push(i % 900 === 899 ? '\n\n' : r % 7 === 0 ? ' ' : String.fromCharCode(97 + (r % 26)));
  }
  return `Noise Report\n\n${out.join('')}\n`;
}

test('long links warn where chat apps and older tools may cut them', async () => {
  const browser = await launch();
  try {
    const { context } = await newContext(browser);
    const page = await openAppIn(context);
    const button = page.getByRole('button', { name: 'Copy share link' });
    const panel = page.getByRole('group', { name: 'Share link' });

    await enterText(page, noise(6_000));
    await button.click();
    await page.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    const link = await panel.getByRole('textbox', { name: 'Share link' }).inputValue();
    assert.ok(link.length > 2_000 && link.length < 8_000, `${link.length}`);
    assert.match(await page.locator('.share-length').innerText(), new RegExp(`The link is ${link.length.toLocaleString('en-US')} characters`));
    assert.match(await panel.locator('.share-warning').innerText(), /longer than 2,000 characters/);
    await page.keyboard.press('Escape');

    await enterText(page, noise(12_000));
    await button.click();
    await page.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    const longer = await panel.getByRole('textbox', { name: 'Share link' }).inputValue();
    assert.ok(longer.length > 8_000, `${longer.length}`);
    assert.match(await panel.locator('.share-warning').innerText(), /longer than 8,000 characters/);

    // Past 2 MB of URL (the "too long" branch, with its file download) the app needs a text
    // of several megabytes, too slow to paste here; the unit tests cover the thresholds.
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});
