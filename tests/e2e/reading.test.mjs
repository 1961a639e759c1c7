// The reading view in the release build: paste the app's own example article, fold sections,
// filter speakers, follow a quote and a fact into the text, on a desktop and a phone; and an
// accessibility audit with axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openApp, enterText, screenshot, axeSource, DESKTOP, PHONE } from './harness.mjs';

const EXAMPLE = readFileSync(new URL('../../src/example.txt', import.meta.url), 'utf8');

/** The article is analysed: its title is shown and the status line has settled. */
async function analysed(page) {
  await page.locator('.article-head h1').waitFor();
  await page.waitForFunction(() => !document.querySelector('.status.busy'));
}

/** Paste HTML as a browser would: a paste event whose clipboard carries both flavours. */
async function pasteHtml(page, html, plain) {
  await page.getByLabel('Article text').focus();
  await page.evaluate(([html, plain]) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', plain);
    const area = document.querySelector('textarea[aria-label="Article text"]');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [html, plain]);
}

async function audit(page) {
  // The page's Content-Security-Policy refuses inline scripts; DevTools evaluation is not bound by it.
  await page.evaluate(axeSource());
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('desktop: sections fold, speakers filter, quotes and facts lead into the text', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser, { viewport: DESKTOP });
    await enterText(page, EXAMPLE);
    await analysed(page);
    assert.match(await page.locator('.article-head h1').innerText(), /Kellmouth Votes to Rebuild/);

    // A section folds and unfolds, by mouse and by keyboard.
    const sections = page.getByRole('region', { name: 'Sections' });
    const toggle = sections.locator('button[aria-expanded]').first();
    const bodyId = await toggle.getAttribute('aria-controls');
    const body = page.locator(`#${bodyId}`);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await body.isVisible(), false);
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await body.isVisible(), true);

    // Collapse all, then choosing a quote opens its section again.
    await page.getByRole('button', { name: 'Collapse all' }).click();
    assert.equal(await sections.locator('button[aria-expanded="true"]').count(), 0);

    const quotes = page.getByRole('complementary', { name: 'Quotes by speaker' });
    const groups = quotes.locator('section.group:not(.reported)');
    assert.ok(await groups.count() >= 2, 'the example quotes several speakers');
    const counts = await quotes.locator('.group:not(.reported) .group-h .count').allInnerTexts();
    const numbers = counts.map(Number);
    assert.deepEqual([...numbers].sort((a, b) => b - a), numbers, 'groups are ordered by count');

    const card = quotes.locator('.card').first();
    const cardText = (await card.locator('blockquote').innerText()).replace(/[“”"…]/g, '').trim();
    await card.getByRole('button', { name: 'Show in text' }).click();
    const chosen = sections.locator('.q.chosen');
    await chosen.first().waitFor();
    const marked = (await chosen.allInnerTexts()).join(' ');
    const firstWords = cardText.split(/\s+/).slice(0, 3).join(' ');
    assert.ok(marked.includes(firstWords), `the marked text "${marked}" holds the card's "${firstWords}"`);
    assert.equal(await card.getAttribute('class').then((c) => c.includes('chosen')), true);
    assert.ok(await chosen.first().isVisible(), 'its section was opened');

    // Filter to one speaker: only their group (and their reported speech) stays.
    const select = quotes.getByRole('combobox');
    const options = await select.locator('option').allInnerTexts();
    await select.selectOption({ index: 2 });
    assert.equal(await groups.count(), 1);
    const name = options[2].replace(/\s*\(\d+\)$/, '');
    assert.equal(await groups.first().locator('.name').innerText(), name);
    await select.selectOption({ index: 0 });
    assert.ok(await groups.count() >= 2);

    // A fact highlights every mention of it.
    const facts = page.getByRole('complementary', { name: 'Facts' });
    const fact = facts.locator('.places .fact-button').first();
    const label = await fact.locator('.fact-label').innerText();
    await fact.click();
    assert.equal(await fact.getAttribute('aria-pressed'), 'true');
    const marks = page.locator('.article mark.hl');
    await marks.first().waitFor();
    assert.ok(await marks.count() >= 1);
    const markTexts = await marks.allInnerTexts();
    const same = (t) => t.toLowerCase().includes(label.toLowerCase()) || label.toLowerCase().includes(t.toLowerCase());
    assert.ok(markTexts.every(same), `${markTexts} mention ${label}`);
    assert.ok(await sections.locator('mark.hl').count() >= 1, 'mentions in the body are highlighted');
    await screenshot(page, 'reading-desktop');

    // The colour legend and its toggle.
    const legend = page.getByRole('list', { name: 'Quote colours' });
    assert.ok(await legend.locator('li').count() >= 2);
    const colours = page.getByRole('button', { name: 'Colour quotes' });
    await colours.click();
    assert.equal(await colours.getAttribute('aria-pressed'), 'false');
    await colours.click();

    const violations = await audit(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));

    // Print: every section open, the quotes and facts after the article.
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await page.emulateMedia({ media: 'print' });
    assert.ok(await body.isVisible(), 'collapsed sections print');
    assert.ok(await quotes.isVisible() && await facts.isVisible());
    assert.equal(await page.getByLabel('Article text').isVisible(), false, 'the input does not print');
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});

