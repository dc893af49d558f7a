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
