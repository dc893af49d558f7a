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

use crate::hash::token_hash;

/// The start words' hashes ([`token_hash`]): a filter of one bit per
/// hash over 2^16 bits, and an open-addressing set of the hashes
/// themselves. A hash stands for its words: those of its length and
/// first and last eight bytes (one word up to sixteen bytes). A longer
/// word that shares them with a start word is sent to the readers, which
/// decide.
pub(crate) struct Starts {
    /// 2^16 bits: the top 16 bits of a hash.
    bits: Box<[u64; 1024]>,
    /// The hashes, at most half the slots used; 0 is an empty slot.
    slots: Vec<u64>,
    /// The shift that takes a hash to its home slot (its top bits).
    shift: u32,
    /// Whether a start word hashes to 0 (which no slot can hold).
    zero: bool,
}

impl Starts {
    /// The set of `hashes`.
    fn new(hashes: &[u64]) -> Starts {
        let mut bits = Box::new([0u64; 1024]);
        let size = (2 * hashes.len()).next_power_of_two().max(2);
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![0u64; size];
        let mut zero = false;
        for &h in hashes {
            let i = Self::bit_index(h);
            if let Some(x) = bits.get_mut(i / 64) {
                *x |= 1 << (i % 64);
            }
            if h == 0 {
                zero = true;
                continue;
            }
            let mut i = (h >> shift) as usize;
            while let Some(&x) = slots.get(i) {
                if x == 0 || x == h {
                    break;
                }
                i = (i + 1) & (size - 1);
            }
            if let Some(x) = slots.get_mut(i) {
                *x = h;
            }
        }
        Starts { bits, slots, shift, zero }
    }

    /// The filter bit of a hash.
    #[inline(always)]
    fn bit_index(h: u64) -> usize {
        (h >> 48) as usize
    }

    /// Whether a word whose [`token_hash`] is `h` may be a start word
    /// (it is not when this is false): one bit test. About one bit in
    /// seventeen is set; a word that passes is probed.
    #[inline(always)]
    pub(crate) fn may_contain_hash(&self, h: u64) -> bool {
        let i = Self::bit_index(h);
        self.bits.get(i / 64).is_some_and(|x| x >> (i % 64) & 1 != 0)
    }

    /// Whether `h` is the hash of a start word (without the filter: ask
    /// [`Starts::may_contain_hash`] first).
    #[inline]
    pub(crate) fn contains_hash(&self, h: u64) -> bool {
        if h == 0 {
            return self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            match self.slots.get(i) {
                Some(&x) if x == h => return true,
                Some(&0) | None => return false,
                Some(_) => i = (i + 1) & mask,
            }
        }
    }
}

/// Calls `f` with the parts (a clitic chain and a word) of every word
/// (letters only) a reader can take as the first word of a number. A
/// word may come more than once.
fn each_start_word(mut f: impl FnMut(&str, &str)) {
    let mut with = |cls: &[&str], w: &str| {
        for cl in cls {
            f(cl, w);
        }
    };
    for (w, x) in voc::CARDINALS.entries() {
        // `lex`: the word, `و` + word, a clitic chain + word, and the
        // article only on a vague amount; `definite_count`: `ال` + a word
        // of `voc::definite_number` only.
        with(&["", "و"], w);
        with(WORD_CLITICS, w);
        if matches!(
            x,
            voc::Word::Tens10
                | voc::Word::Hundreds
                | voc::Word::ScalePlural(_)
        ) {
            with(VAGUE_ARTICLES, w);
        }
        if voc::definite_number(w).is_some() {
            with(&["ال"], w);
        }
    }
    for w in voc::ORDINAL_WORDS.entries().map(|(w, _)| w) {
        with(&[""], w);
        with(ORDINAL_CLITICS, w);
        if let Some(rest) = w.strip_prefix("ال") {
            with(ORDINAL_LAM_CLITICS, rest);
        }
    }
    for w in voc::ORDINAL_TEN_WORDS.entries().map(|(w, _)| w) {
        with(&["", "و"], w);
    }
    let mut dual = String::new();
    for (stem, _) in voc::DUAL_STEMS.entries() {
        for e in DUAL_ENDINGS {
            // The one-letter endings on feminine stems only, as
            // `dual_count` takes them.
            if e.chars().count() != 2 && !stem.ends_with('ت') {
                continue;
            }
            dual.clear();
            dual.push_str(stem);
            dual.push_str(e);
            with(DUAL_CLITICS, &dual);
        }
    }
    with(&["", "و"], NAYYIF);
}

/// The hashes of every start word ([`each_start_word`]), each hashed in
/// one reused buffer.
pub(crate) static STARTS: Lazy<Starts> = Lazy::new(|| {
    let mut hashes = Vec::with_capacity(1 << 13);
    let mut buf: Vec<u8> = Vec::with_capacity(64);
    each_start_word(|cl, w| {
        buf.clear();
        buf.extend_from_slice(cl.as_bytes());
        buf.extend_from_slice(w.as_bytes());
        hashes.push(token_hash(&buf, 0, buf.len()));
    });
    Starts::new(&hashes)
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
    starts_hash(token_hash(b, pos, letters_end))
}

/// Whether the run of letters whose hash is `h` is a start word, for a
/// run that no digit follows ([`may_start`] without its digit tests).
#[inline]
pub(crate) fn starts_hash(h: u64) -> bool {
    STARTS.may_contain_hash(h) && STARTS.contains_hash(h)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::hash::str_hash;
    use std::collections::HashSet;

    /// The start words as strings.
    fn start_words() -> HashSet<String> {
        let mut s = HashSet::new();
        each_start_word(|cl, w| {
            s.insert(format!("{cl}{w}"));
        });
        s
    }

    /// The filter and the set pass every start word, and the filter
    /// rejects most words of the test articles before any probe; the set
    /// passes no other word of the test texts up to sixteen bytes (start
    /// words that long hash apart), and a longer one only when it has a
    /// start word's length and first and last eight bytes.
    #[test]
    fn start_filter_keeps_every_start() {
        let words = start_words();
        let passes = |w: &str| STARTS.may_contain_hash(str_hash(w));
        let found = |w: &str| passes(w) && STARTS.contains_hash(str_hash(w));
        for w in &words {
            assert!(found(w), "{w}");
        }
        let short: Vec<&String> =
            words.iter().filter(|w| w.len() <= 16).collect();
        let mut hashes: Vec<u64> = short.iter().map(|w| str_hash(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), short.len());
        let ends = |w: &str| {
            let b = w.as_bytes();
            (b.len(), b[..8].to_vec(), b[b.len() - 8..].to_vec())
        };
        let long: HashSet<_> =
            words.iter().filter(|w| w.len() > 16).map(|w| ends(w)).collect();
        let texts = crate::test_texts::all();
        let mut all = 0;
        let mut passed = 0;
        for text in &texts {
            let n = crate::normalize(text);
            for r in crate::words(n.as_str()) {
                let w = &n.as_str()[r];
                all += 1;
                passed += usize::from(passes(w));
                if found(w) && !words.contains(w) {
                    assert!(w.len() > 16 && long.contains(&ends(w)), "{w}");
                }
            }
        }
        assert!(passed * 2 < all, "{passed} of {all}");
    }
}
