//! Building the extractor with the built-in data (gazetteers, lexicons,
//! chrome vocabulary): the `Extractor::builtin()` target of
//! BENCHMARKS.md. Run with `cargo bench --bench gazetteer`.
//!
//! Matching throughput is measured with the other stages by
//! `benches/pipeline.rs` (`stages/entities`).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("gazetteer_build");
    g.sample_size(10);
    g.bench_function("builder_build", |b| {
        b.iter(|| black_box(hadath::Extractor::builder().build().unwrap()))
    });
    g.finish();
}

criterion_group!(benches, build);
criterion_main!(benches);
