//! Throughput of every stage and of the whole extraction over the seed
//! articles repeated to about 20 MB, next to a bare Aho-Corasick pass
//! over the same corpus (every Arabic gazetteer name, alias and demonym,
//! leftmost-longest, on the raw text, no normalization). The ratio
//! `extract / bare_aho_corasick` is the figure of merit of BENCHMARKS.md.
//!
//! ```sh
//! cargo bench --bench pipeline
//! ```
//!
//! Each stage is measured on its own, with its inputs computed once
//! outside the timing loop, so the stage times add up to about the
//! `extract` time (which also builds the output's sentences, chrome lines
//! and document-level events). `extract_many` gives the same documents,
//! each stage run over batches of 256 articles (`extract_many_32`: of 32,
//! as a CLI worker takes them).

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hadath::__stages as stages;
use std::hint::black_box;

mod common;

/// About 20 MB, as the issue asks; `HADATH_BENCH_MB` changes it.
fn corpus_bytes() -> usize {
    std::env::var("HADATH_BENCH_MB")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(20)
        << 20
}

fn bench(c: &mut Criterion) {
    let seeds = common::seeds();
    let (articles, bytes) = common::repeated(&seeds, corpus_bytes());
    let x = hadath::Extractor::builtin();
    let prepared: Vec<_> =
        articles.iter().map(|a| stages::prepare(&x, *a)).collect();
    let entities: Vec<_> =
        prepared.iter().map(|p| stages::entities(&x, p)).collect();
    let quantities: Vec<_> = prepared.iter().map(stages::quantities).collect();
    let times: Vec<_> = prepared.iter().map(stages::times).collect();

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
    g.bench_function("prepare", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(stages::prepare(&x, *a));
            }
        })
    });
    g.bench_function("entities", |b| {
        b.iter(|| {
            for p in &prepared {
                black_box(stages::entities(&x, p));
            }
        })
    });
    g.bench_function("quantities", |b| {
        b.iter(|| {
            for p in &prepared {
                black_box(stages::quantities(p));
            }
        })
    });
    g.bench_function("times", |b| {
        b.iter(|| {
            for p in &prepared {
                black_box(stages::times(p));
            }
        })
    });
    g.bench_function("events", |b| {
        b.iter(|| {
            for (k, p) in prepared.iter().enumerate() {
                black_box(stages::events(
                    &x,
                    p,
                    &entities[k],
                    &quantities[k],
                    &times[k],
                ));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(x.extract(*a));
            }
        })
    });
    // The same documents, stage by stage over batches: of 256, and of
    // 32, the size a CLI worker takes.
    for (name, size) in [("extract_many", BATCH), ("extract_many_32", 32)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for batch in articles.chunks(size) {
                    black_box(x.extract_many(batch.iter().copied()));
                }
            })
        });
    }
    let bare = bare_aho_corasick(x.gazetteer());
    g.bench_function("bare_aho_corasick", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(bare.find_iter(*a).count());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("articles");
    g.sample_size(10);
    g.throughput(Throughput::Elements(articles.len() as u64));
    g.bench_function("extract", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(x.extract(*a));
            }
        })
    });
    g.bench_function("extract_many", |b| {
        b.iter(|| {
            for batch in articles.chunks(BATCH) {
                black_box(x.extract_many(batch.iter().copied()));
            }
        })
    });
    g.finish();
}

/// The batch size of the `extract_many` benches.
const BATCH: usize = 256;

/// Every Arabic name, alias and demonym of the gazetteer, as written.
fn bare_aho_corasick(g: &hadath::Gazetteer) -> AhoCorasick {
    let mut names: Vec<&str> = g
        .entries()
        .iter()
        .flat_map(|e| {
            std::iter::once(&e.name_ar)
                .chain(&e.aliases_ar)
                .chain(&e.demonyms_ar)
        })
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(names)
        .expect("the gazetteer names build an automaton")
}

criterion_group!(benches, bench);
criterion_main!(benches);
