//! Sentences, words and clitic splits, over normalized text.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::normalize::{is_break_byte, Normalized, QuoteDirection};
use crate::document::Loc;
use core::ops::Range;
use serde::Serialize;

/// A sentence (or a line that is not a sentence, such as a headline).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Where the sentence stands in the original input.
    #[serde(flatten)]
    pub loc: Loc,
    /// 0-based index of the line (paragraph) the sentence is on.
    pub line: usize,
    /// Byte range in the normalized text.
    #[serde(skip)]
    pub(crate) norm: Range<usize>,
}

/// Splits normalized text into sentence ranges (normalized byte offsets),
/// each with its 0-based line number.
///
/// Splits at `.` `!` `?` `;` (Arabic `؟` `؛` are already folded to these)
/// and at line breaks; not inside a decimal number (`1.5`), after an
/// abbreviation of one letter (`د.`, `ت.غ`, `U.S.`), inside parentheses,
/// or inside a quotation that closes later on the same line.
#[inline(never)]
pub(crate) fn split_sentences(n: &Normalized) -> Vec<(Range<usize>, usize)> {
    let text = n.as_str();
    let bytes = text.as_bytes();
    let quotes = n.quote_marks();
    // For each mark, where the next mark that can close a quotation
    // stands (one backward pass, so that runs of marks stay linear).
    let mut next_close = vec![usize::MAX; quotes.len()];
    let mut after = usize::MAX;
    for (slot, q) in next_close.iter_mut().zip(quotes).rev() {
        *slot = after;
        if q.direction != QuoteDirection::Open {
            after = q.normalized;
        }
    }
    let mut qi = 0;
    // News text makes about one sentence per 150 to 200 bytes.
    let mut out = Vec::with_capacity(bytes.len() / 128 + 4);
    let mut start = 0;
    let mut line = 0;
    let mut depth = 0usize;
    // Open quotations on this line, innermost last: `Open` for «, `Either`
    // for a mark that reads both ways.
    let mut open: Vec<QuoteDirection> = Vec::new();
    // End of the current line, found once per line that has quote marks.
    let mut line_end = 0;
    // The break bytes normalization wrote, from the next one on.
    let mut breaks = n.break_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Quote marks stand at white space positions.
        while quotes.get(qi).is_some_and(|q| q.normalized < i) {
            qi += 1;
        }
        while let Some(&q) = quotes.get(qi).filter(|q| q.normalized == i) {
            let closes = match q.direction {
                QuoteDirection::Open => false,
                QuoteDirection::Close => true,
                _ => open.last() == Some(&QuoteDirection::Either),
            };
            if closes {
                open.pop();
            } else {
                // Only a quotation that closes on this line suppresses
                // splitting; a stray mark must not swallow a paragraph.
                if line_end <= i {
                    line_end = memchr_newline(bytes, i);
                }
                let close = next_close.get(qi).copied().unwrap_or(usize::MAX);
                if close > i && close < line_end {
                    open.push(q.direction);
                }
            }
            qi += 1;
        }
        let in_quote = !open.is_empty();
        let Some(&b) = bytes.get(i) else { break };
        if !is_break_byte(b) {
            // Nothing happens before the next such byte or quote mark.
            let stop = quotes.get(qi).map_or(bytes.len(), |q| q.normalized);
            while let [at, rest @ ..] = breaks {
                if *at > i {
                    break;
                }
                breaks = rest;
            }
            let next = breaks.first().copied().unwrap_or(bytes.len());
            i = if next < stop { next } else { stop.max(i + 1) };
            continue;
        }
        match b {
            b'\n' => {
                push(&mut out, bytes, start, i, line);
                line += 1;
                start = i + 1;
                depth = 0;
                open.clear();
            }
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'.' | b'!' | b'?' | b';'
                if depth == 0 && !in_quote && !is_protected(bytes, i) =>
            {
                let mut end = i + 1;
                // A run of terminators stays with the sentence it ends.
                while bytes
                    .get(end)
                    .is_some_and(|b| matches!(b, b'.' | b'!' | b'?' | b';'))
                {
                    end += 1;
                }
                push(&mut out, bytes, start, end, line);
                start = end;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    push(&mut out, bytes, start, bytes.len(), line);
    out
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map_or(bytes.len(), |p| from + p)
}

/// Pushes `start..end` of a normalized text trimmed of white space, if
/// anything is left. Normalized text holds no white space but `' '` and
/// `'\n'` (tested), so the trim is on bytes.
fn push(
    out: &mut Vec<(Range<usize>, usize)>,
    bytes: &[u8],
    start: usize,
    end: usize,
    line: usize,
) {
    let Some(s) = bytes.get(start..end) else { return };
    let white = |b: &u8| matches!(b, b' ' | b'\n');
    let Some(lead) = s.iter().position(|b| !white(b)) else { return };
    let trail = s.iter().rev().take_while(|b| white(b)).count();
    out.push((start + lead..end - trail, line));
}

/// Whether the terminator at `i` is part of a number or an abbreviation.
fn is_protected(bytes: &[u8], i: usize) -> bool {
    if bytes.get(i) != Some(&b'.') {
        return false;
    }
    // Two two-byte chars right before the dot (the common case, an
    // Arabic word): no digit before it, and the word before it is longer
    // than one letter.
    if let Some(&[a, b, c, d]) = i.checked_sub(4).and_then(|s| bytes.get(s..i))
    {
        let two =
            |lead: u8, cont: u8| lead & 0xE0 == 0xC0 && cont & 0xC0 == 0x80;
        if two(a, b) && two(c, d) {
            return false;
        }
    }
    let prev = i.checked_sub(1).and_then(|p| bytes.get(p).copied());
    let next = bytes.get(i + 1).copied();
    // A decimal point or a dotted date: 1.5, 15.5.2017.
    if prev.is_some_and(|b| b.is_ascii_digit())
        && next.is_some_and(|b| b.is_ascii_digit())
    {
        return true;
    }
    // An abbreviation: the word before the dot is a single letter, at
    // most four bytes: only the five bytes before the dot are read.
    let before = bytes.get(i.saturating_sub(5)..i).unwrap_or_default();
    let word_start = match before.iter().rposition(|&b| !is_word_byte(b)) {
        Some(p) => p + 1,
        // Five word bytes or more.
        None if i >= 5 => return false,
        None => 0,
    };
    let word = before.get(word_start..).unwrap_or_default();
    let single_letter = match core::str::from_utf8(word) {
        Ok(w) => {
            let mut cs = w.chars();
            cs.next().is_some_and(super::is_letter) && cs.next().is_none()
        }
        Err(_) => false,
    };
    single_letter && next.is_some_and(|b| b != b'\n')
}

/// Whether a byte can belong to a word: ASCII alphanumerics and any byte
/// of a multi-byte char (letters of every script beyond ASCII).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Iterates over the words of a normalized text: maximal runs of letters
/// and digits, as byte ranges.
///
/// ```
/// let n = hadath::normalize("قصفٌ، على «الرقة» 2017");
/// let words: Vec<&str> = hadath::words(n.as_str())
///     .map(|r| &n.as_str()[r])
///     .collect();
/// assert_eq!(words, ["قصف", "علي", "الرقه", "2017"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = 0;
    core::iter::from_fn(move || {
        let start = loop {
            let (word, len) = word_char_at(text, pos)?;
            if word {
                break pos;
            }
            pos += len;
        };
        pos = word_end(text, start);
        Some(start..pos)
    })
}

/// A word of a normalized text, as [`words`] finds it, with its
/// [`token_hash`](crate::hash::token_hash): found once when an article is
/// prepared, and read by every stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Start byte offset in the normalized text.
    pub(crate) start: usize,
    /// End byte offset (exclusive).
    pub(crate) end: usize,
    /// `token_hash` of the word's bytes.
    pub(crate) hash: u64,
    /// Whether every char of the word is in U+0621..U+064A (letters, no
    /// digit): most words of Arabic text.
    pub(crate) arabic: bool,
}

