//! Timing hooks for the browser benchmark (`cargo xtask bench --browser`): the parser's own
//! speed in WebAssembly, measured inside the page with the browser's high-resolution clock.
//! The app never calls them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// A timed batch parses at least this many bytes: the page's clock ticks in tenths of a
/// millisecond, so a short article is timed over several parses instead of one.
const BATCH_BYTES: usize = 200_000;

/// Parse `text` in `runs` timed batches (at least one); the fastest batch's time per parse,
/// in milliseconds.
#[wasm_bindgen]
pub fn bench_parse(text: &str, runs: u32) -> f64 {
    let batch = (BATCH_BYTES / text.len().max(1)).max(1);
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let start = performance_now();
        for _ in 0..batch {
            std::hint::black_box(lede_core::parse(std::hint::black_box(text)));
        }
        best = best.min((performance_now() - start) / batch as f64);
    }
    best
}

/// One parse of `text`, in milliseconds: the cost of a first parse, before the engine has
/// optimised the parser.
#[wasm_bindgen]
pub fn bench_parse_once(text: &str) -> f64 {
    let start = performance_now();
    std::hint::black_box(lede_core::parse(text));
    performance_now() - start
}
