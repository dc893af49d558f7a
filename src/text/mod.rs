//! Text handling: normalization with an offset map, sentence and word
//! segmentation, clitic splits, and page-chrome detection.
//!
//! [`normalize`] folds the spelling variation that real Arabic news text
//! carries, so that later stages can match one form, and keeps a map from
//! every normalized position back to the original input.
//!
//! # What is folded
//!
//! | class | examples | result |
//! |---|---|---|
//! | diacritics (tashkeel, shadda, sukun, superscript alef, Quranic marks) | `الرَّقَّةِ` | `الرقه` |
//! | tatweel | `الطائـرات` | `الطايرات` |
//! | alef forms | `أ إ آ ٱ` | `ا` |
//! | alef maqsura, taa marbuta, hamza seats | `ى ة ؤ ئ` | `ي ه و ي` |
//! | Persian/Urdu letters | `ک ی ۀ ھ گ پ چ ژ ڤ` | `ك ي ه ه ك ب ج ز ف` |
//! | presentation forms, lam-alef ligatures | `ﻻ` | `لا` |
//! | Arabic-Indic and Eastern digits, separators | `٢٠١٧ ۲۰۱۷ ١٫٥ ٢٬٥٠٠` | `2017 2017 1.5 2,500` |
//! | Arabic punctuation | `، ؛ ؟ ٪` | `, ; ? %` |
//! | bidi, zero-width marks, soft hyphen, BOM | `U+200F U+200C U+FEFF` | removed |
//! | quote marks (`« » “ ” „ " '` …) | `و”قسد”` | `و قسد ` |
//! | white space runs (NBSP, thin spaces, tabs) | `a\u{a0}\u{a0}b` | `a b` (a run with a line break becomes `\n`) |
//! | Latin letters | `SDF` | `sdf` |
//!
//! Quote marks become white space so that a name written with quotes
//! (`قوات "سوريا الديمقراطية"`) reads as the plain name; their positions
//! are kept in [`Normalized::quote_marks`] for the sentence splitter.
//!
//! # The offset map
//!
//! The normalized text is a sequence of *pieces*. In a *linear* piece every
//! normalized byte corresponds to the original byte at the same distance
//! from the piece start (verbatim copies and same-length folds such as
//! `ة → ه`); any other piece (a digit `٢ → 2`, a white space run, a
//! ligature) maps as a whole. Removed characters belong to the piece before
//! them. A normalized range therefore maps back to the smallest original
//! range that produced it, always on `char` boundaries:
//!
//! ```
//! let n = hadath::normalize("الرَّقَّةِ ٢٠١٧");
//! assert_eq!(n.as_str(), "الرقه 2017");
//! // "الرقه" is bytes 0..10 of the normalized text ...
//! let span = n.original_span(0..10);
//! // ... and the whole written word, with its diacritics, in the original.
//! assert_eq!(&"الرَّقَّةِ ٢٠١٧"[span], "الرَّقَّةِ");
//! assert_eq!(span.start, 0);
//! assert_eq!(span.end, 20);
//! // "2017" (normalized bytes 11..15) came from four two-byte digits.
//! assert_eq!(n.original_span(11..15), hadath::Span::new(21, 29));
//! ```
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

pub(crate) mod chrome;
mod normalize;
mod segment;

pub use chrome::{ChromeKind, ChromeLine};
pub use normalize::{normalize, Normalized, QuoteDirection, QuoteMark};
pub use segment::{clitic_splits, words, CliticSplit, Sentence};

pub(crate) use chrome::{detect_chrome, ChromeHit, ChromeLexicon};
pub(crate) use normalize::normalize_with_words;
#[cfg(test)]
pub(crate) use segment::word_list;
pub(crate) use segment::{
    enclitic_len, first_word_from, for_each_clitic_split, split_sentences,
    Word,
};

