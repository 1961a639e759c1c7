// Hostile input: markup, script and style payloads pasted as plain text, pasted through the
// clipboard's HTML flavour, and carried in a share link. No script may run (payloads set
// window.__pwned or open a dialog), no element or event-handler attribute may be injected, no
// Content-Security-Policy violation may be logged, and plain-text payloads must show literally
// in the article view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { launch, openApp, openAppIn, enterText, BASE_URL, DESKTOP } from './harness.mjs';

// Each payload, if it ran, would set window.__pwned or open a dialog.
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"></svg>',
  '<svg><script>window.__pwned = 4</script></svg>',
  '<iframe src="javascript:top.__pwned = 5"></iframe>',
  '<iframe srcdoc="<script>top.__pwned = 6</script>"></iframe>',
  '<a href="javascript:window.__pwned = 7">read more</a>',
  '<body onload="alert(8)">',
  '<style>body { background: url("javascript:alert(9)") }</style>',
  '<div style="background-image: url(javascript:alert(10))">styled</div>',
  '"><script>alert(11)</script>',
  "'><img src=x onerror=alert(12)>",
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(13)>',
  '<details open ontoggle="alert(14)">',
  '<video><source onerror="alert(15)"></video>',
  '<object data="javascript:alert(16)"></object>',
  '<embed src="javascript:alert(17)">',
  '<input autofocus onfocus="alert(18)">',
  '<marquee onstart="alert(19)">news</marquee>',
  "{{constructor.constructor('alert(20)')()}}",
  '${alert(21)} and `${window.__pwned = 22}`',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(23)">',
  '<base href="javascript:alert(24)//">',
  '<form action="javascript:alert(25)"><button>Send</button></form>',
  '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(26)">',
  'javascript:alert(27)',
  'data:text/html,<script>alert(28)</script>',
  '</textarea><img src=x onerror=alert(29)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(30)>">',
  '<x onmouseover="alert(31)">hover here</x>',
  '</style><style>* { display: none !important }</style>',
  '<svg><animate onbegin="alert(32)" attributeName="x" dur="1s"></svg>',
  '<link rel="stylesheet" href="data:text/css,*{display:none}">',
  '" onmouseover="alert(33)" title="',
  '<template><img src=x onerror=alert(34)></template><slot onclick=alert(35)>',
  '<!--<img src="--><img src=x onerror=alert(36)//">',
  '<SCRIPT SRC=//lede.invalid/x.js></SCRIPT><Script>alert(37)</sCrIpT>',
  '<scr<script>ipt>alert(38)</scr</script>ipt>',
];

/** An article whose paragraphs each carry one payload, some inside quotations. */
function article() {
  const paras = PAYLOADS.map((p, i) =>
    i % 3 === 0
      ? `"Reader note ${i} is ${p} as typed," the editor said.`
      : `Reader note ${i} reads ${p} exactly.`,
  );
  return `Council Publishes Reader Notes\n\nBy Mira Solis\n\n${paras.join('\n\n')}\n`;
}

/** Record dialogs (and dismiss them) from the start. */
function watchDialogs(page) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return dialogs;
}

async function analysed(page) {
  await page.locator('[aria-label="Sections"] p').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.status.busy'));
  // Give anything that was injected a moment to fire (onerror, onload, autofocus, refresh).
  await page.waitForTimeout(400);
}

/** Nothing ran and nothing was injected. */
async function assertInert(page, dialogs, scriptsBefore, { cspBlocksExpected = false } = {}) {
  const report = await page.evaluate(() => {
    const all = [...document.querySelectorAll('body *')];
    return {
      pwned: window.__pwned ?? null,
      scripts: document.querySelectorAll('script').length,
      // The app's own controls (date and file inputs) live outside the views of the text.
      injected: [...document.querySelectorAll('[aria-label="Sections"] *, [aria-label="Quotes by speaker"] *, [aria-label="Facts"] *, .article-head *')]
        .filter((e) => /^(iframe|img|object|embed|video|audio|source|form|input|meta|base|link|style|marquee|math|template|slot|x|noscript)$/i.test(e.tagName))
        .map((e) => e.tagName),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
      jsUrls: all.flatMap((e) => [...e.attributes].filter((a) => /^\s*javascript:/i.test(a.value)).map((a) => `${e.tagName}[${a.name}]`)),
      hidden: getComputedStyle(document.body).display === 'none',
      url: location.href,
    };
  });
  assert.equal(report.pwned, null, 'a payload set window.__pwned');
  assert.deepEqual(dialogs, [], 'a payload opened a dialog');
  assert.equal(report.scripts, scriptsBefore, 'a script element was added');
  assert.deepEqual(report.injected, [], 'payload elements were injected');
  assert.deepEqual(report.handlers, [], 'event-handler attributes were injected');
  assert.deepEqual(report.jsUrls, [], 'javascript: URLs were injected');
  assert.equal(report.hidden, false, 'injected CSS hid the page');
  assert.ok(report.url.startsWith(BASE_URL), `the page navigated away: ${report.url}`);
  // Chromium checks the page's Content-Security-Policy when the app's DOMParser reads markup
  // with inline event handlers or styles, and logs each one it blocks; they never run or apply
  // (the checks above), so on the HTML path only such blocks are allowed.
  const errors = cspBlocksExpected
    ? page.lede.errors.filter((e) => !/^(Executing inline event handler|Applying inline style) violates .* The action has been blocked\.$/s.test(e))
    : page.lede.errors;
  assert.deepEqual(errors, [], 'console errors (a CSP violation means something was injected)');
}

