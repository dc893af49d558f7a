//! The test material the unit tests share: the articles of the
//! repository and the texts of the peer suites.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// The files of a folder of the repository with extension `ext`, sorted.
fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// The seed articles, then the test articles.
pub(crate) fn articles() -> Vec<String> {
    ["seeds", "tests/articles"]
        .iter()
        .flat_map(|dir| files(dir, "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// The articles, then every peer-suite text: the material the shortcuts
/// are tested on against their slow paths.
pub(crate) fn all() -> Vec<String> {
    let mut texts = articles();
    texts.extend(peer_texts());
    texts
}

/// Every `text` of the peer suites (`tests/peer/*.json`).
pub(crate) fn peer_texts() -> Vec<String> {
    let mut out = Vec::new();
    for p in files("tests/peer", "json") {
        let src = std::fs::read_to_string(&p).unwrap();
        let v: serde_json::Value = serde_json::from_str(&src).unwrap();
        for case in v.as_array().into_iter().flatten() {
            if let Some(t) = case["text"].as_str() {
                out.push(t.to_string());
            }
        }
    }
    out
}