/// For each string, the index of the first one equal to it (its own
/// index when none before it is). Only strings whose byte length another
/// one shares (found by sorting the lengths) are hashed, so a text's
/// lines or sentences, which are mostly of distinct lengths, cost little.
///
/// The table is keyed by the input, so it keeps the standard hasher.
/// The chrome lines and the document events now find their repeats
/// otherwise; this is the reference their tests compare against.
#[cfg(test)]
pub(crate) fn first_occurrences(items: &[&str]) -> Vec<usize> {
    use std::collections::HashMap;
    // Which strings share their length with another: lengths sorted.
    let mut by_len: Vec<(usize, usize)> =
        items.iter().map(|s| s.len()).zip(0..).collect();
    by_len.sort_unstable();
    let mut shared = vec![false; items.len()];
    for w in by_len.windows(2) {
        if let [(a, i), (b, j)] = *w {
            if a == b {
                for k in [i, j] {
                    if let Some(x) = shared.get_mut(k) {
                        *x = true;
                    }
                }
            }
        }
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    items
        .iter()
        .zip(shared)
        .enumerate()
        .map(
            |(i, (s, shared))| {
                if shared {
                    *first.entry(s).or_insert(i)
                } else {
                    i
                }
            },
        )
        .collect()
}

/// Whether a char belongs to a word: a letter or a digit. Arabic letters
/// and ASCII are answered without Unicode tables (the common case).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7F}' => false,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether the two bytes at `i` encode a basic Arabic letter, U+0621 to
/// U+063A or U+0641 to U+064A (the letters [`is_word_char`] and
/// [`is_letter`] answer without tables), tested without decoding.
#[inline(always)]
pub(crate) fn basic_letter_at(b: &[u8], i: usize) -> bool {
    // The two bytes as one number against the two ranges, with no branch
    // on the lead byte (0xD8 or 0xD9 is a coin toss in Arabic text).
    match b.get(i..i + 2) {
        Some(&[x, y]) => {
            let pair = u16::from_be_bytes([x, y]);
            (pair.wrapping_sub(0xD8A1) <= 0xD8BA - 0xD8A1)
                | (pair.wrapping_sub(0xD981) <= 0xD98A - 0xD981)
        }
        _ => false,
    }
}

/// The char at byte `pos` and its length, decoding the one- and two-byte
/// forms (ASCII, Arabic) directly.
#[inline]
pub(crate) fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let b = text.as_bytes();
    let b0 = *b.get(pos)?;
    if b0 < 0x80 {
        return Some((char::from(b0), 1));
    }
    if b0 & 0xE0 == 0xC0 {
        let b1 = *b.get(pos + 1)?;
        let c = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
        return char::from_u32(c).map(|c| (c, 2));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Whether a char is a letter, with the same fast paths.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => false,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    /// `first_occurrences` answers like comparing every pair, on the
    /// lines of every test article (headlines repeated, blank lines) and
    /// on strings of equal lengths.
    #[test]
    fn first_occurrences_match_pairwise() {
        let mut cases: Vec<Vec<String>> = crate::test_texts::articles()
            .iter()
            .map(|a| a.lines().map(str::to_string).collect())
            .collect();
        cases.push(
            ["ab", "cd", "ab", "", "cd", "", "abc", "ab"]
                .map(String::from)
                .to_vec(),
        );
        for lines in cases {
            let items: Vec<&str> = lines.iter().map(String::as_str).collect();
            let want: Vec<usize> = items
                .iter()
                .enumerate()
                .map(|(i, s)| items.iter().position(|t| t == s).unwrap_or(i))
                .collect();
            assert_eq!(first_occurrences(&items), want);
        }
    }

    /// `basic_letter_at` answers like decoding, for every byte pair, at
    /// the end of the text too.
    #[test]
    fn basic_letter_at_matches_decoding() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let decoded = core::str::from_utf8(&[a, b])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| {
                        matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
                    });
                assert_eq!(
                    basic_letter_at(&[a, b], 0),
                    decoded,
                    "{a:#x} {b:#x}"
                );
                assert!(!basic_letter_at(&[a, b], 1));
            }
        }
    }
}
