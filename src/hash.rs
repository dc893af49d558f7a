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
//!
//! The lookups made for every word of a text go through [`WordTable`]:
//! open addressing on [`token_hash`] (a word's length and first and last
//! eight bytes, hashed in place in constant time) behind a [`HashFilter`]
//! on the same hash, so that most words cost two bit tests.

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

/// Up to eight bytes of `b` from `at`, little-endian, zero-padded: one
/// load when eight bytes follow `at`, else at most three.
#[inline(always)]
pub(crate) fn load8(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(c) => u64::from_le_bytes(c),
        None => load_short(b.get(at..).unwrap_or_default()),
    }
}

/// The bytes of `r` (fewer than eight) little-endian, zero-padded,
/// without a loop: from four bytes on, its first and last four
/// (overlapping, so the bytes they share are the same); below, its
/// first, middle and last byte (which cover one to three bytes).
#[inline(always)]
fn load_short(r: &[u8]) -> u64 {
    let n = r.len();
    let four = |i: usize| {
        r.get(i..i + 4)
            .and_then(|c| <[u8; 4]>::try_from(c).ok())
            .map_or(0, |c| u64::from(u32::from_le_bytes(c)))
    };
    let byte = |i: usize| r.get(i).map_or(0, |&x| u64::from(x));
    match n {
        0 => 0,
        1..=3 => {
            byte(0)
                | byte(n / 2) << (8 * (n / 2))
                | byte(n - 1) << (8 * (n - 1))
        }
        _ => four(0) | four(n - 4) << (8 * (n - 4)),
    }
}

/// A hash of the bytes `s..e` of `b` in constant time: their length and
/// their first and last eight bytes. A short token is read with one load
/// when eight bytes of `b` follow its start, so a scanner hashes a word
/// in place without slicing it out.
#[inline(always)]
pub(crate) fn token_hash(b: &[u8], s: usize, e: usize) -> u64 {
    let n = e.saturating_sub(s);
    let at = |i: usize| {
        b.get(i..i + 8)
            .and_then(|r| <[u8; 8]>::try_from(r).ok())
            .map(u64::from_le_bytes)
    };
    let (head, tail) = if n >= 8 {
        (at(s).unwrap_or_default(), at(e - 8).unwrap_or_default())
    } else {
        let head = at(s).map_or_else(
            || load8(b.get(..e).unwrap_or_default(), s),
            |v| v & ((1u64 << (8 * n)) - 1),
        );
        (head, 0)
    };
    mix(head, tail, n)
}

/// [`token_hash`] of the bytes `s..e` of `b` when `first` is
/// `load8(b, s)`, already read by the caller.
#[cfg(test)]
#[inline(always)]
pub(crate) fn token_hash_from(
    first: u64,
    b: &[u8],
    s: usize,
    e: usize,
) -> u64 {
    let n = e.saturating_sub(s);
    if n >= 8 {
        mix(first, load8(b, e - 8), n)
    } else {
        mix(first & ((1u64 << (8 * n)) - 1), 0, n)
    }
}

/// The hash of a token's length and its first and last eight bytes.
#[inline(always)]
fn mix(head: u64, tail: u64, n: usize) -> u64 {
    let h = head.wrapping_mul(MULTIPLIER)
        ^ tail.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ n as u64;
    h.wrapping_mul(MULTIPLIER)
}

/// Whether two tokens of equal [`token_hash`] are the same bytes. Below
/// eight bytes equal lengths suffice: the hash of such a token is its
/// zero-padded bytes times an odd number, xored with its length, times
/// that number again (one to one for a given length). Up to sixteen
/// bytes, the first and the last eight (which cover them) are compared;
/// longer tokens in full.
#[inline(always)]
pub(crate) fn same_token(key: &[u8], word: &[u8]) -> bool {
    let n = key.len();
    if n != word.len() {
        return false;
    }
    if n < 8 {
        return true;
    }
    if n <= 16 {
        return load8(key, 0) == load8(word, 0)
            && load8(key, n - 8) == load8(word, n - 8);
    }
    key == word
}

/// [`token_hash`] of a whole string.
#[inline(always)]
pub(crate) fn str_hash(w: &str) -> u64 {
    token_hash(w.as_bytes(), 0, w.len())
}

