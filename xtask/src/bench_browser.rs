//! `cargo xtask bench --browser`: the parser's speed inside a real browser.
//!
//! Builds the release app (the same files `cargo xtask dist` ships), writes synthetic articles
//! of 5 KB, 100 KB and 1 MB, with and without subheads (`lede_core::synth`, through the
//! `synth` example), serves the app and runs `tests/bench/browser.mjs` in headless Chromium.
//! That script reports the parse time in WebAssembly, the time from a paste to the rendered
//! article, and the same texts through the `compromise` library in the same page, with the
//! browser's version and the machine.

use crate::util::{cargo, output, root, run, Result};

const SIZES: [(&str, usize); 3] = [("5KB", 5_000), ("100KB", 100_000), ("1MB", 1_000_000)];

pub fn bench_browser() -> Result<()> {
    let dist = match crate::dist::dist() {
        Ok(dist) => dist,
        // A build over the page-weight budget still gets measured (`dist` and `test` fail on it).
        Err(e) if e.contains("over the budget") => {
            eprintln!("warning: {e}; measuring it anyway");
            root().join("dist")
        }
        Err(e) => return Err(e),
    };
    let texts = root().join("target/bench-texts");
    std::fs::create_dir_all(&texts).map_err(|e| format!("{}: {e}", texts.display()))?;
    // Each size with its subheads and without them ("plain-"), as most news comes.
    for (label, bytes) in SIZES {
        for (prefix, shape) in [("", "subheads"), ("plain-", "plain")] {
            let text = output(cargo().args([
                "run",
                "--quiet",
                "-p",
                "lede-core",
                "--example",
                "synth",
                "--",
                &bytes.to_string(),
                "42",
                shape,
            ]))?;
            let path = texts.join(format!("{prefix}{label}.txt"));
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let server = crate::serve_static::Server::start(&dist)?;
    let mut node = std::process::Command::new("node");
    node.current_dir(root())
        .arg("tests/bench/browser.mjs")
        .env("LEDE_URL", server.url())
        .env("LEDE_TOOLS", root().join(".tools/node_modules"))
        .env("LEDE_BENCH_TEXTS", &texts)
        .env("CHROMIUM", crate::setup::chromium_path());
    run(&mut node)
}