impl Word {
    /// The byte range.
    #[inline]
    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The index of the first word at or after index `from` of `words` (in
/// text order) that starts at or after byte `pos` (`words.len()` if
/// none): searched forward from `from` in steps that double, then halved,
/// so that a sentence of `n` words costs about `2 log n` probes, not `n`.
pub(crate) fn first_word_from(
    words: &[Word],
    from: usize,
    pos: usize,
) -> usize {
    let before = |k: usize| words.get(k).is_some_and(|w| w.start < pos);
    if !before(from) {
        return from.min(words.len());
    }
    // `lo` is before `pos`; find `hi` that is not (or the end).
    let mut lo = from;
    let mut step = 1;
    let hi = loop {
        let next = lo + step;
        if next >= words.len() {
            break words.len();
        }
        if !before(next) {
            break next;
        }
        lo = next;
        step *= 2;
    };
    // The first not before `pos` in `lo + 1..hi`, else `hi`.
    let rest = words.get(lo + 1..hi).unwrap_or_default();
    lo + 1 + rest.partition_point(|w| w.start < pos)
}

/// Every word of a normalized text, in order, with its hash: the words
/// of [`words`], found with Arabic letters read four at a time. The
/// reference for the word list that
/// [`normalize_with_words`](super::normalize_with_words) finds.
#[cfg(test)]
pub(crate) fn word_list(text: &str) -> Vec<Word> {
    let b = text.as_bytes();
    // About one word in eight bytes of Arabic news.
    let mut out = Vec::with_capacity(text.len() / 8 + 1);
    let mut i = 0;
    loop {
        // The next word start, and how many letters U+0621..U+064A it
        // starts with (up to four, read at once); single spaces are
        // stepped over at once.
        let (start, first, mut n) = loop {
            if b.get(i) == Some(&b' ') {
                i += 1;
                continue;
            }
            let first = crate::hash::load8(b, i);
            let n = arabic_letter_pairs(first);
            if n > 0 {
                break (i, first, n);
            }
            match word_char_at(text, i) {
                Some((true, _)) => break (i, first, 0),
                Some((false, len)) => i += len,
                None => return out,
            }
        };
        let mut arabic = true;
        loop {
            // Letters U+0621..U+064A (all of them word chars), four at a
            // time; after fewer, the next char is classed alone.
            i += 2 * n;
            if n < 4 {
                match word_char_at(text, i) {
                    Some((true, len)) => {
                        i += len;
                        arabic = false;
                    }
                    _ => break,
                }
            }
            n = arabic_letter_pairs(crate::hash::load8(b, i));
        }
        out.push(Word {
            start,
            end: i,
            hash: crate::hash::token_hash_from(first, b, start, i),
            arabic,
        });
    }
}

/// How many chars U+0621..U+064A the eight bytes `x` (little-endian,
/// zero-padded) start with, read as four two-byte chars: 0 to 4.
#[cfg(test)]
#[inline(always)]
pub(crate) fn arabic_letter_pairs(x: u64) -> usize {
    const LOW: u64 = 0x00FF_00FF_00FF_00FF;
    const TOP: u64 = 0x8000_8000_8000_8000;
    // Each pair as a big-endian 16-bit lane, less 0xD800 (by xor): the
    // chars sought are then 0x00A1..=0x018A, with the top bit clear.
    let v = (((x & LOW) << 8) | ((x >> 8) & LOW)) ^ 0xD800_D800_D800_D800;
    // With each lane's top bit set first, no borrow crosses lanes: the
    // top bit survives where the rest is at least 0xA1 ...
    let a = (v | TOP) - 0x00A1_00A1_00A1_00A1;
    // ... and is cleared where the rest less 0xA1 is below 0xEA.
    let c = ((a & !TOP) | TOP) - 0x00EA_00EA_00EA_00EA;
    let hits = a & !c & !v & TOP;
    ((hits ^ TOP).trailing_zeros() / 16) as usize
}

/// Where the word that starts at byte `pos` ends.
#[inline(always)]
fn word_end(text: &str, mut pos: usize) -> usize {
    let b = text.as_bytes();
    loop {
        // A basic Arabic letter, U+0621 to U+063A or U+0641 to U+064A,
        // read as one big-endian pair of bytes.
        let pair = match b.get(pos..pos + 2) {
            Some(&[x, y]) => u16::from_be_bytes([x, y]),
            _ => 0,
        };
        if pair.wrapping_sub(0xD8A1) <= 0x19 || pair.wrapping_sub(0xD981) <= 9
        {
            pos += 2;
            continue;
        }
        match b.get(pos) {
            Some(x) if x.is_ascii_alphanumeric() => pos += 1,
            Some(&x) if x >= 0x80 => match super::char_at(text, pos) {
                Some((c, len)) if super::is_word_char(c) => pos += len,
                _ => return pos,
            },
            _ => return pos,
        }
    }
}

/// Whether the char at byte `pos` belongs to a word, and its length;
/// ASCII and the Arabic letters are answered from the bytes alone.
#[inline(always)]
fn word_char_at(text: &str, pos: usize) -> Option<(bool, usize)> {
    let b = text.as_bytes();
    match b.get(pos..)? {
        [b0, ..] if *b0 < 0x80 => Some((b0.is_ascii_alphanumeric(), 1)),
        _ if super::basic_letter_at(b, pos) => Some((true, 2)),
        _ => {
            let (c, len) = super::char_at(text, pos)?;
            Some((super::is_word_char(c), len))
        }
    }
}

/// One way to read a normalized word as proclitics + stem + enclitic.
///
/// The proclitics are a conjunction (`و`, `ف`), then a preposition or the
/// future particle (`ب`, `ل`, `ك`, `س`), then the article `ال`; `لل` is
/// read as `ل` + `ال`. The enclitic is an attached pronoun (`ه`, `ها`,
/// `هم`, `هما`, `هن`, `ك`, `كم`, `ي`, `نا`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CliticSplit<'w> {
    /// The conjunction and preposition letters, as written (`وب`, `ل`).
    pub proclitics: &'w str,
    /// Whether the stem carries the article (`ال`, or `ل` of `لل`).
    pub article: bool,
    /// The stem, without article and clitics.
    pub stem: &'w str,
    /// The attached pronoun, or `""`.
    pub enclitic: &'w str,
}

/// The attached pronouns, as [`enclitic_of`] reads them from the last
/// letters. None ends another (the tests check both).
#[cfg(test)]
const ENCLITICS: [&str; 9] =
    ["هما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي"];

/// The possible clitic splits of a normalized word, from the least to
/// the most stripped. The first split is always the whole word. A stem
/// keeps at least two letters.
///
/// ```
/// let splits = hadath::clitic_splits("وبالرقه");
/// assert!(splits.iter().any(|s| s.proclitics == "وب"
///     && s.article
///     && s.stem == "رقه"));
/// let ll = hadath::clitic_splits("للجيش");
/// assert!(ll.iter().any(|s| s.proclitics == "ل" && s.article && s.stem == "جيش"));
/// let enc = hadath::clitic_splits("قصفها");
/// assert!(enc.iter().any(|s| s.stem == "قصف" && s.enclitic == "ها"));
/// ```
pub fn clitic_splits(word: &str) -> Vec<CliticSplit<'_>> {
    let mut out = Vec::new();
    for_each_clitic_split(word, |s| out.push(s));
    out
}

