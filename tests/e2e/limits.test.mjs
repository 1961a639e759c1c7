// Size limits: a text over the size Lede analyses (16 MB) is announced as soon as it arrives,
// before the analysis has run, with the limit and the reason; the whole text stays in the text
// box. The same for an opened file. The page stays free of serious accessibility problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, axeSource } from './harness.mjs';

const MB = 1024 * 1024;
const LIMIT = 16 * MB;

/**
 * Build, in the page, a text of `bytes` bytes: a short article, then blank space up to the size
 * (cheap to analyse and to render, so the test waits on the limit and not on the parser), then
 * a closing line. Stored as `window.__big`, so the harness doesn't ship megabytes over the wire.
 */
async function makeBigText(page, bytes) {
  await page.evaluate((bytes) => {
    const head = 'Harbour Vote Passes\n\nBy Imogen Thrale\n\n"We will rebuild the pier," said Orla Finnegan, the harbour master.\n\n';
    const tail = '\n\nThe last line of the text.';
    const fill = bytes - head.length - tail.length;
    // Lines of spaces: a text box lays out short lines faster than one long one.
    window.__big = head + `${' '.repeat(79)}\n`.repeat(Math.floor(fill / 80)) + ' '.repeat(fill % 80) + tail;
  }, bytes);
  return page.evaluate(() => window.__big.length);
}

/** What the page shows in the first frame after a paste of `window.__big`. */
async function pasteBig(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const area = document.querySelector('textarea[aria-label="Article text"]');
        area.focus();
        area.value = window.__big;
        area.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
        requestAnimationFrame(() => {
          const notice = document.querySelector('.notice');
          resolve({
            notice: notice ? notice.innerText : null,
            role: notice ? notice.getAttribute('role') : null,
            busy: document.querySelector('.status.busy') !== null,
          });
        });
      }),
  );
}

/** Whether the text box holds exactly `window.__big` (unfolding a long text's box first). */
async function textBoxKeepsTheText(page) {
  const area = page.locator('textarea[aria-label="Article text"]');
  if ((await area.count()) === 0) {
    await page.getByRole('button', { name: 'Show the text box' }).click();
  }
  await area.waitFor();
  return page.evaluate(() => {
    const value = document.querySelector('textarea[aria-label="Article text"]').value;
    return { same: value === window.__big, length: value.length };
  });
}

async function seriousViolations(page) {
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('a paste over the limit is announced before the analysis, and kept whole', { timeout: 300_000 }, async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser);
    const bytes = await makeBigText(page, 17 * MB);
    assert.ok(bytes > LIMIT);
    const first = await pasteBig(page);
    // In the first painted frame: the notice, while the analysis is still to come.
    assert.ok(first.notice, 'a notice is shown at once');
    assert.equal(first.busy, true, 'the analysis has not finished yet');
    assert.equal(first.role, 'alert');
    assert.match(first.notice, /This text is 17(\.0)? MB\./);
    assert.match(first.notice, /up to 16 MB/);
    assert.match(first.notice, /responsive/);
    assert.match(first.notice, /memory/);
    assert.match(first.notice, /whole text is kept in the text box/);

    // The analysis finishes on the first 16 MB; the text box still holds every character.
    await page.waitForFunction(() => !document.querySelector('.status.busy'), null, { timeout: 240_000, polling: 250 });
    assert.match(await page.locator('.article-head h1').innerText(), /Harbour Vote Passes/);
    assert.match(await page.locator('.notice').innerText(), /This text is 17(\.0)? MB\./, 'the notice stays');
    assert.deepEqual(await seriousViolations(page), []);
    const kept = await textBoxKeepsTheText(page);
    assert.equal(kept.length, bytes);
    assert.ok(kept.same, 'the text box holds the whole pasted text');
    assert.deepEqual(page.lede.errors, []);

    // Dismissed, it does not come back while the reader goes on editing.
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    assert.equal(await page.locator('.notice').count(), 0);
    await page.close();
  } finally {
    await browser.close();
  }
});

test('an opened file over the limit is announced and kept whole', { timeout: 300_000 }, async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser);
    const bytes = await makeBigText(page, 17 * MB);
    // Dropped on the page as a file, as a reader would drop one.
    const first = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const data = new DataTransfer();
          data.items.add(new File([window.__big], 'long-article.txt', { type: 'text/plain' }));
          document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
          requestAnimationFrame(() => {
            const notice = document.querySelector('.notice');
            resolve(notice ? notice.innerText : null);
          });
        }),
    );
    assert.ok(first, 'a notice is shown before the file is read');
    assert.match(first, /17(\.0)? MB/);
    assert.match(first, /up to 16 MB/);
    // Once read, the analysis runs on the first 16 MB and the text box keeps the whole file.
    await page.waitForFunction(() => /Harbour Vote Passes/.test(document.querySelector('.article-head h1')?.innerText ?? ''), null, {
      timeout: 240_000,
      polling: 250,
    });
    await page.waitForFunction(() => !document.querySelector('.status.busy'), null, { timeout: 240_000, polling: 250 });
    assert.match(await page.locator('.notice').innerText(), /This text is 17(\.0)? MB\./);
    const kept = await textBoxKeepsTheText(page);
    assert.equal(kept.length, bytes);
    assert.ok(kept.same, 'the text box holds the whole file');
    assert.deepEqual(page.lede.errors, []);
    await page.close();
  } finally {
    await browser.close();
  }
});

test('a file too large to hold as text opens at its first 16 MB, and says so', { timeout: 300_000 }, async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser);
    const bytes = await makeBigText(page, 70 * MB);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File([window.__big], 'archive.txt', { type: 'text/plain' }));
      document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => /Harbour Vote Passes/.test(document.querySelector('.article-head h1')?.innerText ?? ''), null, {
      timeout: 240_000,
      polling: 250,
    });
    const notice = await page.locator('.notice').innerText();
    assert.match(notice, /This file is 70 MB/);
    assert.match(notice, /opened its first 16 MB/);
    assert.match(notice, /file itself is unchanged/);
    assert.equal(await page.locator('.notice').getAttribute('role'), 'alert');
    const kept = await textBoxKeepsTheText(page);
    assert.ok(bytes > kept.length);
    assert.equal(kept.length, LIMIT, 'the text box holds the first 16 MB');
    assert.deepEqual(page.lede.errors, []);
    await page.close();
  } finally {
    await browser.close();
  }
});
