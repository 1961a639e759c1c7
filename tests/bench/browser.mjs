// The browser benchmark (`cargo xtask bench --browser` sets the environment and runs this):
// in headless Chromium, on the release build,
//  - the parse time in WebAssembly (`bench_parse`, src/bench.rs: the fastest of a few timed
//    batches of parses, timed with performance.now inside the page, after a warm-up) for each
//    synthetic article,
//    and the first article's first parse, before any warm-up;
//  - the time from a paste (an input event of type insertFromPaste, as the browser sends) to
//    the rendered article, for the 5 KB article;
//  - the compromise NLP library's `nlp(text).people()` on the same texts in the same page, and
//    the throughput ratio;
//  - the WebAssembly memory of the page's module after each size's parses.
// Environment: LEDE_URL, LEDE_TOOLS, CHROMIUM (see tests/e2e/harness.mjs), LEDE_BENCH_TEXTS
// (the folder holding 5KB.txt, 100KB.txt, 1MB.txt and their plain- twins without subheads).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { launch, BASE_URL } from '../e2e/harness.mjs';

const tools = process.env.LEDE_TOOLS ?? path.resolve('.tools/node_modules');
const textsDir = process.env.LEDE_BENCH_TEXTS ?? path.resolve('target/bench-texts');
// The synthetic article at each size, each followed by the same without subheads, as most
// news comes (sectioning then reads every paragraph's words). Growing sizes, so that the
// module's memory, which only grows, is read after the largest text so far.
const SIZES = [
  ['5KB', 20], ['plain-5KB', 20],
  ['100KB', 7], ['plain-100KB', 7],
  ['1MB', 3], ['plain-1MB', 3],
];
const PASTE_RUNS = 7;

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(9);
const mbps = (bytes, ms) => (bytes / 1e6 / (ms / 1e3)).toFixed(2).padStart(8);

const browser = await launch();
try {
  // The bench injects compromise as a script tag, which the app's Content-Security-Policy
  // (rightly) refuses; the app's own code runs exactly as shipped.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 960 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(BASE_URL);
  await page.getByLabel('Article text').waitFor();
  // The package's exports hide its browser build from require.resolve: take the file itself.
  await page.addScriptTag({ path: path.join(tools, 'compromise/builds/compromise.js') });

  console.log(`browser: ${browser.version()} (headless)`);
  console.log(`machine: ${cpus().length} logical CPUs (nproc), ${cpuModel()}, Node ${process.version}`);
  console.log('');
  console.log('size           bytes   lede ms   lede MB/s   compromise ms  compromise MB/s   lede/compromise');

  const results = [];
  for (const [label, runs] of SIZES) {
    const text = readFileSync(path.join(textsDir, `${label}.txt`), 'utf8');
    const r = await page.evaluate(async ({ text, runs }) => {
      const glue = await import(document.querySelector('script[data-lede-js]').dataset.ledeJs);
      // The engine compiles WebAssembly in two tiers: a quick baseline first, then optimised
      // code for the functions that turn out hot. A third of a second of untimed parses of the
      // same text first, so the timing is of the parser a reader's worker runs once warm.
      const first = glue.bench_parse_once(text);
      const warmUntil = performance.now() + 300;
      for (let n = 1; n < 3 || performance.now() < warmUntil; n++) glue.bench_parse(text, 1);
      const lede = glue.bench_parse(text, runs);
      // The module's memory after the parses (it only grows, so this is its peak so far).
      const memory = (await glue.default()).memory.buffer.byteLength;
      let best = Infinity;
      let people = 0;
      for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
        const t = performance.now();
        const found = window.nlp(text).people().out('array');
        best = Math.min(best, performance.now() - t);
        people = found.length;
      }
      return { lede, first, compromise: best, people, memory };
    }, { text, runs });
    const bytes = Buffer.byteLength(text);
    results.push({ label, bytes, ...r });
    console.log(
      `${label.padEnd(11)} ${String(bytes).padStart(8)} ${fmt(r.lede)} ${mbps(bytes, r.lede)}    ${fmt(r.compromise)}       ${mbps(bytes, r.compromise)}        ${(r.compromise / r.lede).toFixed(1).padStart(6)}x`,
    );
  }

  // Paste to rendered article, 5 KB: clear, then paste, and wait until the status line is no
  // longer busy and the article's paragraphs are in the DOM, then one more animation frame.
  const text = readFileSync(path.join(textsDir, '5KB.txt'), 'utf8');
  const paste = [];
  for (let i = 0; i < PASTE_RUNS; i++) {
    const ms = await page.evaluate(async (text) => {
      const area = document.querySelector('textarea[aria-label="Article text"]');
      const sections = () => document.querySelectorAll('[aria-label="Sections"] p').length;
      const put = (value) => {
        area.value = value;
        area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      };
      const until = (cond) => new Promise((resolve) => {
        const check = () => (cond() ? resolve() : requestAnimationFrame(check));
        check();
      });
      put('');
      await until(() => sections() === 0);
      const start = performance.now();
      put(text);
      const status = document.querySelector('.input-panel .status');
      await until(() => sections() > 0 && status && !status.classList.contains('busy'));
      // The check runs at the start of the frame that shows the article; a message posted now
      // is handled once that frame is painted.
      await new Promise((r) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = r;
        channel.port2.postMessage(null);
      });
      return performance.now() - start;
    }, text);
    paste.push(ms);
  }
  const [cold] = results;
  console.log(`(${cold.label}, its first parse, before any warm-up: ${cold.first.toFixed(2)} ms, ${mbps(cold.bytes, cold.first).trim()} MB/s)`);
  console.log('');
  console.log(`paste to rendered article, 5KB: median ${median(paste).toFixed(1)} ms, best ${Math.min(...paste).toFixed(1)} ms over ${PASTE_RUNS} pastes`);
  console.log('  (the hand-over to the parsing worker and back, the render, and the paint of the frame that shows it)');
  for (const r of results) {
    console.log(`compromise found ${r.people} people in ${r.label}`);
  }
  console.log('');
  for (const r of results) {
    const mb = (n) => (n / 1048576).toFixed(1);
    const limit = 4 * r.bytes + 10 * 1048576;
    console.log(
      `WebAssembly memory after parsing ${r.label}: ${mb(r.memory)} MB (budget 4 x input + 10 MB = ${mb(limit)} MB)`,
    );
  }
  if (errors.length) {
    console.error('page errors:', errors);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
