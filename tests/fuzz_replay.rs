//! Replays the committed fuzz seed corpora (`fuzz/seeds/<target>/`) and
//! every crash reproducer (`tests/fuzz/testdata/`) through the same
//! property checks the fuzz targets assert, on stable and without
//! cargo-fuzz.

use std::path::{Path, PathBuf};

use crate::harness;

/// The files directly inside `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs one target's check on every file of its seed corpus.
fn replay(target: &str, check: fn(&str)) {
    let files = files(&root().join("fuzz/seeds").join(target));
    assert!(!files.is_empty(), "no seeds for {target}");
    for path in files {
        let data = std::fs::read(&path).unwrap();
        if let Some(text) = harness::text(&data) {
            eprintln!("{target}: {}", path.display());
            check(text);
        }
    }
}

#[test]
fn normalize_seeds() {
    replay("normalize", harness::check_normalize);
}

#[test]
fn matcher_seeds() {
    replay("matcher", harness::check_matcher);
}

#[test]
fn numbers_seeds() {
    replay("numbers", harness::check_numbers);
}

#[test]
fn time_seeds() {
    replay("time", harness::check_time);
}

#[test]
fn extract_seeds() {
    replay("extract", |t| {
        harness::check_extract(t);
    });
}

/// Every seed of every target through every check.
#[test]
fn all_checks_on_all_seeds() {
    let targets = ["normalize", "matcher", "numbers", "time", "extract"];
    for target in targets {
        for path in files(&root().join("fuzz/seeds").join(target)) {
            harness::check_all(&std::fs::read(&path).unwrap());
        }
    }
}

/// Crash reproducers found by fuzzing (`<target>-crash-<sha>`), each
/// through every check.
#[test]
fn crash_reproducers() {
    for path in files(&root().join("tests/fuzz/testdata")) {
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        eprintln!("reproducer: {}", path.display());
        harness::check_all(&std::fs::read(&path).unwrap());
    }
}

/// Invalid UTF-8 is a typed error naming the first bad byte.
#[test]
fn invalid_utf8_is_a_typed_error() {
    assert!(harness::text(b"\xd8\xb1\xd9").is_none());
    assert!(harness::text("الرقة".as_bytes()).is_some());
}
