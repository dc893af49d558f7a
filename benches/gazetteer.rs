//! The gazetteer: matcher build time, and matching throughput over the
//! seed articles repeated to a few megabytes. Run with
//! `cargo bench --bench gazetteer`.
//!
//! `extract` runs the whole pipeline; `normalize` is the baseline it
//! includes, so the gazetteer's own cost is roughly their difference (on
//! the gazetteer branch the other stages are still empty).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

mod common;

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("gazetteer_build");
    g.sample_size(10);
    g.bench_function("builder_build", |b| {
        b.iter(|| black_box(hadath::Extractor::builder().build().unwrap()))
    });
    g.finish();
}

fn throughput(c: &mut Criterion) {
    let seeds = common::seeds();
    let (articles, bytes) = common::repeated(&seeds, 4 << 20);
    let extractor = hadath::Extractor::builtin();
    let mut g = c.benchmark_group("gazetteer_match");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(hadath::normalize(a));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extractor.extract(*a));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, build, throughput);
criterion_main!(benches);