/// A bit filter on a set of words: two bits of each one's
/// [`token_hash`], so that most other words are rejected before any
/// lookup in the set.
#[derive(Clone, Debug)]
pub(crate) struct HashFilter {
    bits: Vec<u64>,
    /// 64 less log2 of the number of bits: the shift to a hash's top bits.
    top: u32,
    /// The number of bits less one: the mask of a hash's bits below 32.
    mask: u64,
}

impl HashFilter {
    /// A filter of `2^log` bits (`log` from 6 to 32) on `words`.
    pub(crate) fn new<'a>(
        log: u32,
        words: impl Iterator<Item = &'a str>,
    ) -> HashFilter {
        let log = log.clamp(6, 32);
        let mut f = HashFilter {
            bits: vec![0; 1 << (log - 6)],
            top: 64 - log,
            mask: (1u64 << log) - 1,
        };
        for w in words {
            f.insert(str_hash(w));
        }
        f
    }

    fn insert(&mut self, h: u64) {
        for i in self.indices(h) {
            if let Some(x) = self.bits.get_mut(i / 64) {
                *x |= 1 << (i % 64);
            }
        }
    }

    /// The two bits of a hash: its top `log` bits, and the `log` bits
    /// below the top 32 (shift and mask kept, not worked out per test).
    #[inline(always)]
    fn indices(&self, h: u64) -> [usize; 2] {
        [(h >> self.top) as usize, ((h >> 32) & self.mask) as usize]
    }

    /// Whether a word whose [`token_hash`] is `h` may be in the set (it
    /// is not when this is false).
    #[inline(always)]
    pub(crate) fn may_contain_hash(&self, h: u64) -> bool {
        self.indices(h).iter().all(|&i| {
            self.bits.get(i / 64).is_some_and(|x| x >> (i % 64) & 1 != 0)
        })
    }
}

/// Words and their values in an open-addressing table keyed by
/// [`token_hash`], behind a [`HashFilter`]: a scanner hashes each word
/// once, in place, and most words of a text cost two bit tests.
#[derive(Clone, Debug)]
pub(crate) struct WordTable<V> {
    filter: HashFilter,
    /// Per slot: 0 when empty, else 1 + the index in `entries`. At most
    /// half the slots are used, so a probe ends.
    slots: Vec<u32>,
    /// The shift that takes a hash to its home slot (its top bits).
    shift: u32,
    /// (hash, word, value), in the order given.
    entries: Vec<(u64, String, V)>,
}

impl<V> WordTable<V> {
    /// A table of `entries` (later repeats of a word are not reachable)
    /// with a filter of `2^filter_log` bits.
    pub(crate) fn new(
        filter_log: u32,
        entries: impl IntoIterator<Item = (String, V)>,
    ) -> WordTable<V> {
        let entries: Vec<(u64, String, V)> =
            entries.into_iter().map(|(w, v)| (str_hash(&w), w, v)).collect();
        let filter = HashFilter::new(
            filter_log,
            entries.iter().map(|(_, w, _)| w.as_str()),
        );
        let size = (2 * entries.len()).next_power_of_two().max(2);
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![0u32; size];
        for (k, (h, _, _)) in entries.iter().enumerate() {
            let mut i = (h >> shift) as usize;
            while slots.get(i).is_some_and(|&x| x != 0) {
                i = (i + 1) & (size - 1);
            }
            if let Some(x) = slots.get_mut(i) {
                *x = u32::try_from(k + 1).unwrap_or(u32::MAX);
            }
        }
        WordTable { filter, slots, shift, entries }
    }

    /// Whether a word whose [`token_hash`] is `h` may be in the table.
    #[inline(always)]
    pub(crate) fn may_contain_hash(&self, h: u64) -> bool {
        self.filter.may_contain_hash(h)
    }