/// Calls `f` on each of [`clitic_splits`], in the same order, without
/// storing them.
///
/// Clitics are two-byte Arabic letters, so the checks compare bytes; a
/// word that starts with no proclitic letter and ends in no enclitic
/// letter has one split, itself.
#[inline]
pub(crate) fn for_each_clitic_split<'w>(
    word: &'w str,
    mut f: impl FnMut(CliticSplit<'w>),
) {
    // Every reading's remainder is a suffix of the word, so they all end
    // in the same enclitic, if any (no enclitic ends another).
    let enclitic = enclitic_of(word);
    for &(pro_len, article, stem_start) in proclitic_readings(word).as_slice()
    {
        let (Some(rest), Some(pro)) = (
            word.get(usize::from(stem_start)..),
            word.get(..usize::from(pro_len)),
        ) else {
            continue;
        };
        if has_two_chars(rest) {
            f(CliticSplit {
                proclitics: pro,
                article,
                stem: rest,
                enclitic: "",
            });
        }
        if let Some(enc) = enclitic {
            // `rest` and `enc` are both suffixes of the word.
            let stem =
                rest.len().checked_sub(enc.len()).and_then(|n| rest.get(..n));
            if let Some(stem) = stem.filter(|s| has_two_chars(s)) {
                f(CliticSplit {
                    proclitics: pro,
                    article,
                    stem,
                    enclitic: enc,
                });
            }
        }
    }
}

