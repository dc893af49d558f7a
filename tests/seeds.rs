//! The seed articles run through the whole pipeline.

use hadath::Extractor;
use std::path::Path;

/// (file, date) for every seed, from `seeds/seeds.toml`.
pub fn seeds() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let meta = std::fs::read_to_string(root.join("seeds/seeds.toml")).unwrap();
    let value: toml::Value = toml::from_str(&meta).unwrap();
    value["article"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let file = a["file"].as_str().unwrap();
            let text = std::fs::read_to_string(root.join("seeds").join(file))
                .unwrap();
            (text, a["date"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn every_seed_is_listed_with_a_date() {
    assert_eq!(seeds().len(), 5);
}

#[test]
fn every_span_holds_its_text() {
    let ex = Extractor::builtin();
    for (text, date) in seeds() {
        let doc = ex.extract(
            hadath::Input::new(&text).with_date(date.parse().unwrap()),
        );
        let json = serde_json::to_value(&doc).unwrap();
        let mut n = 0;
        check_spans(&text, &json, &mut n);
        assert!(n > 10, "too few spans checked: {n}");
    }
}

/// Walks the JSON and checks every object with text/start/end.
fn check_spans(text: &str, v: &serde_json::Value, n: &mut usize) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(t), Some(s), Some(e)) =
                (m.get("text"), m.get("start"), m.get("end"))
            {
                let (s, e) = (
                    s.as_u64().unwrap() as usize,
                    e.as_u64().unwrap() as usize,
                );
                assert_eq!(&text[s..e], t.as_str().unwrap());
                let cs = m["char_start"].as_u64().unwrap() as usize;
                let ce = m["char_end"].as_u64().unwrap() as usize;
                assert_eq!(text[..s].chars().count(), cs);
                assert_eq!(text[..e].chars().count(), ce);
                *n += 1;
            }
            for x in m.values() {
                check_spans(text, x, n);
            }
        }
        serde_json::Value::Array(a) => {
            a.iter().for_each(|x| check_spans(text, x, n))
        }
        _ => {}
    }
}

/// `extract_many` gives, document for document, what `extract` gives:
/// over the seeds with their dates, the test articles without, the
/// whole lot twice (repeats in one batch) and an empty text.
#[test]
fn extract_many_matches_extract() {
    let ex = Extractor::builtin();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = seeds();
    let mut inputs: Vec<hadath::Input<'_>> = seeds
        .iter()
        .map(|(t, d)| hadath::Input::new(t).with_date(d.parse().unwrap()))
        .collect();
    let articles: Vec<String> = std::fs::read_dir(root.join("tests/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(!articles.is_empty());
    inputs.extend(articles.iter().map(|t| hadath::Input::new(t)));
    inputs.push(hadath::Input::new(""));
    let twice: Vec<_> = inputs.iter().chain(&inputs).copied().collect();
    let many = ex.extract_many(twice.iter().copied());
    assert_eq!(many.len(), twice.len());
    for (doc, &input) in many.iter().zip(&twice) {
        assert_eq!(*doc, ex.extract(input));
    }
    assert!(ex.extract_many(Vec::<&str>::new()).is_empty());
}
