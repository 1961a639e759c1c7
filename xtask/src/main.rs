//! `cargo xtask`: Lede's one entry point for setting up, serving, testing and building.
//!
//! Subcommands:
//! - `setup`  install what a fresh machine lacks (idempotent; quick when all is present)
//! - `serve`  setup, build the release page and serve it on http://127.0.0.1:8080
//! - `test`   setup, then every check (format, lints, native, browser and end-to-end tests,
//!   the architecture check)
//! - `dist`   the release build into `dist/`, with each file's raw and gzip size
//! - `eval`   the quote and entity evaluations on `../shared/eval` with their CI thresholds
//! - `bench`  the criterion benchmarks of the parser

mod bench_browser;
mod dist;
mod serve_static;
mod setup;
mod util;

use std::process::ExitCode;
use util::{cargo, run, Result};

const USAGE: &str = "\
usage: cargo xtask <command>
  setup   install the wasm target, Trunk, wasm-bindgen, wasm-opt, the e2e driver, Chromium
  serve   setup, build the release page and serve it on http://127.0.0.1:8080
  test    setup, then run every check
  dist    release build into dist/ and print each file's size (fails above the budget)
  eval    score quotes and entities on ../shared/eval (fails below the CI thresholds)
  bench   run the parser benchmarks (`bench --browser`: in headless Chromium)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::setup(),
        Some("serve") => serve(),
        Some("test") => test(),
        Some("dist") => dist::dist().map(|_| ()),
        Some("eval") => eval(),
        Some("bench") => bench(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Build the release page and serve it. (Trunk's own `serve` watches files, and its watcher
/// aborts here when the build writes many files at once; a plain server of `dist/` is also
/// exactly what a static host does.)
fn serve() -> Result<()> {
    let dist = dist::release_build()?;
    let server = serve_static::Server::start_at(&dist, 8080)?;
    println!(
        "\nLede is served at {} (Ctrl-C stops it; run `cargo xtask serve` again after a change)\n",
        server.url()
    );
    loop {
        std::thread::park();
    }
}

fn test() -> Result<()> {
    let started = std::time::Instant::now();
    setup::setup()?;
    step("formatting");
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    step("clippy (native)");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("clippy (wasm32, the web app)");
    run(cargo().args([
        "clippy",
        "-p",
        "lede-web",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    step("architecture: lede-core has no web dependency and builds for wasm32");
    architecture_check()?;
    step("native tests");
    run(cargo().args(["test", "--workspace"]))?;
    step("browser tests (headless Chromium)");
    run(cargo().args([
        "test",
        "-p",
        "lede-web",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    step("end-to-end tests (release build in Chromium)");
    let dist = dist::release_build()?;
    e2e(&dist)?;
    println!(
        "\nAll checks passed in {:.0} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn step(name: &str) {
    println!("\n==> {name}");
}

/// The parser must stay free of web crates and keep building for the browser.
fn architecture_check() -> Result<()> {
    const WEB_CRATES: [&str; 6] = [
        "wasm-bindgen",
        "web-sys",
        "js-sys",
        "yew",
        "gloo",
        "wasm-bindgen-futures",
    ];
    let tree = util::output(cargo().args([
        "tree",
        "-p",
        "lede-core",
        "--edges",
        "normal,build",
        "--prefix",
        "none",
        "--format",
        "{p}",
    ]))?;
    let offenders: Vec<&str> = tree
        .lines()
        .filter(|line| {
            let name = line.split_whitespace().next().unwrap_or("");
            WEB_CRATES.contains(&name)
        })
        .collect();
    if !offenders.is_empty() {
        return Err(format!("lede-core depends on web crates: {offenders:?}"));
    }
    run(cargo().args([
        "check",
        "-p",
        "lede-core",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    println!("lede-core: no web dependency; builds for wasm32");
    Ok(())
}

fn e2e(dist: &std::path::Path) -> Result<()> {
    let server = serve_static::Server::start(dist)?;
    let root = util::root();
    let mut node = std::process::Command::new("node");
    node.current_dir(&root)
        .args(["--test", "--test-concurrency=1"])
        .arg("tests/e2e/")
        .env("LEDE_URL", server.url())
        .env("LEDE_TOOLS", root.join(".tools/node_modules"))
        .env("LEDE_SHOTS", root.join("target/screenshots"))
        .env("CHROMIUM", setup::chromium_path());
    run(&mut node)?;
    println!("screenshots: {}", root.join("target/screenshots").display());
    Ok(())
}

fn eval() -> Result<()> {
    let shared = util::root().join("../shared/eval");
    if !shared.exists() {
        return Err(format!(
            "{} is missing: the evaluation data lives beside the checkout",
            shared.display()
        ));
    }
    let quotes = shared.join("quotes-dev.jsonl");
    let ner = shared.join("ner-dev.conll");
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "lede-cli",
        "--",
        "eval",
    ])
    .arg(&quotes);
    cmd.args(util::thresholds("eval"));
    run(&mut cmd)?;
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "lede-cli",
        "--",
        "eval-ner",
    ])
    .arg(&ner);
    cmd.args(util::thresholds("eval-ner"));
    run(&mut cmd)
}

fn bench(args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) == Some("--browser") {
        return bench_browser::bench_browser();
    }
    run(cargo().args(["bench", "-p", "lede-core"]).args(args))
}
