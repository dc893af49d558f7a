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
use std::collections::HashSet;

use crate::hash::{WordHash, WordMap};

/// Every word (letters only) a reader can take as the first word of a
/// number, with its clitics.
pub(crate) static STARTS: Lazy<WordMap<()>> = Lazy::new(|| {
    let mut s: HashSet<String, WordHash> = HashSet::default();
    let with = |set: &mut HashSet<String, WordHash>, cls: &[&str], w: &str| {
        for cl in cls {
            set.insert(format!("{cl}{w}"));
        }
    };
    for w in voc::CARDINALS.keys() {
        // `lex`: the word, `و` + word, a clitic chain + word, the article
        // on a vague amount; `definite_count`: `ال` + word.
        with(&mut s, &["", "و", "ال"], w);
        with(&mut s, WORD_CLITICS, w);
        with(&mut s, VAGUE_ARTICLES, w);
    }
    for w in voc::ORDINAL_WORDS.keys() {
        with(&mut s, &[""], w);
        with(&mut s, ORDINAL_CLITICS, w);
        if let Some(rest) = w.strip_prefix("ال") {
            with(&mut s, ORDINAL_LAM_CLITICS, rest);
        }
    }
    for w in voc::ORDINAL_TEN_WORDS.keys() {
        with(&mut s, &["", "و"], w);
    }
    for stem in voc::DUAL_STEMS.iter() {
        for e in DUAL_ENDINGS {
            with(&mut s, DUAL_CLITICS, &format!("{stem}{e}"));
        }
    }
    with(&mut s, &["", "و"], NAYYIF);
    WordMap::new(s.into_iter().map(|w| (w, ())).collect())
});

/// Whether a number (or a dual count) may start at the word start `pos`,
/// whose run of letters ends at `letters_end` (as the readers take it:
/// `crate::text::is_letter`). `false` means that no reader succeeds there.
pub(crate) fn may_start(text: &str, pos: usize, letters_end: usize) -> bool {
    let b = text.as_bytes();
    if b.get(pos).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    let w = text.get(pos..letters_end).unwrap_or_default();
    if w.is_empty() {
        return false;
    }
    b.get(letters_end).is_some_and(u8::is_ascii_digit) || STARTS.contains(w)
}
