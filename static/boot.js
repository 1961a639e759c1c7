// Starts Lede: loads the wasm-bindgen glue and the WebAssembly module that Trunk names in this
// script's data attributes (see `pattern_script` in Trunk.toml), then registers the service
// worker that keeps the app for offline use. A file of its own rather than an inline script,
// so the Content-Security-Policy can refuse every inline script.
const tag = document.querySelector('script[data-lede-js]');
const { default: init } = await import(tag.dataset.ledeJs);
await init({ module_or_path: tag.dataset.ledeWasm });

if ('serviceWorker' in navigator) {
  // sw.js sits next to this file, at the root of the site (or of its sub-path), and so does
  // its scope.
  navigator.serviceWorker.register(new URL('sw.js', import.meta.url)).catch((e) => {
    console.warn('Lede will not work offline:', e);
  });
}