test('phone: the areas are tabs, and a quote card leads back to the article', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser, { viewport: PHONE });
    await enterText(page, EXAMPLE);
    await analysed(page);
    const tabs = page.getByRole('tablist', { name: 'Views' });
    await tabs.waitFor();
    assert.equal(await page.getByRole('complementary', { name: 'Quotes by speaker' }).isVisible(), false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'reading-phone-article');

    await tabs.getByRole('tab', { name: /Quotes/ }).click();
    const quotes = page.getByRole('complementary', { name: 'Quotes by speaker' });
    assert.equal(await quotes.isVisible(), true);
    assert.equal(await page.getByRole('region', { name: 'Sections' }).isVisible(), false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'reading-phone-quotes');
    await quotes.locator('.card').nth(1).getByRole('button', { name: 'Show in text' }).click();
    assert.equal(await tabs.getByRole('tab', { name: /Article/ }).getAttribute('aria-selected'), 'true');
    await page.locator('[aria-label="Sections"] .q.chosen').first().waitFor();

    // Arrow keys move between tabs.
    await tabs.getByRole('tab', { name: /Article/ }).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await tabs.getByRole('tab', { name: /Facts/ }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByRole('complementary', { name: 'Facts' }).isVisible(), true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'reading-phone-facts');

    // Dark mode follows the system.
    await page.emulateMedia({ colorScheme: 'dark' });
    await tabs.getByRole('tab', { name: /Article/ }).click();
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.article-col')).backgroundColor);
    assert.notEqual(bg, 'rgb(255, 255, 255)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'reading-phone-dark');

    const violations = await audit(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});

test('an HTML paste keeps its structure and never runs its markup', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser, { viewport: DESKTOP });
    const empty = await audit(page);
    assert.deepEqual(empty, [], 'the empty page: ' + JSON.stringify(empty, null, 1));
    await screenshot(page, 'reading-empty');
    const html = `<nav><p>Menu Home Sport</p></nav><h1>Ferry timetable changes</h1>
      <p>The island ferry will sail twice a day from <b>May</b>, the operator said.<img src="x" onerror="window.__pwned=1"></p>
      <h2>Why it changes</h2><p>"Fewer people travel in winter," said Ola Berg, the operator's manager.</p>
      <script>window.__pwned = 2</script><aside><p>Related: other news</p></aside>`;
    const plain = 'Ferry timetable changes\nThe island ferry will sail twice a day from May, the operator said.\nWhy it changes\n"Fewer people travel in winter," said Ola Berg, the operator\'s manager.';
    await pasteHtml(page, html, plain);
    await page.locator('[aria-label="Sections"] p').first().waitFor();
    const text = await page.getByLabel('Article text').inputValue();
    assert.ok(!text.includes('Menu') && !text.includes('Related'), 'navigation and asides are skipped');
    assert.ok(text.includes('from May, the operator said.'), 'inline markup is read as text');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('[aria-label="Sections"] img, [aria-label="Sections"] b').count(), 0);
    const labels = await page.locator('[aria-label="Sections"] .sec-label').allInnerTexts();
    assert.ok(labels.some((l) => /why it changes/i.test(l)), `a section is headed by the h2: ${labels}`);
    // The Content-Security-Policy refuses the pasted markup's inline handler and says so on the
    // console; nothing else may go wrong.
    assert.deepEqual(page.lede.errors.filter((e) => !/Content Security Policy/.test(e)), []);
  } finally {
    await browser.close();
  }
});

test('a Markdown file opens with its headings as sections', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser, { viewport: DESKTOP });
    const md = '# Library Opens Late\n\nBy Tove Lind\n\nThe town library will open at ten from Monday, the council said on Friday.\n\n## Staff Shortage\n\n"We need two more librarians," said Mira Holm, the head librarian.\n';
    await page.locator('input[type="file"]').setInputFiles({ name: 'library.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
    await page.locator('.article-head h1').waitFor();
    assert.equal(await page.locator('.article-head h1').innerText(), 'Library Opens Late');
    const text = await page.getByLabel('Article text').inputValue();
    assert.ok(!text.includes('#'), 'the Markdown marks are gone');
    const labels = await page.locator('[aria-label="Sections"] .sec-label').allInnerTexts();
    assert.ok(labels.some((l) => /staff shortage/i.test(l)), `the ## heading heads a section: ${labels}`);
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});

test('the draft survives a reload; New article clears it with an undo', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser, { viewport: DESKTOP });
    await page.getByRole('button', { name: 'Try an example' }).first().click();
    await analysed(page);
    await page.waitForFunction(() => (localStorage.getItem('lede.draft') ?? '').includes('Kellmouth'));
    await page.reload();
    await page.getByLabel('Article text').waitFor();
    assert.match(await page.getByLabel('Article text').inputValue(), /Kellmouth Votes/);
    await analysed(page);

    await page.getByRole('button', { name: 'New article' }).click();
    assert.equal(await page.getByLabel('Article text').inputValue(), '');
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.match(await page.getByLabel('Article text').inputValue(), /Kellmouth Votes/);

    // A relative date follows the article date the reader sets.
    const date = page.getByLabel('Article date');
    await date.fill('2016-02-22');
    await date.dispatchEvent('change');
    await page.getByRole('button', { name: "Use the text's date" }).waitFor();
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});

test('a damaged share link shows a message and keeps the draft', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser, { viewport: DESKTOP });
    await enterText(page, 'My own draft stays here.');
    await page.waitForFunction(() => (localStorage.getItem('lede.draft') ?? '').includes('My own draft'));
    await page.goto(new URL('#s=AAAA%%%', page.url()).href);
    await page.reload();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /own text was kept/);
    assert.equal(await page.getByLabel('Article text').inputValue(), 'My own draft stays here.');
    await alert.getByRole('button', { name: 'Dismiss message' }).click();
    assert.equal(await page.getByRole('alert').count(), 0);
  } finally {
    await browser.close();
  }
});