    /// The value of `word`, whose [`token_hash`] is `h`, found by probing
    /// (without the filter: ask [`WordTable::may_contain_hash`] first).
    #[inline]
    pub(crate) fn probe(&self, word: &[u8], h: u64) -> Option<&V> {
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let k = *self.slots.get(i)? as usize;
            let (kh, key, v) = self.entries.get(k.checked_sub(1)?)?;
            if *kh == h && same_token(key.as_bytes(), word) {
                return Some(v);
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `word`, whose [`token_hash`] is `h`: the filter
    /// inlined into the caller, which calls a probe only past it.
    #[inline(always)]
    pub(crate) fn get_hashed(&self, word: &[u8], h: u64) -> Option<&V> {
        if self.may_contain_hash(h) {
            self.probe(word, h)
        } else {
            None
        }
    }

    /// The value of `word`.
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        self.get_hashed(word.as_bytes(), str_hash(word))
    }

    /// The words and values, in the order given to [`WordTable::new`].
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, &V)> {
        self.entries.iter().map(|(_, w, v)| (w.as_str(), v))
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

    /// `load8` as it was, a byte at a time past the end: the reference
    /// of the constant-time reads.
    fn load8_by_bytes(b: &[u8], at: usize) -> u64 {
        match b.get(at..at + 8) {
            Some(c) => u64::from_le_bytes(c.try_into().unwrap()),
            None => b
                .get(at..)
                .unwrap_or_default()
                .iter()
                .take(8)
                .rev()
                .fold(0u64, |v, &x| (v << 8) | u64::from(x)),
        }
    }

    /// `token_hash` as it was, on `load8_by_bytes`.
    fn token_hash_by_bytes(b: &[u8], s: usize, e: usize) -> u64 {
        let n = e.saturating_sub(s);
        if n >= 8 {
            mix(load8_by_bytes(b, s), load8_by_bytes(b, e - 8), n)
        } else {
            let head = load8_by_bytes(&b[..e], s);
            mix(head, 0, n)
        }
    }

    /// `load8`, `token_hash` and `str_hash` give the values of the byte
    /// by byte reads: on every word of the test texts alone and in
    /// place, and on every range of every length from 0 to 16 of
    /// pseudo-random bytes (every byte value), at every offset.
    #[test]
    fn short_reads_match_byte_reads() {
        let texts = crate::test_texts::all();
        for t in &texts {
            let b = t.as_bytes();
            for r in crate::text::words(t) {
                let w = &t[r.clone()];
                assert_eq!(
                    str_hash(w),
                    token_hash_by_bytes(w.as_bytes(), 0, w.len()),
                    "{w}"
                );
                assert_eq!(token_hash(b, r.start, r.end), str_hash(w), "{w}");
                for at in 0..=w.len() + 1 {
                    assert_eq!(
                        load8(w.as_bytes(), at),
                        load8_by_bytes(w.as_bytes(), at)
                    );
                }
            }
        }
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut bytes = Vec::new();
        for _ in 0..4096 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            bytes.push((x >> 24) as u8);
        }
        for k in 0..256 {
            let b = &bytes[k * 16..k * 16 + 16];
            for n in 0..=16 {
                let r = &b[..n];
                assert_eq!(str_hash_bytes(r), token_hash_by_bytes(r, 0, n));
                for at in 0..=n + 1 {
                    assert_eq!(load8(r, at), load8_by_bytes(r, at));
                }
                for s in 0..=n {
                    for e in s..=n {
                        assert_eq!(
                            token_hash(r, s, e),
                            token_hash_by_bytes(r, s, e)
                        );
                    }
                }
            }
        }
        // Every byte value in every position of a short read.
        for v in 0..=255u8 {
            for n in 1..8 {
                for p in 0..n {
                    let mut r = [0x5au8; 7];
                    r[p] = v;
                    assert_eq!(load8(&r[..n], 0), load8_by_bytes(&r[..n], 0));
                }
            }
        }
    }

    fn str_hash_bytes(r: &[u8]) -> u64 {
        token_hash(r, 0, r.len())
    }

    /// `token_hash_from` with the first eight bytes read by the caller is
    /// `token_hash`, for every range of a text, up to its very end.
    #[test]
    fn token_hash_from_is_token_hash() {
        let t = "قصف a1 الرقة، 2016 ومنبج".as_bytes();
        for s in 0..=t.len() {
            for e in s..=t.len() {
                let first = load8(t, s);
                assert_eq!(
                    token_hash_from(first, t, s, e),
                    token_hash(t, s, e)
                );
            }
        }
    }

