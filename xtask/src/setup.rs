//! `cargo xtask setup`: everything a fresh machine lacks, installed idempotently.

use crate::util::{self, output, root, run, tool, tools_dir, version_of, Result};
use std::path::PathBuf;
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";

pub fn setup() -> Result<()> {
    let started = std::time::Instant::now();
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_tools()?;
    browser()?;
    println!(
        "setup: all tools present ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn wasm_target() -> Result<()> {
    let installed = output(tool("rustup").args(["target", "list", "--installed"]))?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(tool("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result<()> {
    let have = version_of(tool("trunk").arg("--version"));
    if have.as_deref().is_some_and(|v| v.ends_with(TRUNK_VERSION)) {
        return Ok(());
    }
    println!("setup: installing Trunk {TRUNK_VERSION} (several minutes, once)");
    run(util::cargo().args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".to_string())
}

fn wasm_bindgen() -> Result<()> {
    let version = locked_wasm_bindgen()?;
    let matches = |name: &str| {
        version_of(tool(name).arg("--version"))
            .is_some_and(|v| v.split_whitespace().nth(1) == Some(version.as_str()))
    };
    if matches("wasm-bindgen") && matches("wasm-bindgen-test-runner") {
        return Ok(());
    }
    println!("setup: installing wasm-bindgen-cli {version} (several minutes, once)");
    run(util::cargo().args([
        "install",
        "--force",
        "wasm-bindgen-cli",
        "--version",
        &version,
    ]))
}

/// wasm-opt, playwright-core and axe-core from npm into `.tools/`, at the versions locked in
/// `xtask/tools/package-lock.json`.
fn npm_tools() -> Result<()> {
    let dir = tools_dir();
    let source = root().join("xtask/tools");
    let lock =
        std::fs::read(source.join("package-lock.json")).map_err(|e| format!("tools lock: {e}"))?;
    let installed_lock = std::fs::read(dir.join("package-lock.json")).ok();
    let ready = installed_lock.as_deref() == Some(lock.as_slice())
        && dir.join("node_modules/.bin/wasm-opt").exists()
        && dir
            .join("node_modules/playwright-core/package.json")
            .exists();
    if ready {
        return Ok(());
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(source.join(file), dir.join(file))
            .map_err(|e| format!("copying {file}: {e}"))?;
    }
    let mut npm = tool("npm");
    npm.current_dir(&dir)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    run(&mut npm)
}

pub fn chromium_path() -> PathBuf {
    which("chromium").unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&util::path_env())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn browser() -> Result<()> {
    if which("chromium").is_some() && which("chromedriver").is_some() {
        return Ok(());
    }
    let install =
        "apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver";
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !is_root {
        return Err(format!(
            "Chromium and ChromeDriver are missing. Install them with:\n  sudo sh -c '{install}'"
        ));
    }
    println!("setup: installing Chromium and ChromeDriver from apt");
    run(Command::new("sh")
        .args(["-c", install])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
