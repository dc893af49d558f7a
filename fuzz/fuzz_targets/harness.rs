//! The properties every fuzz target asserts, shared with the stable
//! replay, property and hostile-input tests of the main crate
//! (`#[path = "../fuzz/fuzz_targets/harness.rs"] mod harness;`), so the
//! fuzzer and `cargo test` check the same things.
//!
//! Each `check_*` function panics (fails) when a property does not hold:
//!
//! * nothing panics, on any input;
//! * every span lies on char boundaries of the input and its `text` is
//!   exactly `&input[start..end]`; its `char_start`/`char_end` count the
//!   chars before those offsets;
//! * normalization round-trips: the offset map is monotonic, normalizing
//!   twice changes nothing, and the original slice of a normalized word
//!   normalizes back to that word;
//! * the output is deterministic: two runs serialize to identical JSON.
#![allow(dead_code)] // Each fuzz target uses a part of it.

use hadath::{Extractor, Input};
use serde_json::Value;

/// Inputs longer than this are skipped by the fuzz targets (the hostile
/// input tests cover big inputs).
pub const MAX_LEN: usize = 1 << 16;

/// The bytes as text; for invalid UTF-8, checks that the typed error
/// names the first bad byte and returns `None`.
pub fn text(data: &[u8]) -> Option<&str> {
    match std::str::from_utf8(data) {
        Ok(s) => {
            assert!(Input::from_bytes(data).is_ok());
            Some(s)
        }
        Err(e) => {
            let err = Input::from_bytes(data)
                .expect_err("invalid UTF-8 must be an error");
            assert!(
                matches!(err.kind(), hadath::ErrorKind::InvalidUtf8 { offset } if *offset == e.valid_up_to()),
                "{err:?} for a UTF-8 error at {}",
                e.valid_up_to()
            );
            None
        }
    }
}

/// Char counts at every byte offset of `text` (for char boundaries; other
/// offsets are never asked for after the boundary check).
pub struct Chars(Vec<usize>);

impl Chars {
    pub fn new(text: &str) -> Chars {
        let mut v = vec![0; text.len() + 1];
        let mut n = 0;
        for (i, c) in text.char_indices() {
            for slot in v.iter_mut().skip(i).take(c.len_utf8()) {
                *slot = n;
            }
            n += 1;
        }
        if let Some(last) = v.last_mut() {
            *last = n;
        }
        Chars(v)
    }

    fn at(&self, byte: usize) -> usize {
        self.0.get(byte).copied().unwrap_or(usize::MAX)
    }
}

/// Normalization: the offset map is monotonic, stays on char boundaries
/// inside the input, and every normalized word whose ends map exactly
/// round-trips (its original slice normalizes back to it). Normalizing is
/// deterministic.
pub fn check_normalize(text: &str) {
    let n = hadath::normalize(text);
    let norm = n.as_str();
    assert_eq!(n.original_len(), text.len());
    assert_eq!(norm, hadath::normalize(text).as_str(), "not deterministic");
    let mut last = 0;
    for i in (0..=norm.len()).filter(|&i| n.is_exact_boundary(i)) {
        assert!(norm.is_char_boundary(i), "exact boundary {i} inside a char");
        let start = n.original_start(i);
        assert!(
            start >= last,
            "offset map goes back at {i}: {start} < {last}"
        );
        assert!(start <= text.len() && text.is_char_boundary(start));
        last = start;
    }
    assert_eq!(
        hadath::normalize(norm).as_str(),
        norm,
        "normalizing twice changes the text"
    );
    let all = n.original_span(0..norm.len());
    assert!(all.get(text).is_some(), "{all:?} is not a span of the input");
    for w in hadath::words(norm) {
        if !(n.is_exact_boundary(w.start) && n.is_exact_boundary(w.end)) {
            continue;
        }
        let span = n.original_span(w.clone());
        let orig = span.get(text).unwrap_or_else(|| {
            panic!("word {w:?} maps to {span:?}, not a span of the input")
        });
        let back = n.normalized_range(span);
        assert!(
            back.start <= w.start && back.end >= w.end,
            "{w:?} -> {span:?} -> {back:?}"
        );
        let again = hadath::normalize(orig);
        assert_eq!(
            again.as_str().trim(),
            norm.get(w.clone()).unwrap_or_default().trim(),
            "word {w:?} of the normalized text does not round-trip through {orig:?}"
        );
    }
}