/// The byte length of the enclitic the word (its bytes) ends in, if any
/// (the one every split of [`for_each_clitic_split`] that has one
/// strips).
#[inline]
pub(crate) fn enclitic_len(word: &[u8]) -> Option<usize> {
    enclitic_in(word).map(str::len)
}

/// The enclitic the word ends in, if any, read from its last letters
/// (two bytes each).
#[inline]
fn enclitic_of(word: &str) -> Option<&'static str> {
    enclitic_in(word.as_bytes())
}

/// [`enclitic_of`] a word given by its bytes.
#[inline]
fn enclitic_in(b: &[u8]) -> Option<&'static str> {
    let n = b.len();
    let letter = |k: usize| -> Option<[u8; 2]> {
        let end = n.checked_sub(2 * k)?;
        match b.get(end.checked_sub(2)?..end)? {
            &[x, y] => Some([x, y]),
            _ => None,
        }
    };
    const HEH: [u8; 2] = [0xD9, 0x87];
    const MEEM: [u8; 2] = [0xD9, 0x85];
    const NOON: [u8; 2] = [0xD9, 0x86];
    const KAF: [u8; 2] = [0xD9, 0x83];
    match letter(0)? {
        // ا: هما, ها, نا
        [0xD8, 0xA7] => match letter(1)? {
            MEEM if letter(2) == Some(HEH) => Some("هما"),
            HEH => Some("ها"),
            NOON => Some("نا"),
            _ => None,
        },
        MEEM => match letter(1)? {
            HEH => Some("هم"),
            KAF => Some("كم"),
            _ => None,
        },
        NOON => (letter(1)? == HEH).then_some("هن"),
        HEH => Some("ه"),
        KAF => Some("ك"),
        // ي
        [0xD9, 0x8A] => Some("ي"),
        _ => None,
    }
}

