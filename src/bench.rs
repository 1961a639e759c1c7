//! A timing hook for the browser benchmark (`cargo xtask bench --browser`): the parser's own
//! speed in WebAssembly, measured inside the page with the browser's high-resolution clock.
//! The app never calls it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Parse `text` `runs` times (at least once); the fastest parse in milliseconds.
#[wasm_bindgen]
pub fn bench_parse(text: &str, runs: u32) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let start = performance_now();
        let doc = lede_core::parse(text);
        let took = performance_now() - start;
        std::hint::black_box(&doc);
        best = best.min(took);
    }
    best
}
