//! A fast hasher for the tables built from the vocabularies.
//!
//! The standard library's SipHash resists collision attacks on tables
//! whose keys come from the input. The vocabulary tables of hadath are
//! built once from the data files and only *looked up* with words of the
//! input: their keys are fixed, so a lookup costs at most a probe along
//! the fixed collisions of the data, whatever the input. For them a
//! multiply-rotate hash (in the spirit of the one rustc uses) is several
//! times cheaper on the short Arabic words that are looked up for every
//! word of every article. Tables keyed by input (repeated lines, say)
//! keep the standard hasher.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with fixed keys from the data, looked up by input words.
pub(crate) type FastMap<K, V> = HashMap<K, V, WordHash>;

/// A `HashSet` with fixed keys from the data, looked up by input words.
pub(crate) type FastSet<K> = std::collections::HashSet<K, WordHash>;

/// Builds [`WordHasher`]s.
pub(crate) type WordHash = BuildHasherDefault<WordHasher>;

/// Multiply-rotate hashing, eight bytes at a time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher {
    state: u64,
}

/// The odd multiplier of the hash.
const MULTIPLIER: u64 = 0xf135_7aea_2e62_a9c5;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.state =
            (self.state ^ word).wrapping_mul(MULTIPLIER).rotate_left(26);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            for (d, s) in b.iter_mut().zip(rest) {
                *d = *s;
            }
            // The length keeps "ab" and "ab\0" apart.
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // Spread the high bits, which the table uses least, downwards.
        self.state.wrapping_mul(MULTIPLIER).rotate_left(32)
    }
}

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
    let h = head.wrapping_mul(MULTIPLIER)
        ^ tail.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ n as u64;
    h.wrapping_mul(MULTIPLIER)
}

/// A map from words with a bit filter in front: most words of a text are
/// not keys, and two bit tests reject nearly all of them before any
/// probe or comparison of bytes.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    /// 2^16 bits, two set per key (from two parts of its hash).
    bits: Vec<u64>,
    pub(crate) map: FastMap<String, V>,
}

impl<V> WordMap<V> {
    const BITS: usize = 1 << 16;

    /// The map of `map`'s entries.
    pub(crate) fn new(map: FastMap<String, V>) -> WordMap<V> {
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

    /// Whether both filter bits of `w` are set (it may be a key).
    #[inline]
    fn bits_pass(&self, w: &str) -> bool {
        Self::bit_indices(filter_hash(w)).iter().all(|&i| {
            self.bits.get(i / 64).is_some_and(|x| x & (1 << (i % 64)) != 0)
        })
    }

    /// The value of `w`.
    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        if self.bits_pass(w) {
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn h(s: &str) -> u64 {
        BuildHasherDefault::<WordHasher>::default().hash_one(s)
    }

    #[test]
    fn distinct_words_hash_apart() {
        let words = ["قصف", "القصف", "وقصف", "قصفت", "", "a", "a\0", "ab"];
        let mut hashes: Vec<u64> = words.iter().map(|w| h(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
    }

    #[test]
    fn maps_find_their_keys() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for (i, w) in ["غارة", "غارات", "قصف", "اشتباكات"].iter().enumerate()
        {
            m.insert(w.to_string(), i);
        }
        assert_eq!(m.get("قصف"), Some(&2));
        assert_eq!(m.get("قصفت"), None);
        let s: FastSet<&str> = ["ال", "و"].into_iter().collect();
        assert!(s.contains("و") && !s.contains("ف"));
    }

    /// The bit filter never hides a key, and rejects most other words.
    #[test]
    fn word_map_filter_keeps_every_key() {
        let text = crate::test_texts::articles().join(" ");
        let n = crate::normalize(&text);
        let words: Vec<&str> =
            crate::words(n.as_str()).map(|r| &n.as_str()[r]).collect();
        let keys: FastMap<String, usize> = words
            .iter()
            .step_by(7)
            .enumerate()
            .map(|(i, w)| (w.to_string(), i))
            .collect();
        let map = WordMap::new(keys.clone());
        for (k, v) in &keys {
            assert_eq!(map.get(k), Some(v), "{k}");
        }
        let others: Vec<String> =
            words.iter().map(|w| format!("{w}xq")).collect();
        let passed = others.iter().filter(|w| map.bits_pass(w)).count();
        assert!(passed * 10 < others.len(), "{passed} of {}", others.len());
        assert!(others.iter().all(|w| !map.contains(w)));
    }
}
