//! Snapshot tests: every seed article and every article in
//! `tests/articles/` is extracted and its [`hadath::Report`] compared, as
//! YAML, with the committed snapshot in `tests/snapshots/`.
//!
//! A changed extraction fails until it is reviewed: run
//! `cargo insta test --review` and accept or reject each change. On CI
//! (`CI` set) insta never writes snapshots, so an unreviewed change fails.
//!
//! An article's date comes from the `[[article]]` entry with its file name
//! in `seeds/seeds.toml` or `tests/articles/articles.toml`; an article
//! without an entry is extracted without a date (relative times such as
//! `أمس` then stay unresolved).

use hadath::{Extractor, Input};
use std::collections::BTreeMap;
use std::path::Path;

/// File name → date, from an `articles.toml`-style list.
fn dates(list: &Path) -> BTreeMap<String, String> {
    let Ok(meta) = std::fs::read_to_string(list) else {
        return BTreeMap::new();
    };
    let value: toml::Value = toml::from_str(&meta)
        .unwrap_or_else(|e| panic!("{}: {e}", list.display()));
    value
        .get("article")
        .and_then(|a| a.as_array())
        .into_iter()
        .flatten()
        .filter_map(|a| {
            Some((
                a.get("file")?.as_str()?.to_string(),
                a.get("date")?.as_str()?.to_string(),
            ))
        })
        .collect()
}

/// Extracts `path` with its date from `dates` and snapshots the report
/// as `integration__snapshots__<set>@<file>.snap`.
fn snapshot(set: &str, path: &Path, dates: &BTreeMap<String, String>) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let date = dates.get(name);
    let mut input = Input::new(&text);
    if let Some(date) = date {
        input = input.with_date(
            date.parse()
                .unwrap_or_else(|e| panic!("{name}: date {date:?}: {e}")),
        );
    }
    let doc = Extractor::builtin().extract(input);
    let report = hadath::report(&doc);
    insta::with_settings!({
        omit_expression => true,
        description => format!(
            "hadath::report of {name} (date {})",
            date.map_or("none", |d| d.as_str())
        ),
    }, {
        insta::assert_yaml_snapshot!(set, report);
    });
}

#[test]
fn seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dates = dates(&root.join("seeds/seeds.toml"));
    insta::glob!("../seeds", "*.txt", |path| snapshot("seeds", path, &dates));
}

#[test]
fn articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dates = dates(&root.join("tests/articles/articles.toml"));
    insta::glob!("articles/*.txt", |path| snapshot("articles", path, &dates));
}
