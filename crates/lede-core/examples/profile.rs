//! Parse a mixed corpus repeatedly, for profilers and quick timings.
//!
//! `cargo run --profile release-native -p lede-core --example profile -- [BYTES] [REPEAT] [JSONL...]`
//!
//! The corpus is a synthetic article of about BYTES/2 bytes followed by the `text` fields of the
//! given JSON-lines files (read at run time) until it holds about BYTES bytes. Prints the bytes,
//! the time per parse and the throughput. With `LEDE_DUMP=FILE` it also writes the parsed
//! document of the corpus and of each article as JSON lines, to compare two builds' output.
//! With `LEDE_PLAIN=1` the synthetic article has no subheads. With `LEDE_EACH=1` it parses the given files' articles one at a time instead, as a reader
//! pastes them (the synthetic article is left out).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let bytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let repeat: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let files: Vec<String> = args.collect();

    let mut text = if std::env::var_os("LEDE_PLAIN").is_some() {
        lede_core::synth::plain_article(bytes / 2, 42)
    } else {
        lede_core::synth::article(bytes / 2, 42)
    };
    let mut articles = vec![text.clone()];
    'fill: for path in &files {
        let Ok(content) = std::fs::read_to_string(path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        for line in content.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(article) = value.get("text").and_then(|t| t.as_str()) {
                text.push_str("\n\n");
                text.push_str(article);
                articles.push(article.to_string());
                if text.len() >= bytes {
                    break 'fill;
                }
            }
        }
    }

    if let Ok(path) = std::env::var("LEDE_DUMP") {
        let mut out = String::new();
        for article in std::iter::once(&text).chain(&articles) {
            let doc = lede_core::parse(article);
            out.push_str(&serde_json::to_string(&doc).unwrap_or_default());
            out.push('\n');
        }
        if let Err(e) = std::fs::write(&path, out) {
            eprintln!("cannot write {path}: {e}");
        }
    }

    if std::env::var_os("LEDE_EACH").is_some() {
        let articles = &articles[1..];
        let bytes: usize = articles.iter().map(String::len).sum();
        let start = Instant::now();
        for _ in 0..repeat.max(1) {
            for article in articles {
                std::hint::black_box(lede_core::parse(std::hint::black_box(article)));
            }
        }
        let per = start.elapsed().as_secs_f64() / repeat.max(1) as f64;
        println!(
            "{} articles, {bytes} bytes, {:.2} ms for all, {:.1} MB/s",
            articles.len(),
            per * 1e3,
            bytes as f64 / per / 1e6
        );
        return;
    }
    let start = Instant::now();
    let mut quotes = 0;
    for _ in 0..repeat.max(1) {
        let doc = lede_core::parse(std::hint::black_box(&text));
        quotes += doc.quotes.len();
    }
    let per = start.elapsed().as_secs_f64() / repeat.max(1) as f64;
    println!(
        "{} bytes, {} quotes, {:.2} ms per parse, {:.1} MB/s",
        text.len(),
        quotes / repeat.max(1),
        per * 1e3,
        text.len() as f64 / per / 1e6
    );
}
