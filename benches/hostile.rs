//! Hostile input at several sizes: the time per byte should stay flat
//! (linear growth). Run with `cargo bench --bench hostile`; the figures
//! are in BENCHMARKS.md.

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, Throughput,
};
use std::hint::black_box;

#[path = "../tests/hostile/inputs.rs"]
mod inputs;

const SIZES: [usize; 3] = [64 << 10, 256 << 10, 1 << 20];

fn bench(c: &mut Criterion) {
    let extractor = hadath::Extractor::builtin();
    let names: Vec<&str> = inputs::cases(16).iter().map(|(n, _)| *n).collect();
    for (i, name) in names.iter().enumerate() {
        let mut g = c.benchmark_group(format!("hostile/{name}"));
        g.sample_size(10);
        for size in SIZES {
            let Some((_, text)) = inputs::cases(size).into_iter().nth(i)
            else {
                continue;
            };
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(
                BenchmarkId::from_parameter(size >> 10),
                &text,
                |b, text| b.iter(|| black_box(extractor.extract(&text[..]))),
            );
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
