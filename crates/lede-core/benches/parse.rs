//! Throughput of the whole parse on articles of growing size and on pathological shapes.
//!
//! `cargo xtask bench` (or `cargo bench -p lede-core`). Every group reports bytes per second,
//! so a shape that grows superlinearly shows as falling throughput between its sizes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use lede_core::synth::{self, Pathological};
use std::hint::black_box;

/// One group of synthetic articles, one benchmark per size.
fn article_group(
    c: &mut Criterion,
    name: &str,
    sizes: &[(&str, usize)],
    make: fn(usize, u64) -> String,
) {
    let mut group = c.benchmark_group(name);
    for &(label, bytes) in sizes {
        let text = make(bytes, 42);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if bytes >= 1_000_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| lede_core::parse(black_box(text)))
        });
    }
    group.finish();
}

fn articles(c: &mut Criterion) {
    let sizes = [
        ("5KB", 5_000),
        ("100KB", 100_000),
        ("1MB", 1_000_000),
        ("10MB", 10_000_000),
    ];
    article_group(c, "article", &sizes, synth::article);
    // The same articles without subheads, as most news comes: sectioning then reads every
    // paragraph's words to find the topics, which the subheads otherwise give it.
    article_group(c, "plain", &sizes[..3], synth::plain_article);
}

fn pathological(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for kind in Pathological::ALL {
        for (label, bytes) in [("100KB", 100_000), ("1MB", 1_000_000)] {
            let text = synth::pathological(kind, bytes);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(kind.name(), label), &text, |b, text| {
                b.iter(|| lede_core::parse(black_box(text)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, articles, pathological);
criterion_main!(benches);
