//! A cheap test of whether a number can start at a word: most words of
//! a news text are not numbers, and the full readers (the parser, the
//! dual, definite and `نيف` readers) cost far more than one lookup.
//!
//! [`may_start`] accepts a word start when it is a digit, when its letters
//! are followed by a digit (`بـ65`, `الـ25`), or when its letters are one
//! of the words in [`STARTS`]: every first word that a reader can accept,
//! built from the same vocabulary and clitic lists the readers use. It
//! never rejects a word where a reader succeeds (tested over the peer
//! suites and the seed articles).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::parse::{
    ORDINAL_CLITICS, ORDINAL_LAM_CLITICS, VAGUE_ARTICLES, WORD_CLITICS,
};
use super::vocabulary as voc;
use super::{DUAL_CLITICS, DUAL_ENDINGS, NAYYIF};
use once_cell::sync::Lazy;

use crate::hash::{token_hash, WordTable};

/// Every word (letters only) a reader can take as the first word of a
/// number, with its clitics. A word built twice is kept twice (the
/// table answers with the first), which is cheaper to build than a set.
pub(crate) static STARTS: Lazy<WordTable<()>> = Lazy::new(|| {
    let mut s: Vec<String> = Vec::with_capacity(1 << 13);
    let with = |set: &mut Vec<String>, cls: &[&str], w: &str| {
        set.extend(cls.iter().map(|cl| [cl, w].concat()));
    };
    for w in voc::CARDINALS.entries().map(|(w, _)| w) {
        // `lex`: the word, `و` + word, a clitic chain + word, the article
        // on a vague amount; `definite_count`: `ال` + word.
        with(&mut s, &["", "و", "ال"], w);
        with(&mut s, WORD_CLITICS, w);
        with(&mut s, VAGUE_ARTICLES, w);
    }
    for w in voc::ORDINAL_WORDS.entries().map(|(w, _)| w) {
        with(&mut s, &[""], w);
        with(&mut s, ORDINAL_CLITICS, w);
        if let Some(rest) = w.strip_prefix("ال") {
            with(&mut s, ORDINAL_LAM_CLITICS, rest);
        }
    }
    for w in voc::ORDINAL_TEN_WORDS.entries().map(|(w, _)| w) {
        with(&mut s, &["", "و"], w);
    }
    for (stem, _) in voc::DUAL_STEMS.entries() {
        for e in DUAL_ENDINGS {
            with(&mut s, DUAL_CLITICS, &format!("{stem}{e}"));
        }
    }
    with(&mut s, &["", "و"], NAYYIF);
    WordTable::new(16, s.into_iter().map(|w| (w, ())))
});

/// Whether a number (or a dual count) may start at the word start `pos`,
/// whose run of letters ends at `letters_end` (as the readers take it:
/// `crate::text::is_letter`). `false` means that no reader succeeds there.
pub(crate) fn may_start(text: &str, pos: usize, letters_end: usize) -> bool {
    may_start_at(text.as_bytes(), pos, letters_end)
}

/// [`may_start`] on the bytes of the text: the letters are hashed in
/// place, without slicing them out.
#[inline(always)]
pub(crate) fn may_start_at(b: &[u8], pos: usize, letters_end: usize) -> bool {
    if b.get(pos).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    if letters_end <= pos {
        return false;
    }
    if b.get(letters_end).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    let h = token_hash(b, pos, letters_end);
    STARTS.may_contain_hash(h)
        && b.get(pos..letters_end)
            .is_some_and(|w| STARTS.probe(w, h).is_some())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::hash::str_hash;

    /// The filter of `STARTS` passes every start word, and rejects most
    /// words of the test articles before any probe.
    #[test]
    fn start_filter_keeps_every_start() {
        let passes = |w: &str| STARTS.may_contain_hash(str_hash(w));
        for (w, _) in STARTS.entries() {
            assert!(passes(w), "{w}");
        }
        let text = crate::test_texts::articles().join(" ");
        let n = crate::normalize(&text);
        let words: Vec<&str> =
            crate::words(n.as_str()).map(|r| &n.as_str()[r]).collect();
        let passed = words.iter().filter(|w| passes(w)).count();
        assert!(passed * 2 < words.len(), "{passed} of {}", words.len());
        for w in &words {
            if STARTS.get(w).is_some() {
                assert!(passes(w), "{w}");
            }
        }
    }
}
