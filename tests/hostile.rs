//! Hostile input: each case of the issue at about 200 KB runs through
//! the whole pipeline and yields valid JSON with exact spans and output
//! proportional to the input. (How the time grows with the size is
//! measured by the criterion benchmark `benches/hostile.rs`, not here.)

use crate::harness;
mod inputs;

/// Large enough to expose quadratic behaviour as a very slow test, small
/// enough for the debug test suite.
const SIZE: usize = 200 * 1024;

/// The pipeline's properties, and output no more than a fixed multiple
/// of the input.
fn check(name: &str, text: &str) {
    assert!(text.len() >= SIZE, "{name}: only {} bytes", text.len());
    let json = harness::check_extract(text);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["len"], text.len(), "{name}");
    assert!(
        json.len() < 200 * text.len() + 4096,
        "{name}: {} bytes of JSON for {} bytes of input",
        json.len(),
        text.len()
    );
}

#[test]
fn megabytes_without_a_space_or_newline() {
    let text = inputs::no_space(SIZE);
    check("no_space", &text);
    assert!(!text.contains([' ', '\n']));
}

#[test]
fn ten_thousand_chained_scale_words() {
    let text = inputs::scale_words(SIZE);
    assert!(text.matches("ألف").count() >= 10_000);
    check("scale_words", &text);
    let doc = hadath::Extractor::builtin().extract(&text[..]);
    for q in &doc.quantities {
        for v in [q.value, q.min, q.max].into_iter().flatten() {
            assert!(v.is_finite() || q.overflow, "{v} in {:?}", q.loc.text);
        }
    }
}

#[test]
fn pages_of_only_diacritics() {
    let text = inputs::cases(SIZE).remove(2).1;
    check("diacritics", &text);
    let doc = hadath::Extractor::builtin().extract(&text[..]);
    assert!(doc.entities.is_empty() && doc.events.is_empty());
}

#[test]
fn pages_of_only_bidi_marks() {
    let text = inputs::cases(SIZE).remove(3).1;
    check("bidi_marks", &text);
    let doc = hadath::Extractor::builtin().extract(&text[..]);
    assert!(doc.entities.is_empty() && doc.events.is_empty());
}

#[test]
fn many_repeated_sentences() {
    let text = inputs::repeated_sentences(SIZE);
    check("repeated_sentences", &text);
    let doc = hadath::Extractor::builtin().extract(&text[..]);
    let n = text.matches(". ").count();
    assert_eq!(doc.sentences.len(), n);
    assert!(doc.entities.len() >= 2 * n, "{} entities", doc.entities.len());
}

#[test]
fn random_code_points() {
    for seed in [1, 0x5eed, 0xdead_beef] {
        check("random", &inputs::random_code_points(SIZE, seed));
    }
}

#[test]
fn deeply_nested_quote_marks() {
    let text = inputs::nested_quotes(SIZE);
    check("nested_quotes", &text);
    let doc = hadath::Extractor::builtin().extract(&text[..]);
    assert!(doc.entities.iter().any(|e| e.loc.text == "الرقة"));
}

#[test]
fn every_case_has_a_name_and_its_size() {
    let cases = inputs::cases(1024);
    assert_eq!(cases.len(), 7);
    assert!(cases.iter().all(|(_, t)| t.len() >= 1024));
}