/// Walks JSON output and checks every object with `start` and `end`
/// against the input; returns how many spans were checked.
pub fn check_json_spans(text: &str, json: &Value) -> usize {
    let chars = Chars::new(text);
    let mut n = 0;
    walk(text, &chars, json, &mut n);
    n
}

fn walk(text: &str, chars: &Chars, v: &Value, n: &mut usize) {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e)) = (m.get("start"), m.get("end")) {
                let s = s.as_u64().expect("start is a number") as usize;
                let e = e.as_u64().expect("end is a number") as usize;
                assert!(
                    s <= e && e <= text.len(),
                    "span {s}..{e} out of 0..{}",
                    text.len()
                );
                assert!(
                    text.is_char_boundary(s) && text.is_char_boundary(e),
                    "span {s}..{e} not on char boundaries"
                );
                if let Some(t) = m.get("text") {
                    assert_eq!(
                        text.get(s..e),
                        t.as_str(),
                        "span {s}..{e} does not hold its text"
                    );
                }
                if let (Some(cs), Some(ce)) =
                    (m.get("char_start"), m.get("char_end"))
                {
                    assert_eq!(
                        cs.as_u64(),
                        Some(chars.at(s) as u64),
                        "char_start of {s}..{e}"
                    );
                    assert_eq!(
                        ce.as_u64(),
                        Some(chars.at(e) as u64),
                        "char_end of {s}..{e}"
                    );
                }
                *n += 1;
            }
            m.values().for_each(|x| walk(text, chars, x, n));
        }
        Value::Array(a) => a.iter().for_each(|x| walk(text, chars, x, n)),
        _ => {}
    }
}

/// The whole pipeline, with and without a date: every span exact, the
/// document serializes, two runs give identical JSON, and the report
/// builds. Returns the JSON of the dated run.
pub fn check_extract(text: &str) -> String {
    let ex = Extractor::builtin();
    let date = "2017-06-01".parse().expect("a valid date");
    let doc = ex.extract(Input::new(text).with_date(date));
    let json = serde_json::to_string(&doc).expect("the document serializes");
    let again =
        serde_json::to_string(&ex.extract(Input::new(text).with_date(date)))
            .expect("the document serializes");
    assert!(json == again, "two extractions of the same input differ");
    let value: Value = serde_json::from_str(&json).expect("valid JSON");
    check_json_spans(text, &value);
    assert_eq!(doc.len, text.len());
    let report = hadath::report(&doc);
    assert_eq!(report.events.len(), doc.events.len());
    serde_json::to_string(&report).expect("the report serializes");
    let undated = ex.extract(text);
    check_json_spans(
        text,
        &serde_json::to_value(&undated).expect("serializes"),
    );
    json
}

/// The gazetteer matcher: every entity's span is exact and non-empty,
/// entities are in text order and do not overlap, and the same text gives
/// the same entities.
pub fn check_matcher(text: &str) {
    let ex = Extractor::builtin();
    let doc = ex.extract(text);
    let chars = Chars::new(text);
    let mut last = 0;
    for e in &doc.entities {
        assert!(
            text.is_char_boundary(e.loc.start)
                && text.is_char_boundary(e.loc.end)
        );
        assert_eq!(
            text.get(e.loc.start..e.loc.end),
            Some(e.loc.text.as_str())
        );
        assert_eq!(
            (e.loc.char_start, e.loc.char_end),
            (chars.at(e.loc.start), chars.at(e.loc.end))
        );
        assert!(e.loc.start < e.loc.end, "empty entity {e:?}");
        assert!(
            e.loc.start >= last,
            "entities out of order or overlapping at {}",
            e.loc.start
        );
        last = e.loc.end;
        if let Some(h) = &e.head {
            assert_eq!(text.get(h.start..h.end), Some(h.text.as_str()));
        }
    }
    assert_eq!(
        doc.entities,
        ex.extract(text).entities,
        "entities differ between runs"
    );
}

