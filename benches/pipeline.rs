//! Throughput of the pipeline stages over the seed articles repeated to a
//! few megabytes. Run with `cargo bench`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

mod common;

fn bench(c: &mut Criterion) {
    let seeds = common::seeds();
    let (articles, bytes) = common::repeated(&seeds, 4 << 20);

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
