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
use core::hash::{BuildHasherDefault, Hasher};
use once_cell::sync::Lazy;
use std::collections::{HashMap, HashSet};

/// A fast hasher for short words (the vocabulary is fixed, so no
/// protection against chosen collisions is needed): eight bytes at a
/// time, rotate, xor and multiply.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(Self::K);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let tail = chunks.remainder();
        let n = tail.len();
        let word = |r: Option<&[u8]>| {
            u64::from(u32::from_le_bytes(
                r.and_then(|r| r.try_into().ok()).unwrap_or_default(),
            ))
        };
        // Two (possibly overlapping) four-byte reads cover four to seven
        // bytes; fewer are read one by one.
        let v = if n >= 4 {
            word(tail.get(..4)) | (word(tail.get(n - 4..)) << 32)
        } else {
            tail.iter().rev().fold(0u64, |v, &b| (v << 8) | u64::from(b))
        };
        self.add(v ^ ((n as u64) << 59));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`WordHasher`]s.
pub(crate) type WordHash = BuildHasherDefault<WordHasher>;

/// A quick hash of a word for the bit filter, in constant time: its
/// length and its first and last eight bytes (a collision only costs a
/// map lookup).
#[inline]
fn filter_hash(w: &str) -> u64 {
    let b = w.as_bytes();
    let n = b.len();
    let eight = |r: Option<&[u8]>| {
        u64::from_le_bytes(
            r.and_then(|r| r.try_into().ok()).unwrap_or_default(),
        )
    };
    let (head, tail) = if n >= 8 {
        (eight(b.get(..8)), eight(b.get(n - 8..)))
    } else {
        let v = b.iter().rev().fold(0u64, |v, &x| (v << 8) | u64::from(x));
        (v, 0)
    };
    let h = head.wrapping_mul(WordHasher::K)
        ^ tail.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ n as u64;
    h.wrapping_mul(WordHasher::K)
}

/// A map from words with a bit filter in front: most words of a text are
/// not keys, and two bit tests reject nearly all of them before any
/// probe or comparison of bytes.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    /// 2^16 bits, two set per key (from two parts of its hash).
    bits: Vec<u64>,
    pub(crate) map: HashMap<String, V, WordHash>,
}

impl<V> WordMap<V> {
    const BITS: usize = 1 << 16;

    /// The map of `map`'s entries.
    pub(crate) fn new(map: HashMap<String, V, WordHash>) -> WordMap<V> {
        let mut bits = vec![0u64; Self::BITS / 64];
        for w in map.keys() {
            for i in Self::bit_indices(filter_hash(w)) {
                if let Some(x) = bits.get_mut(i / 64) {
                    *x |= 1 << (i % 64);
                }
            }
        }
        WordMap { bits, map }
    }

    /// The two filter bits of a hash (its top bits mix best).
    fn bit_indices(h: u64) -> [usize; 2] {
        [(h >> 48) as usize, ((h >> 32) & 0xFFFF) as usize]
    }

    /// The value of `w`.
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        let h = filter_hash(w);
        let maybe = Self::bit_indices(h).iter().all(|&i| {
            self.bits.get(i / 64).is_some_and(|x| x & (1 << (i % 64)) != 0)
        });
        if maybe {
            self.map.get(w)
        } else {
            None
        }
    }

    /// Whether `w` is a key.
    #[inline]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
}

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
