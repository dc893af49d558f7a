//! Throughput of the pipeline stages over the seed articles repeated to a
//! few megabytes. Run with `cargo bench`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

mod common;

fn corpus() -> Vec<String> {
    common::seeds()
}

fn bench(c: &mut Criterion) {
    let seeds = corpus();
    let one: usize = seeds.iter().map(String::len).sum();
    let reps = (4 << 20) / one + 1;
    let articles: Vec<&str> =
        (0..reps).flat_map(|_| seeds.iter().map(String::as_str)).collect();
    let bytes: usize = articles.iter().map(|a| a.len()).sum();

    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(hadath::normalize(a));
            }
        })
    });
    let extractor = hadath::Extractor::builtin();
    g.bench_function("extract", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extractor.extract(*a));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