/// Whether a string has at least two chars: more bytes than its first
/// char takes.
fn has_two_chars(s: &str) -> bool {
    let first = match s.as_bytes().first() {
        None => return false,
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xE0 => 2,
        Some(&b) if b < 0xF0 => 3,
        Some(_) => 4,
    };
    s.len() > first
}

/// The letters of the clitics, as bytes.
const WAW: &[u8] = "و".as_bytes();
const FAA: &[u8] = "ف".as_bytes();
const LAM: &[u8] = "ل".as_bytes();
const ARTICLE: &[u8] = "ال".as_bytes();

/// The proclitic readings of a word, without allocating: at most four,
/// with offsets of at most 8 kept as bytes, so that the value is small to
/// copy.
struct Readings {
    items: [(u8, bool, u8); 6],
    len: usize,
}

impl Readings {
    fn push(&mut self, pro_len: u8, article: bool, stem_start: u8) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = (pro_len, article, stem_start);
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[(u8, bool, u8)] {
        self.items.get(..self.len).unwrap_or_default()
    }
}

/// (proclitic byte length, article?, stem start) for every proclitic
/// reading of a word, ordered by stem start, then proclitic length,
/// without repeats: the plain reading, then the conjunction choices ×
/// preposition choices × readings with and without the article.
///
/// The conjunction (`و` `ف`) and the preposition (`ب` `ل` `ك` `س`) are
/// different letters, so at most one reading starts its stem at each
/// offset, and the readings come out in order without sorting.
#[inline]
fn proclitic_readings(word: &str) -> Readings {
    let mut out = Readings { items: [(0, false, 0); 6], len: 0 };
    out.push(0, false, 0);
    let b = word.as_bytes();
    let at = |p: usize, l: &[u8]| b.get(p..).is_some_and(|r| r.starts_with(l));
    let prep_at = |p: usize| {
        matches!(
            b.get(p..p + 2),
            Some([0xD8, 0xA8] | [0xD9, 0x84] | [0xD9, 0x83] | [0xD8, 0xB3])
        )
    };
    // A conjunction, a preposition after it, a preposition first.
    let c0 = at(0, WAW) || at(0, FAA);
    let p0 = !c0 && prep_at(0);
    if !c0 && !p0 {
        if at(0, ARTICLE) {
            out.push(0, true, 4);
        }
        return out;
    }
    let p2 = c0 && prep_at(2);
    out.push(2, false, 2);
    if p0 && at(0, LAM) && at(2, LAM) {
        // لل = ل + ال: the lam of the preposition, then that of the
        // article.
        out.push(2, true, 4);
    }
    if p2 {
        out.push(4, false, 4);
    }
    if at(2, ARTICLE) {
        out.push(2, true, 6);
    }
    if p2 && at(2, LAM) && at(4, LAM) {
        out.push(4, true, 6);
    }
    if p2 && at(4, ARTICLE) {
        out.push(4, true, 8);
    }
    out
}