/// Numbers: [`hadath::parse_number`] on the whole input and on every
/// quantity's text never panics and is deterministic; every quantity's
/// span is exact, its value finite, and `min <= max`.
pub fn check_numbers(text: &str) {
    let a = hadath::parse_number(text);
    assert_eq!(format!("{a:?}"), format!("{:?}", hadath::parse_number(text)));
    if let Some(n) = a {
        assert!(!n.value.is_nan(), "NaN from {text:?}");
    }
    let doc = Extractor::builtin().extract(text);
    for q in &doc.quantities {
        assert_eq!(
            text.get(q.loc.start..q.loc.end),
            Some(q.loc.text.as_str())
        );
        for v in [q.value, q.min, q.max].into_iter().flatten() {
            assert!(v.is_finite() || q.overflow, "{v} in {q:?}");
        }
        if let (Some(lo), Some(hi)) = (q.min, q.max) {
            assert!(lo <= hi, "min > max in {q:?}");
        }
        let _ = hadath::parse_number(&q.loc.text);
    }
}

/// Times: [`hadath::parse_time`] with and without an anchor never panics
/// and is deterministic; every extracted time's span is exact and its
/// window is in order (`from <= to`).
pub fn check_time(text: &str) {
    let anchor = "2017-06-01T00:00:00".parse().ok();
    for a in [None, anchor] {
        let v = hadath::parse_time(text, a);
        assert_eq!(
            format!("{v:?}"),
            format!("{:?}", hadath::parse_time(text, a))
        );
        if let Some(v) = v {
            if let (Some(f), Some(t)) = (v.from, v.to) {
                assert!(f <= t, "from after to for {text:?}: {v:?}");
            }
        }
    }
    let date = "2017-06-01".parse().expect("a valid date");
    let doc = Extractor::builtin().extract(Input::new(text).with_date(date));
    for t in &doc.times {
        assert_eq!(
            text.get(t.loc.start..t.loc.end),
            Some(t.loc.text.as_str())
        );
        if let (Some(f), Some(to)) = (t.value.from, t.value.to) {
            assert!(
                f <= to,
                "from after to for {:?}: {:?}",
                t.loc.text,
                t.value
            );
        }
        let _ = hadath::parse_time(&t.loc.text, anchor);
    }
}

/// Every check, for the replay of committed corpora.
pub fn check_all(data: &[u8]) {
    let Some(text) = text(data) else { return };
    check_normalize(text);
    check_matcher(text);
    check_numbers(text);
    check_time(text);
    check_extract(text);
}

/// The `main` of a fuzz target built without cargo-fuzz (plain
/// `cargo build` on stable): runs `run` on every file named on the command
/// line, and on every file inside a directory named there, so
/// `./target/debug/extract seeds/extract/` replays a corpus.
pub fn replay_main<T>(run: fn(&[u8]) -> T) {
    let mut n = 0;
    for arg in std::env::args_os().skip(1) {
        let path = std::path::PathBuf::from(arg);
        let files: Vec<std::path::PathBuf> = if path.is_dir() {
            let mut v: Vec<_> = std::fs::read_dir(&path)
                .expect("a readable directory")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            v.sort();
            v
        } else {
            vec![path]
        };
        for f in files {
            let data = std::fs::read(&f).expect("a readable file");
            run(&data);
            n += 1;
        }
    }
    eprintln!("{n} inputs passed");
}
