// The thinnest whole slice: the release build in Chromium turns pasted text into paragraphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, enterText, screenshot } from './harness.mjs';

test('pasted text is rendered as paragraphs', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser);
    await enterText(page, 'The council met on Tuesday.\n\nIt voted to reopen the bridge.\n\nWork starts in May.');
    const paragraphs = page.locator('[aria-label="Sections"] p');
    await paragraphs.nth(2).waitFor();
    assert.equal(await paragraphs.count(), 3);
    assert.equal(await paragraphs.nth(1).innerText(), 'It voted to reopen the bridge.');
    await screenshot(page, 'slice-paragraphs');
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});
