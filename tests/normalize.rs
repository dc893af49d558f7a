//! Properties of normalization and its offset map, over the seeds and over
//! generated text mixing Arabic, diacritics, tatweel, Latin, digits of
//! three scripts, emoji, quote marks and bidi marks.

use crate::seeds::seeds;
use hadath::{normalize, Normalized};
use proptest::prelude::*;

/// Checks the offset-map contract for the ranges between exact boundaries
/// `a < b` (every pair within `window` boundaries of each other).
fn check(original: &str, n: &Normalized, window: usize) {
    let text = n.as_str();
    let bounds: Vec<usize> =
        (0..=text.len()).filter(|&i| n.is_exact_boundary(i)).collect();
    assert!(bounds.contains(&0) && bounds.contains(&text.len()));
    let mut last = (0, 0);
    for (k, &a) in bounds.iter().enumerate() {
        // Monotonic: later normalized positions map to later originals.
        let start = n.original_start(a);
        assert!(start >= last.0, "original_start not monotonic at {a}");
        last.0 = start;
        for &b in bounds.iter().skip(k + 1).take(window) {
            let span = n.original_span(a..b);
            let slice = original
                .get(span.range())
                .unwrap_or_else(|| panic!("{span} is off a char boundary"));
            let want = &text[a..b];
            if want.starts_with('\'') || want.ends_with('\'') {
                continue; // a Latin apostrophe depends on its neighbours
            }
            let again = normalize(slice);
            assert_eq!(
                again.as_str().trim_matches([' ', '\n']),
                want.trim_matches([' ', '\n']),
                "normalized {a}..{b} maps to {span} = {slice:?}"
            );
        }
    }
    // The whole text maps to the whole original (unless nothing is left
    // of it, as with a text of bidi marks only).
    if !text.is_empty() {
        assert_eq!(n.original_span(0..text.len()).len(), original.len());
    }
}

#[test]
fn seeds_map_back_exactly() {
    for (text, _) in seeds() {
        let n = normalize(&text);
        check(&text, &n, 3);
    }
}

#[test]
fn seeds_normalize_deterministically() {
    for (text, _) in seeds() {
        assert_eq!(normalize(&text).as_str(), normalize(&text).as_str());
    }
}

/// Pieces the generator strings together.
const PIECES: &[&str] = &[
    "الرقة",
    "الرَّقَّةِ",
    "قـــصف",
    "أيار",
    "إسقاط",
    "آذار",
    "ى",
    "ة",
    "ؤ",
    "ئ",
    "ک",
    "ی",
    "ۀ",
    "ﻻ",
    "ﺍﻟﺮﻗﺔ",
    "\u{064B}",
    "\u{0651}",
    "\u{0670}",
    "\u{0640}",
    "SDF",
    "Don't",
    "ÉTAT",
    "ß",
    "İ",
    "2017",
    "٢٠١٧",
    "۲۰۱۷",
    "١٫٥",
    "٢٬٥٠٠",
    "،",
    "؛",
    "؟",
    "٪",
    ".",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\u{A0}",
    "\u{202F}",
    "\u{200F}",
    "\u{200E}",
    "\u{200C}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{202B}",
    "\u{202C}",
    "\u{2066}",
    "«",
    "»",
    "\"",
    "'",
    "“",
    "”",
    "„",
    "🔥",
    "👍🏽",
    "—",
    "…",
    "(",
    ")",
    "x",
    "ا",
    "و",
];

fn arb_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_text_maps_back_exactly(text in arb_text()) {
        let n = normalize(&text);
        check(&text, &n, 8);
    }

    #[test]
    fn normalization_is_idempotent(text in arb_text()) {
        let once = normalize(&text);
        let twice = normalize(once.as_str());
        prop_assert_eq!(once.as_str(), twice.as_str());
    }

    #[test]
    fn word_spans_hold_their_text(text in arb_text()) {
        let n = normalize(&text);
        for w in hadath::words(n.as_str()) {
            let span = n.original_span(w.clone());
            prop_assert!(text.get(span.range()).is_some());
        }
    }
}
