//! `cargo xtask dist`: the release build, with its page weight.

use crate::util::{root, run, tool, Result};
use std::path::PathBuf;

/// The page-weight budget: every file the page loads, gzipped.
const BUDGET_GZIP_BYTES: u64 = 250 * 1024;

/// `cargo xtask dist`: build, report, and fail above the budget.
pub fn dist() -> Result<PathBuf> {
    let (dist, total_gz) = build()?;
    if total_gz > BUDGET_GZIP_BYTES {
        return Err(format!(
            "page weight {} gzip is over the budget of {}",
            kb(total_gz),
            kb(BUDGET_GZIP_BYTES)
        ));
    }
    Ok(dist)
}

/// The release build for `serve` and the end-to-end tests: the same build and report, with the budget
/// stated but not enforced (the page weight is tracked as its own piece of work).
pub fn release_build() -> Result<PathBuf> {
    let (dist, total_gz) = build()?;
    if total_gz > BUDGET_GZIP_BYTES {
        println!(
            "warning: page weight {} gzip is over the budget of {} (`cargo xtask dist` fails on this)",
            kb(total_gz),
            kb(BUDGET_GZIP_BYTES)
        );
    }
    Ok(dist)
}

/// The release build and each file's raw and gzip size; returns the folder and the gzip total.
fn build() -> Result<(PathBuf, u64)> {
    crate::setup::setup()?;
    let dist = root().join("dist");
    run(tool("trunk").args(["build", "--release"]))?;
    let mut files = Vec::new();
    collect(&dist, &mut files);
    files.sort();
    let mut total_raw = 0;
    let mut total_gz = 0;
    println!("\n{:<48} {:>10} {:>10}", "file", "raw", "gzip");
    for file in &files {
        let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let gz = gzip_len(&bytes)?;
        total_raw += bytes.len() as u64;
        total_gz += gz;
        let name = file
            .strip_prefix(&dist)
            .unwrap_or(file)
            .display()
            .to_string();
        println!("{name:<48} {:>10} {:>10}", kb(bytes.len() as u64), kb(gz));
    }
    println!("{:<48} {:>10} {:>10}", "total", kb(total_raw), kb(total_gz));
    if total_gz <= BUDGET_GZIP_BYTES {
        println!(
            "page weight within the budget of {} gzip",
            kb(BUDGET_GZIP_BYTES)
        );
    }
    Ok((dist, total_gz))
}

fn collect(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Size after `gzip -9`, as a static host would serve it.
fn gzip_len(bytes: &[u8]) -> Result<u64> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("gzip: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().map_err(|e| format!("gzip: {e}"))?;
    let _ = writer.join();
    Ok(out.stdout.len() as u64)
}
