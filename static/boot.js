// Starts Lede: compiles the WebAssembly module that Trunk names in this script's data
// attributes (see `pattern_script` in Trunk.toml), starts the app with it, and leaves the
// compiled module and the glue's address for the parsing worker (static/worker.js, started by
// src/services/parser.rs), so the module is fetched and compiled once. Then registers the
// service worker that keeps the app for offline use. A file of its own rather than an inline
// script, so the Content-Security-Policy can refuse every inline script.
const tag = document.querySelector('script[data-lede-js]');
const js = new URL(tag.dataset.ledeJs, document.baseURI).href;
const wasm = new URL(tag.dataset.ledeWasm, document.baseURI).href;
let module;
try {
  module = await WebAssembly.compileStreaming(fetch(wasm));
} catch {
  // A server that does not label .wasm as application/wasm.
  module = await WebAssembly.compile(await (await fetch(wasm)).arrayBuffer());
}
globalThis.ledeWorker = {
  url: new URL(tag.dataset.ledeWorker, document.baseURI).href,
  js,
  module,
};
const { default: init } = await import(js);
await init({ module_or_path: module });

if ('serviceWorker' in navigator) {
  // sw.js sits next to this file, at the root of the site (or of its sub-path), and so does
  // its scope.
  navigator.serviceWorker.register(new URL('sw.js', import.meta.url)).catch((e) => {
    console.warn('Lede will not work offline:', e);
  });
}