    /// `probe` (hash, then [`same_token`]) finds a word exactly when it is
    /// a key, checked over every word and every suffix after up to two
    /// leading chars of the test texts, against a table of every other
    /// distinct word.
    #[test]
    fn probe_finds_exactly_its_keys() {
        let texts = crate::test_texts::all();
        let mut tokens: Vec<&str> = Vec::new();
        for t in &texts {
            for r in crate::text::words(t) {
                let w = &t[r];
                tokens.extend(w.char_indices().take(3).map(|(i, _)| &w[i..]));
            }
        }
        tokens.sort_unstable();
        tokens.dedup();
        let keys: Vec<&str> = tokens.iter().copied().step_by(2).collect();
        let table = WordTable::new(
            16,
            keys.iter().map(|k| (k.to_string(), k.to_string())),
        );
        for w in &tokens {
            let h = str_hash(w);
            let found = table.probe(w.as_bytes(), h).map(String::as_str);
            let expected = keys.binary_search(w).ok().map(|_| *w);
            assert_eq!(found, expected, "{w}");
        }
        // Short tokens of one length never share a hash.
        let mut short: Vec<(usize, u64)> = tokens
            .iter()
            .filter(|w| w.len() < 8)
            .map(|w| (w.len(), str_hash(w)))
            .collect();
        let n = short.len();
        short.sort_unstable();
        short.dedup();
        assert_eq!(short.len(), n);
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

    /// The bit filter of a word table never hides a key, and rejects
    /// most other words.
    #[test]
    fn word_table_filter_keeps_every_key() {
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
        let map = WordTable::new(16, keys.clone());
        for (k, v) in &keys {
            assert_eq!(map.get(k), Some(v), "{k}");
        }
        let others: Vec<String> =
            words.iter().map(|w| format!("{w}xq")).collect();
        let passed = others
            .iter()
            .filter(|w| map.may_contain_hash(str_hash(w)))
            .count();
        assert!(passed * 10 < others.len(), "{passed} of {}", others.len());
        assert!(others.iter().all(|w| map.get(w).is_none()));
    }

    /// A word table finds each of its words, with the value given first,
    /// and nothing else; its filter never rejects one of its words.
    #[test]
    fn word_table_finds_its_words_and_nothing_else() {
        let words: Vec<String> = crate::test_texts::articles()
            .iter()
            .flat_map(|a| {
                let n = crate::normalize(a);
                crate::words(n.as_str())
                    .map(|r| n.as_str()[r].to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        // Every third distinct word is in the table.
        let mut distinct: Vec<&str> =
            words.iter().map(String::as_str).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let keys: Vec<&str> = distinct.iter().copied().step_by(3).collect();
        let t = WordTable::new(
            12,
            keys.iter().enumerate().map(|(i, k)| (k.to_string(), i)),
        );
        for (i, k) in keys.iter().enumerate() {
            assert!(t.may_contain_hash(str_hash(k)), "{k}");
            assert_eq!(t.get(k), Some(&i), "{k}");
        }
        for w in &distinct {
            assert_eq!(
                t.get(w).is_some(),
                keys.binary_search(w).is_ok(),
                "{w}"
            );
        }
        assert_eq!(t.entries().count(), keys.len());
    }

    /// The kept shift and mask pick the bits `log` picked: for every
    /// size, on 65 536 hashes, the indices are the top `log` bits and the
    /// `log` bits below the top 32, and the filter passes its words.
    #[test]
    fn filter_indices_are_those_of_log() {
        let words = ["قصف", "غارة", "الرقة", "a", ""];
        for log in 6..=32 {
            let f = HashFilter::new(log, words.iter().copied());
            let mut x = 0x2545_f491_4f6c_dd1du64;
            for _ in 0..65_536 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let mask = (1u64 << log) - 1;
                let want =
                    [(x >> (64 - log)) as usize, ((x >> 32) & mask) as usize];
                assert_eq!(f.indices(x), want);
            }
            assert!(words.iter().all(|w| f.may_contain_hash(str_hash(w))));
        }
    }

    /// `token_hash` reads a word in place as it reads it alone, near the
    /// end of a text too.
    #[test]
    fn token_hash_is_positional() {
        let text = "بالرقة والحسكة ab c";
        let b = text.as_bytes();
        for s in 0..b.len() {
            for e in s..=b.len() {
                let alone = &b[s..e];
                assert_eq!(
                    token_hash(b, s, e),
                    token_hash(alone, 0, alone.len())
                );
            }
        }
    }
}