/// The readings as [`proclitic_readings`] gave them before it was made
/// byte-level: built by trying every choice, then sorted and deduplicated
/// (the reference its tests compare with).
#[cfg(test)]
fn proclitic_readings_slow(word: &str) -> Vec<(u8, bool, u8)> {
    let mut out = vec![(0, false, 0)];
    let conj: &[u8] = if word.starts_with('و') || word.starts_with('ف') {
        &[0, 2]
    } else {
        &[0]
    };
    for &c in conj {
        let rest = word.get(usize::from(c)..).unwrap_or_default();
        let prep = ['ب', 'ل', 'ك', 'س']
            .into_iter()
            .find(|&p| rest.starts_with(p))
            .map(|p| (c + 2, p == 'ل'));
        for (p, is_lam) in core::iter::once((c, false)).chain(prep) {
            let rest = word.get(usize::from(p)..).unwrap_or_default();
            if p > 0 {
                out.push((p, false, p));
            }
            if rest.starts_with("ال") {
                out.push((p, true, p + 4));
            }
            if is_lam && rest.starts_with('ل') {
                out.push((p, true, p + 2));
            }
        }
    }
    out.sort_by_key(|&(pro, art, stem)| (stem, pro, art));
    out.dedup();
    out
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
    use crate::text::normalize;

    /// The word list finds the words of [`words`], with their hashes and
    /// whether they are Arabic letters only, in normalized and raw text
    /// and around every two-byte char.
    #[test]
    fn word_list_finds_the_words_of_words() {
        let mut texts = crate::test_texts::all();
        texts.extend(
            texts.clone().iter().map(|t| normalize(t).as_str().into()),
        );
        for cp in 0x80..0x800u32 {
            let c = char::from_u32(cp).unwrap();
            texts.push(format!("{c}قصف{c}{c}الرقة {c}a1{c}ببب{c}"));
        }
        texts.extend(
            ["", " ", "  ", "x", " ق", "قصف", "١٢ ٣", "a\u{200C}b"]
                .map(String::from),
        );
        let mut n = 0;
        for t in &texts {
            let want: Vec<_> = words(t)
                .map(|r| Word {
                    start: r.start,
                    end: r.end,
                    hash: crate::hash::token_hash(
                        t.as_bytes(),
                        r.start,
                        r.end,
                    ),
                    arabic: t[r.clone()]
                        .chars()
                        .all(|c| ('\u{0621}'..='\u{064A}').contains(&c)),
                })
                .collect();
            assert_eq!(word_list(t), want, "{t}");
            n += want.len();
        }
        assert!(n > 10_000, "{n}");
    }

    /// The galloping search finds the word a forward walk finds, from
    /// every sentence start and end of the test texts, from every start
    /// index before it, and past the end.
    #[test]
    fn first_word_from_matches_walk() {
        let walk = |ws: &[Word], from: usize, pos: usize| {
            let mut w = from;
            while ws.get(w).is_some_and(|x| x.start < pos) {
                w += 1;
            }
            w.min(ws.len().max(from))
        };
        let mut n = 0;
        for t in crate::test_texts::all().iter().take(40) {
            let norm = normalize(t);
            let ws = word_list(norm.as_str());
            let mut positions: Vec<usize> = split_sentences(&norm)
                .into_iter()
                .flat_map(|(r, _)| [r.start, r.end])
                .collect();
            positions.extend([
                0,
                norm.as_str().len(),
                norm.as_str().len() + 5,
            ]);
            for &pos in &positions {
                let target = walk(&ws, 0, pos);
                for from in (0..=target).rev().take(40) {
                    assert_eq!(first_word_from(&ws, from, pos), target);
                    n += 1;
                }
            }
            assert_eq!(first_word_from(&ws, ws.len(), 0), ws.len());
        }
        assert!(n > 10_000, "{n}");
    }

    /// The four-pair test counts as a test of one pair at a time does,
    /// at every position of real text and for every lead and trail byte
    /// that make UTF-8.
    #[test]
    fn arabic_letter_pairs_counts_pair_by_pair() {
        let letter = |c: &[u8]| {
            let c = std::str::from_utf8(c).ok().and_then(|c| c.chars().next());
            c.is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c))
        };
        let slow =
            |b: &[u8]| b.chunks_exact(2).take_while(|c| letter(c)).count();
        for t in crate::test_texts::all() {
            let b = normalize(&t).as_str().as_bytes().to_vec();
            for i in 0..b.len().saturating_sub(8) {
                let w = &b[i..i + 8];
                assert_eq!(
                    arabic_letter_pairs(crate::hash::load8(w, 0)),
                    slow(w)
                );
            }
        }
        for lead in 0..=255u8 {
            for trail in 0..=255u8 {
                for k in 0..4 {
                    let mut w = [0xD8, 0xA7].repeat(4);
                    w[2 * k] = lead;
                    w[2 * k + 1] = trail;
                    // Text is UTF-8: no other bytes reach the test.
                    if std::str::from_utf8(&w).is_err() {
                        continue;
                    }
                    assert_eq!(
                        arabic_letter_pairs(crate::hash::load8(&w, 0)),
                        slow(&w)
                    );
                }
            }
        }
    }

    /// `push` trims bytes: normalization leaves no white space but `' '`
    /// and `'\n'`, for every white space char and in every test text.
    #[test]
    fn normalized_white_space_is_space_or_newline() {
        let mut texts = crate::test_texts::all();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() {
                texts.push(format!("ا{c}b{c}{c}1{c}"));
            }
        }
        for t in &texts {
            let n = normalize(t);
            for c in n.as_str().chars() {
                assert!(!c.is_whitespace() || c == ' ' || c == '\n', "{c:?}");
            }
        }
    }

    /// `is_protected` reading five bytes before the dot (or only that
    /// two two-byte chars stand there) answers like reading the whole
    /// word, at every dot of the test texts and of words of one to six
    /// chars before a dot.
    #[test]
    fn protected_dots_match_whole_word() {
        fn slow(bytes: &[u8], i: usize) -> bool {
            let prev = i.checked_sub(1).map(|p| bytes[p]);
            let next = bytes.get(i + 1).copied();
            if prev.is_some_and(|b| b.is_ascii_digit())
                && next.is_some_and(|b| b.is_ascii_digit())
            {
                return true;
            }
            let before = &bytes[..i];
            let ws = before
                .iter()
                .rposition(|&b| !is_word_byte(b))
                .map_or(0, |p| p + 1);
            let w = std::str::from_utf8(&before[ws..]).unwrap();
            let mut cs = w.chars();
            cs.next().is_some_and(crate::text::is_letter)
                && cs.next().is_none()
                && next.is_some_and(|b| b != b'\n')
        }
        let mut texts = crate::test_texts::all();
        for w in [
            "د", "ت", "a", "U", "1", "دد", "ab", "ددد", "é", "ß", "𝐀", "𝐀𝐀",
            "abcde", "abcdef", "éé", "دé", "aدد", "1دد", "𝐀دد",
        ] {
            texts.push(format!("{w}. {w}.x {w}.\n{w}.. ({w}.) 1.{w}.2"));
        }
        let mut dots = 0;
        for t in &texts {
            let n = normalize(t);
            let b = n.as_str().as_bytes();
            for i in 0..b.len() {
                if b[i] == b'.' {
                    assert_eq!(is_protected(b, i), slow(b, i), "{t} at {i}");
                    dots += 1;
                }
            }
        }
        assert!(dots > 500, "{dots}");
    }

    /// `for_each_clitic_split` tries one enclitic per word.
    #[test]
    fn no_enclitic_ends_another() {
        for a in ENCLITICS {
            for b in ENCLITICS {
                assert!(a == b || !a.ends_with(b), "{a} {b}");
            }
        }
        let article = "ال".as_bytes();
        assert_eq!(article, [0xD8, 0xA7, 0xD9, 0x84]);
    }

    fn sentences(text: &str) -> Vec<String> {
        let n = normalize(text);
        split_sentences(&n)
            .into_iter()
            .map(|(r, _)| n.as_str()[r].to_string())
            .collect()
    }

    macro_rules! s {
        ($name:ident, $input:expr, [$($want:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<String> = vec![$(normalize($want).as_str().trim().to_string()),*];
                assert_eq!(sentences($input), want);
            }
        };
    }

    s!(period, "قصف الرقة. ثم انسحب.", ["قصف الرقة.", "ثم انسحب."]);
    s!(arabic_question, "هل قصفت؟ نعم", ["هل قصفت؟", "نعم"]);
    s!(arabic_semicolon, "قصف؛ انسحاب", ["قصف؛", "انسحاب"]);
    s!(exclamation, "قصف! انسحاب", ["قصف!", "انسحاب"]);
    s!(newline, "عنوان\nنص المقال", ["عنوان", "نص المقال"]);
    s!(decimal, "نحو 1.5 مليون نازح. ثم", ["نحو 1.5 مليون نازح.", "ثم"]);
    s!(decimal_indic, "نحو ١٫٥ مليون. ثم", ["نحو ١٫٥ مليون.", "ثم"]);
    s!(date_slashes, "في 2017/5/15 قصف. ثم", ["في 2017/5/15 قصف.", "ثم"]);
    s!(dotted_date, "في 15.5.2017 قصف. ثم", ["في 15.5.2017 قصف.", "ثم"]);
    s!(gmt, "الثامنة (ت غ) مساء. ثم", ["الثامنة (ت غ) مساء.", "ثم"]);
    s!(gmt_dotted, "الثامنة (ت.غ) مساء. ثم", ["الثامنة (ت.غ) مساء.", "ثم"]);
    s!(
        abbrev_letter,
        "قال د. محمد إن القصف. ثم",
        ["قال د. محمد إن القصف.", "ثم"]
    );
    s!(abbrev_latin, "the U.S. army. Then", ["the u.s. army.", "then"]);
    s!(ellipsis_run, "قصف... ثم", ["قصف...", "ثم"]);
    s!(
        quoted_speech,
        "قال: \"سنقصف. ولن نتوقف\" وأضاف. ثم",
        ["قال: \"سنقصف. ولن نتوقف\" وأضاف.", "ثم"]
    );
    s!(
        guillemet_speech,
        "قال «سنقصف. لن نتوقف» وأضاف",
        ["قال «سنقصف. لن نتوقف» وأضاف"]
    );
    s!(
        nested_guillemets,
        "قال «تنبأ بتحول إلى «أفغانستان».. لكن لن يحصل». ثم",
        ["قال «تنبأ بتحول إلى «أفغانستان».. لكن لن يحصل».", "ثم"]
    );
    s!(stray_quote, "قال \"سنقصف. ولن", ["قال \"سنقصف.", "ولن"]);
    s!(
        paren_inside,
        "قصف (وفق المرصد. أمس) الرقة. ثم",
        ["قصف (وفق المرصد. أمس) الرقة.", "ثم"]
    );
    s!(blank_lines, "\n\nعنوان\n\n\nنص", ["عنوان", "نص"]);

    #[test]
    fn line_numbers_count_lines() {
        let n = normalize("عنوان\n\nأول. ثان.\nثالث");
        let lines: Vec<usize> =
            split_sentences(&n).into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, [0, 1, 1, 2]);
    }

    macro_rules! c {
        ($name:ident, $word:expr, $pro:expr, $article:expr, $stem:expr, $enc:expr) => {
            #[test]
            fn $name() {
                let w = normalize($word);
                let splits = clitic_splits(w.as_str());
                assert!(
                    splits.iter().any(|s| s.proclitics == $pro
                        && s.article == $article
                        && s.stem == $stem
                        && s.enclitic == $enc),
                    "{:?} has no split {:?}+{}+{:?}+{:?}: {:?}",
                    $word,
                    $pro,
                    $article,
                    $stem,
                    $enc,
                    splits
                );
            }
        };
    }

    c!(whole, "الرقة", "", true, "رقه", "");
    c!(waw, "والرقة", "و", true, "رقه", "");
    c!(baa, "بالرقة", "ب", true, "رقه", "");
    c!(waw_baa, "وبالرقة", "وب", true, "رقه", "");
    c!(faa, "فالرقة", "ف", true, "رقه", "");
    c!(kaf, "كالرقة", "ك", true, "رقه", "");
    c!(lam_contraction, "للرقة", "ل", true, "رقه", "");
    c!(waw_lam_contraction, "وللرقة", "ول", true, "رقه", "");
    c!(no_article, "بمنبج", "ب", false, "منبج", "");
    c!(future_sin, "سنقصف", "س", false, "نقصف", "");
    c!(future_wa_sin, "وسنقصف", "وس", false, "نقصف", "");
    c!(enclitic_ha, "قصفها", "", false, "قصف", "ها");
    c!(enclitic_hum, "قتلهم", "", false, "قتل", "هم");
    c!(enclitic_huma, "قتلهما", "", false, "قتل", "هما");
    c!(enclitic_na, "قصفنا", "", false, "قصف", "نا");
    c!(enclitic_kum, "قصفكم", "", false, "قصف", "كم");
    c!(both, "وبمواقعهم", "وب", false, "مواقع", "هم");

    /// The byte-level splits and words agree with the char-level ones on
    /// every word of the articles and the peer texts.
    #[test]
    fn byte_level_checks_agree_with_chars() {
        let texts = crate::test_texts::all();
        let mut n_words = 0;
        for t in &texts {
            let n = normalize(t);
            let text = n.as_str();
            let slow: Vec<Range<usize>> = {
                let mut out = Vec::new();
                let mut iter = text.char_indices().peekable();
                while let Some((i, c)) = iter.next() {
                    if !crate::text::is_word_char(c) {
                        continue;
                    }
                    let mut end = text.len();
                    while let Some(&(j, d)) = iter.peek() {
                        if !crate::text::is_word_char(d) {
                            end = j;
                            break;
                        }
                        iter.next();
                    }
                    out.push(i..end);
                }
                out
            };
            assert_eq!(words(text).collect::<Vec<_>>(), slow);
            for r in slow {
                let w = &text[r];
                n_words += 1;
                assert_eq!(
                    proclitic_readings(w).as_slice(),
                    proclitic_readings_slow(w),
                    "{w}"
                );
                let enc = if w.ends_with(['ا', 'م', 'ن', 'ه', 'ك', 'ي'])
                {
                    ENCLITICS.into_iter().find(|e| w.ends_with(e))
                } else {
                    None
                };
                assert_eq!(enclitic_of(w), enc, "{w}");
                for s in clitic_splits(w) {
                    assert!(s.stem.chars().count() >= 2, "{w}");
                }
            }
        }
        assert!(n_words > 5_000, "{n_words}");
        // Words built to reach every enclitic.
        for e in ENCLITICS {
            for stem in ["قصف", "ه", "ك", "م", ""] {
                let w = format!("{stem}{e}");
                let want = ENCLITICS.into_iter().find(|x| w.ends_with(x));
                assert_eq!(enclitic_of(&w), want, "{w}");
            }
        }
        // Words built to reach every reading.
        for w in ["وللجيش", "فالجيش", "وبالجيش", "لل", "وس", "ولل", "الا"]
        {
            assert_eq!(
                proclitic_readings(w).as_slice(),
                proclitic_readings_slow(w),
                "{w}"
            );
        }
    }

    #[test]
    fn whole_word_comes_first() {
        let s = clitic_splits("ورقه");
        assert_eq!(s[0].stem, "ورقه");
        assert_eq!(s[0].proclitics, "");
    }

    #[test]
    fn stems_keep_two_letters() {
        assert!(clitic_splits("وله")
            .iter()
            .all(|s| s.stem.chars().count() >= 2));
    }
}