/** Every payload shows literally, as text, in the article view. */
async function assertShownLiterally(page, payloads) {
  const shown = await page.locator('[aria-label="Sections"]').textContent();
  const missing = payloads.filter((p) => !shown.includes(p));
  assert.deepEqual(missing, [], 'payloads not shown literally in the article view');
}

const scriptCount = (page) => page.evaluate(() => document.querySelectorAll('script').length);

test(`${PAYLOADS.length} payloads typed or pasted as plain text run nothing and show literally`, async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser);
    const dialogs = watchDialogs(page);
    const before = await scriptCount(page);
    await enterText(page, article());
    await analysed(page);
    await assertShownLiterally(page, PAYLOADS);
    // The quote cards and the facts panel render parts of the same text.
    for (const tab of ['Quotes', 'Facts']) {
      const button = page.getByRole('tab', { name: tab });
      if (await button.count()) await button.click();
    }
    await page.waitForTimeout(200);
    await assertInert(page, dialogs, before);
  } finally {
    await browser.close();
  }
});

/** Dispatch a paste whose clipboard holds `html` and `plain`, as a browser would. */
async function pasteHtml(page, html, plain) {
  await page.getByLabel('Article text').focus();
  await page.evaluate(({ html, plain }) => {
    const area = document.querySelector('textarea[aria-label="Article text"]');
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', plain);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (area.dispatchEvent(event)) {
      // The app let the plain flavour through: insert it as the browser would.
      area.value = plain;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
  }, { html, plain });
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

test('payloads in the clipboard\'s HTML flavour: escaped text shows literally, live markup runs nothing', async () => {
  const browser = await launch();
  try {
    const page = await openApp(browser);
    const dialogs = watchDialogs(page);
    const before = await scriptCount(page);
    // As text inside the HTML: must come out literally.
    const paras = PAYLOADS.map((p, i) => `<p>Reader note ${i} reads ${escapeHtml(p)} exactly.</p>`);
    const html = `<html><body><h1>Council Publishes Reader Notes</h1><p>By Mira Solis</p>${paras.join('')}</body></html>`;
    const plain = ['Council Publishes Reader Notes', 'By Mira Solis', ...PAYLOADS.map((p, i) => `Reader note ${i} reads ${p} exactly.`)].join('\n\n');
    await pasteHtml(page, html, plain);
    await analysed(page);
    await assertShownLiterally(page, PAYLOADS);
    await assertInert(page, dialogs, before, { cspBlocksExpected: true });

    // As live markup inside the HTML flavour: DOMParser reads it inertly, only text is kept.
    const live = `<html><head><base href="javascript:alert(90)//"><meta http-equiv="refresh" content="0;url=javascript:alert(91)"></head>
      <body onload="alert(92)"><h1>Harbour Notes <img src=x onerror="window.__pwned=93"></h1>
      <p>First paragraph about the harbour and its council meeting on Tuesday evening.</p>
      ${PAYLOADS.map((p, i) => `<p>Live note ${i}: ${p} ends here.</p>`).join('\n')}
      <script>window.__pwned = 94</script><p>Last paragraph <svg onload="alert(95)"></svg> closes it.</p></body></html>`;
    await page.getByLabel('Article text').fill('');
    await pasteHtml(page, live, 'Harbour Notes\n\nFirst paragraph about the harbour and its council meeting on Tuesday evening.');
    await analysed(page);
    const shown = await page.locator('[aria-label="Sections"]').textContent();
    assert.ok(shown.includes('First paragraph about the harbour'), 'the live-markup paste was read');
    assert.ok(!shown.includes('__pwned = 94'), 'a script element\'s text was shown as article text');
    await assertInert(page, dialogs, before, { cspBlocksExpected: true });
  } finally {
    await browser.close();
  }
});

// The share link format (src/services/share.rs, version 1): "s=" + base64url-no-pad(0x01 +
// zlib(payload)); payload = flags, text as varint length + bytes, collapsed count (0).
function varint(n) {
  const out = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function shareLink(text) {
  const bytes = Buffer.from(text, 'utf8');
  const payload = Buffer.concat([Buffer.from([0, ...varint(bytes.length)]), bytes, Buffer.from([0])]);
  const packed = Buffer.concat([Buffer.from([1]), deflateSync(payload)]);
  return `${BASE_URL.split('#')[0]}#s=${packed.toString('base64url')}`;
}

test('payloads inside a share link run nothing and show literally', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await openAppIn(context, { url: shareLink(article()) });
    const dialogs = watchDialogs(page);
    await analysed(page);
    assert.equal(await page.getByLabel('Article text').inputValue(), article(), 'the link carried the text');
    await assertShownLiterally(page, PAYLOADS);
    await assertInert(page, dialogs, await scriptCount(page));
  } finally {
    await browser.close();
  }
});

test('a hostile share link fragment is refused without running anything', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.lede = { errors: [] };
    page.on('pageerror', (e) => page.lede.errors.push(String(e)));
    const dialogs = watchDialogs(page);
    for (const fragment of ['s=<script>alert(96)</script>', 's=javascript:alert(97)', 's=%3Cimg%20src=x%20onerror=alert(98)%3E', '<img src=x onerror=alert(99)>']) {
      await page.goto(`${BASE_URL}#${fragment}`);
      await page.getByLabel('Article text').waitFor();
      await page.waitForTimeout(200);
      const report = await page.evaluate(() => ({ pwned: window.__pwned ?? null, imgs: document.querySelectorAll('body img').length }));
      assert.equal(report.pwned, null);
      assert.equal(report.imgs, 0, fragment);
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(page.lede.errors, []);
  } finally {
    await browser.close();
  }
});
