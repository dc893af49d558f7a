//! What the benches share: the seed articles as a corpus.

/// The seed articles, sorted by file name.
pub fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("the seeds folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a seed article"))
        .collect()
}

/// The seeds repeated to about `bytes` bytes: (articles, total bytes).
pub fn repeated(seeds: &[String], bytes: usize) -> (Vec<&str>, usize) {
    let one: usize = seeds.iter().map(String::len).sum();
    let reps = bytes / one.max(1) + 1;
    let articles: Vec<&str> =
        (0..reps).flat_map(|_| seeds.iter().map(String::as_str)).collect();
    let total = articles.iter().map(|a| a.len()).sum();
    (articles, total)
}
