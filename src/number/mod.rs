//! Arabic numbers and quantities.
//!
//! [`extract`] finds every number in the normalized text of an article and
//! reports it as a [`Quantity`]: its value (or range, for vague amounts such
//! as `عشرات`), the qualifier before it (`ما لا يقل عن`), its kind
//! (cardinal, ordinal, percent) and the counted noun after it (`عنصراً`).
//! Years, dates, clock times, phone numbers and names with digits (`T4`)
//! are not quantities: the time module reads the first three.
//!
//! Conventions:
//!
//! | text | value | min..max | qualifier |
//! |---|---|---|---|
//! | `ما لا يقل عن 120` | 120 | 120.. | at_least |
//! | `أكثر من 200 الف` | 200000 | 200000.. | more_than |
//! | `أقل من 10` | 10 | ..10 | less_than |
//! | `نحو 30` | 30 | | about (approximate) |
//! | `عشرات` / `مئات` / `آلاف` | none | 10..99 / 100..999 / 1000..9000 | about (approximate) |
//! | `عشرات الآلاف`, `بضعة آلاف` | none | 10000..99000, 3000..9000 | about (approximate) |
//! | `بضع`, `بضعة عشر` | none | 3..9, 13..19 | about (approximate) |
//! | `بين 20 و30`, `من 10 إلى 15` | none | 20..30, 10..15 | about (approximate) |
//! | `عشرون ونيف`, `نيف وعشرون` | 20 | 20.. | more_than (approximate) |
//! | `عنصران`, `بغارتين` | 2 | | exact, head = the dual noun |
//!
//! The vocabulary is in `vocabulary.rs`, the parser in `parse.rs`.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod parse;
mod prefilter;
mod vocabulary;

use parse::parse_at;
pub use parse::{parse_number, Number};

use crate::document::Loc;
use crate::extractor::Prepared;
use crate::text::{basic_letter_at, char_at, Word};
use serde::{Serialize, Serializer};
use vocabulary as voc;

/// What a quantity counts or ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuantityKind {
    /// A count or amount: `120`, `ثلاثة آلاف`, `عشرات`.
    Cardinal,
    /// A rank: `الخامسة`, `الحادي عشر`. Never a count.
    Ordinal,
    /// A percentage: `35%`, `35 في المئة`. `value` is the number before
    /// the percent sign (35). Never a count.
    Percent,
}

/// How the text bounds a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Qualifier {
    /// No qualifier: the number as written.
    #[default]
    Exact,
    /// `ما لا يقل عن`, `على الأقل`.
    AtLeast,
    /// `أكثر من`, `ما يزيد عن`, `يزيد على`.
    MoreThan,
    /// `ما لا يزيد عن`, `على الأكثر`.
    AtMost,
    /// `أقل من`.
    LessThan,
    /// `نحو`, `حوالي`, `قرابة`, `زهاء`, `ما يقارب`; also vague amounts
    /// and ranges.
    About,
}

/// A number or amount in the text.
///
/// ```
/// use hadath::{Extractor, Qualifier, QuantityKind};
///
/// let text = "وقتل ما لا يقل عن 120 عنصراً من التنظيم";
/// let doc = Extractor::builtin().extract(text);
/// let q = &doc.quantities[0];
/// assert_eq!(q.loc.text, "ما لا يقل عن 120");
/// assert_eq!(q.value, Some(120.0));
/// assert_eq!(q.qualifier, Qualifier::AtLeast);
/// assert_eq!(q.kind, QuantityKind::Cardinal);
/// assert_eq!(q.head.as_ref().unwrap().text, "عنصراً");
/// // Whole values serialize as JSON integers.
/// let json = serde_json::to_value(q).unwrap();
/// assert_eq!(json["value"], 120);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// Where the quantity stands in the original input, qualifier
    /// included (`ما لا يقل عن 120`).
    #[serde(flatten)]
    pub loc: Loc,
    /// The value. `None` for a vague amount (`عشرات`, `مئات`, `بضعة`) and
    /// for a range (`بين 20 و30`, `من 10 إلى 15`), whose bounds are in
    /// `min`/`max`. Serialized as an integer when whole.
    #[serde(
        serialize_with = "ser_opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<f64>,
    /// The smallest value the text allows: the bound of `at_least` and
    /// `more_than` counts, the lower end of a vague amount (`عشرات` = 10).
    #[serde(
        serialize_with = "ser_opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub min: Option<f64>,
    /// The largest value the text allows: the bound of `at_most` and
    /// `less_than` counts, the upper end of a vague amount (`عشرات` = 99).
    #[serde(
        serialize_with = "ser_opt_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub max: Option<f64>,
    /// How the text bounds the value.
    pub qualifier: Qualifier,
    /// The amount is approximate (`نحو`, vague amounts).
    pub approximate: bool,
    /// Cardinal, ordinal or percent.
    pub kind: QuantityKind,
    /// The counted noun right after the number, as written (`عنصراً`,
    /// `شخص`; after `من` in `274 ألف من النازحين`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<Loc>,
    /// The number was too large to represent; `value` is saturated.
    #[serde(skip_serializing_if = "core::ops::Not::not")]
    pub overflow: bool,
}

impl Quantity {
    /// Whether this quantity is a count (a cardinal): ordinals and
    /// percentages are not.
    ///
    /// ```
    /// let doc = hadath::Extractor::builtin().extract("المرحلة الخامسة");
    /// assert!(!doc.quantities[0].is_count());
    /// ```
    pub fn is_count(&self) -> bool {
        self.kind == QuantityKind::Cardinal
    }
}

fn ser_opt_num<S: Serializer>(
    v: &Option<f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => {
            s.serialize_i64(*x as i64)
        }
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

fn is_word_char(c: char) -> bool {
    crate::text::is_word_char(c)
}

/// The word (letters and digits) ending right before `pos`, skipping one
/// space.
fn word_before(text: &str, pos: usize) -> &str {
    let before = text.get(..pos).unwrap_or("");
    let before = before.strip_suffix(' ').unwrap_or(before);
    let b = before.as_bytes();
    // Back over the word chars: Arabic letters and ASCII read from the
    // bytes, other chars decoded.
    let mut start = b.len();
    while let Some(i) = start.checked_sub(2) {
        if basic_letter_at(b, i) {
            start = i;
        } else {
            break;
        }
    }
    loop {
        match start.checked_sub(1).and_then(|i| b.get(i)) {
            Some(c) if c.is_ascii_alphanumeric() => start -= 1,
            Some(c) if c.is_ascii() => break,
            None => break,
            Some(_) => {
                match before.get(..start).and_then(|t| t.chars().next_back()) {
                    Some(c) if is_word_char(c) => start -= c.len_utf8(),
                    _ => break,
                }
            }
        }
    }
    before.get(start..).unwrap_or_default()
}

/// The word starting after one space at `pos`, with its start.
fn word_after(text: &str, pos: usize) -> Option<(usize, &str)> {
    if text.as_bytes().get(pos) != Some(&b' ') {
        return None;
    }
    let end = word_chars_end(text, pos + 1);
    (end > pos + 1)
        .then(|| (pos + 1, text.get(pos + 1..end).unwrap_or_default()))
}

/// Where the scan stands in [`Prepared::words`], so that the words
/// around a number are read from the list (with their hashes) instead of
/// the text: the list (`None`: read the text, the slow path the tests
/// compare with) and the index `k` of a word that starts at or before
/// the number.
#[derive(Clone, Copy)]
struct Near<'w> {
    words: Option<&'w [Word]>,
    k: usize,
}

/// A word next to a number: its start, text and [`token_hash`].
type Neighbour<'t> = (usize, &'t str, u64);

impl<'w> Near<'w> {
    /// No list: every word read from the text.
    #[cfg(test)]
    const TEXT: Near<'static> = Near { words: None, k: 0 };

    /// The index in `words` of the first word that starts at or after
    /// `at`: walked to from `k` when that word starts at or before `at`
    /// (a number spans a few words), else searched.
    fn index(self, words: &[Word], at: usize) -> usize {
        match words.get(self.k..) {
            Some(rest @ [w, ..]) if w.start <= at => {
                self.k + rest.iter().take_while(|w| w.start < at).count()
            }
            _ => words.partition_point(|w| w.start < at),
        }
    }

    /// The word of the list that starts at `at`, if one does.
    fn starting(self, words: &'w [Word], at: usize) -> Option<&'w Word> {
        words.get(self.index(words, at)).filter(|w| w.start == at)
    }

    /// [`word_before`] with its hash.
    fn before(self, text: &str, pos: usize) -> (&str, u64) {
        let Some(words) = self.words else {
            let w = word_before(text, pos);
            return (w, crate::hash::str_hash(w));
        };
        let k = self.index(words, pos);
        if words.get(k).is_none_or(|w| w.start != pos) {
            let w = word_before(text, pos);
            return (w, crate::hash::str_hash(w));
        }
        // `pos` starts a word, so no word char comes right before it: the
        // word before is the one that ends right before a space there.
        let spaced = pos
            .checked_sub(1)
            .is_some_and(|i| text.as_bytes().get(i) == Some(&b' '));
        let prev = k.checked_sub(1).and_then(|i| words.get(i));
        match prev.filter(|x| spaced && x.end + 1 == pos) {
            Some(x) => (text.get(x.start..x.end).unwrap_or_default(), x.hash),
            None => ("", crate::hash::str_hash("")),
        }
    }

    /// [`word_after`] with the word's hash.
    fn after(self, text: &str, pos: usize) -> Option<Neighbour<'_>> {
        let Some(words) = self.words else {
            let (s, w) = word_after(text, pos)?;
            return Some((s, w, crate::hash::str_hash(w)));
        };
        // After a space, a word char starts a word of the list.
        if text.as_bytes().get(pos) != Some(&b' ') {
            return None;
        }
        let w = self.starting(words, pos + 1)?;
        Some((w.start, text.get(w.start..w.end).unwrap_or_default(), w.hash))
    }
}

/// The end of the run of word chars starting at the char boundary `pos`,
/// the Arabic letters read eight bytes at a time.
fn word_chars_end(text: &str, pos: usize) -> usize {
    run_end(text, pos, |c| c.is_ascii_alphanumeric(), is_word_char)
}

/// The end of the run starting at the char boundary `pos` of ASCII bytes
/// for which `ascii` holds and other chars for which `wide` holds (both
/// must hold for the basic Arabic letters, which are read eight bytes at a
/// time).
fn run_end(
    text: &str,
    pos: usize,
    ascii: impl Fn(u8) -> bool,
    wide: impl Fn(char) -> bool,
) -> usize {
    let b = text.as_bytes();
    let mut i = pos;
    loop {
        let n = letter_pairs(crate::hash::load8(b, i));
        i += 2 * n;
        if n == 4 {
            continue;
        }
        match b.get(i) {
            None => return i,
            Some(&c) if c.is_ascii() => {
                if !ascii(c) {
                    return i;
                }
                i += 1;
            }
            Some(_) => match char_at(text, i) {
                Some((c, len)) if wide(c) => i += len,
                _ => return i,
            },
        }
    }
}

/// Finds the quantities of a prepared document.
///
/// Every word of every sentence that is not page chrome is tried, first
/// with the cheap [`prefilter`], then with the readers.
pub(crate) fn extract(p: &Prepared<'_>) -> Vec<Quantity> {
    let text = p.norm.as_str();
    let mut out = Vec::new();
    let words = Some(p.words.as_slice());
    each_start(p, |pos, end, lend, k| {
        let near = Near { words, k };
        let (q, next) = quantity_with(p, text, pos, end, lend, near)?;
        out.extend(q);
        Some(next)
    });
    out
}

/// Calls `try_at(start, sentence end, end of the run of letters at
/// start, index of the word in [`Prepared::words`])` at each word start
/// of the
/// sentences that are not chrome where [`prefilter::may_start`] passes,
/// in order. When it answers with where the number there ends, the
/// words that start before that (and the rest of the word tried) are
/// passed over.
///
/// The words are those of [`Prepared::words`], with their hashes: a word
/// of Arabic letters only (most words, flagged by the word list; or
/// found so by [`arabic_letters_only`]) is its own run of letters and is
/// looked up by its hash without hashing it again; the others (digits,
/// other scripts) ask the prefilter with their run of letters.
#[inline(always)]
fn each_start(
    p: &Prepared<'_>,
    mut try_at: impl FnMut(usize, usize, usize, usize) -> Option<usize>,
) {
    let text = p.norm.as_str();
    let b = text.as_bytes();
    let starts = &*prefilter::STARTS;
    for s in p.sentences.iter().filter(|s| s.chrome.is_none()) {
        let end = s.norm.end.min(text.len());
        let mut words =
            p.words.get(s.words.clone()).unwrap_or_default().iter();
        while let Some(w) = words.next() {
            let (may, lend) = if w.arabic
                || arabic_letters_only(b, w.start, w.end)
            {
                let h = w.hash;
                (starts.may_contain_hash(h) && starts.contains_hash(h), w.end)
            } else {
                let lend = letters_end(text, w.start);
                (prefilter::may_start(text, w.start, lend), lend)
            };
            if may {
                // The word's index: the sentence's words end at
                // `s.words.end`, and those after it are still to come.
                let k = s.words.end - words.as_slice().len() - 1;
                if let Some(next) = try_at(w.start, end, lend, k) {
                    // Past the word's first char at least: the words
                    // (in order) that start before are passed over here,
                    // not tested in the loop.
                    let resume = next.max(w.start + 1);
                    while words
                        .as_slice()
                        .first()
                        .is_some_and(|x| x.start < resume)
                    {
                        words.next();
                    }
                }
            }
        }
    }
}

/// Whether the word `s..e` is two-byte chars of the Arabic block
/// U+0600..U+067F only, none of them U+0660..U+066F (the digits): the
/// word chars among them are all letters (tested), so such a word is its
/// own run of letters. Up to sixteen bytes are read as two eight-byte
/// words from the ends, with no branch on the length.
#[inline(always)]
fn arabic_letters_only(b: &[u8], s: usize, e: usize) -> bool {
    let n = e.saturating_sub(s);
    // The lanes of the word's pairs among eight bytes from `s`.
    // (All of them for an empty word, which `n > 0` turns down.)
    let lanes = u64::MAX.wrapping_shr(64 - 8 * n.min(8) as u32);
    let head = crate::hash::load8(b, s);
    // The last eight bytes, in step with the pairs from `s` when `n` is
    // even; the first ones again when there are fewer.
    let tail = crate::hash::load8(b, if n >= 8 { e - 8 } else { s });
    let ok = (n & 1 == 0)
        & (n > 0)
        & (arabic_pairs_bad(head) & lanes == 0)
        & (arabic_pairs_bad(tail) & lanes == 0);
    if n <= 16 || !ok {
        return ok;
    }
    let mut i = s + 8;
    while i + 8 < e {
        if arabic_pairs_bad(crate::hash::load8(b, i)) != 0 {
            return false;
        }
        i += 8;
    }
    true
}

/// Nonzero in the 16-bit lanes of `v` (eight bytes read little-endian,
/// lead byte low) whose lead byte is neither 0xD8 nor 0xD9, or that hold
/// a char of U+0660..U+066F (0xD9 then 0xA0..0xAF); a lane above one of
/// the latter may be flagged too.
#[inline(always)]
fn arabic_pairs_bad(v: u64) -> u64 {
    const LANE: u64 = 0x0001_0001_0001_0001;
    let lead_bad = (v & (LANE * 0xFE)) ^ (LANE * 0xD8);
    // Zero in the lanes of U+0660..U+066F.
    let digit = (v & (LANE * 0xF0FF)) ^ (LANE * 0xA0D9);
    let digit_zero = digit.wrapping_sub(LANE) & !digit & (LANE * 0x8000);
    lead_bad | digit_zero
}

/// How many of the four byte pairs of `v` (eight bytes read
/// little-endian), from the first, are basic Arabic letters: the test of
/// [`basic_letter_at`] on four letters at once, one 16-bit lane each
/// (lead byte low, trail byte high).
#[inline(always)]
fn letter_pairs(v: u64) -> usize {
    const LANE: u64 = 0x0001_0001_0001_0001;
    const LOW: u64 = LANE * 0xFF;
    const BIT8: u64 = LANE << 8;
    // The lead byte less 0xD8: 0 or 1 for a letter.
    let lead = (v & LOW) ^ (LANE * 0xD8);
    let trail = (v >> 8) & LOW;
    let d9 = lead & LANE;
    // Bit 8 set where the lead is neither 0xD8 nor 0xD9.
    let lead_bad = ((lead & (LANE * 0xFE)) + LOW) & BIT8;
    // The trail's range: 0xA1 and 26 after 0xD8, 0x81 and 10 after 0xD9.
    let first = LANE * 0xA1 - (d9 << 5);
    let count = LANE * 26 - (d9 << 4);
    // Bit 8 set where trail >= first; its low byte is then trail - first.
    let above = (trail | BIT8) - first;
    // Bit 8 set where trail - first >= count.
    let past = ((above & LOW) | BIT8) - count;
    let bad = lead_bad | (!above & BIT8) | (past & BIT8);
    bad.trailing_zeros() as usize / 16
}

/// The end of the run of digits and date/time separators around `pos`.
fn compound_end(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let mut e = pos;
    while b.get(e).is_some_and(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(c, b'/' | b':' | b'-' | b'.' | b',')
    }) {
        e += 1;
    }
    // Do not swallow a trailing sentence period or comma.
    while e > pos
        && e.checked_sub(1)
            .and_then(|i| b.get(i))
            .is_some_and(|c| matches!(c, b'.' | b',' | b'/' | b':' | b'-'))
    {
        e -= 1;
    }
    e.max(pos + 1)
}

/// Whether the digits at `r` are part of a date, a clock time, a phone
/// number or a name (`T4`, `F-16`).
fn is_non_count_digits(text: &str, r: &core::ops::Range<usize>) -> bool {
    let b = text.as_bytes();
    let before = r.start.checked_sub(1).and_then(|i| b.get(i).copied());
    let after = b.get(r.end).copied();
    let after2 = b.get(r.end + 1).copied();
    let sep = |c: Option<u8>| matches!(c, Some(b'/' | b':' | b'-'));
    let digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit());
    if sep(after) && digit(after2) {
        return true;
    }
    if sep(before)
        && digit(r.start.checked_sub(2).and_then(|i| b.get(i).copied()))
    {
        return true;
    }
    if before.is_some_and(|c| c.is_ascii_alphabetic() || c == b'+')
        || after.is_some_and(|c| c.is_ascii_alphabetic())
    {
        return true;
    }
    // `F-16`, `كوفيد-19`, `إف-16`.
    if before == Some(b'-')
        && r.start
            .checked_sub(1)
            .and_then(|e| text.get(..e))
            .unwrap_or_default()
            .chars()
            .next_back()
            .is_some_and(crate::text::is_letter)
    {
        return true;
    }
    // Phone numbers: long runs starting with 0.
    let digits = text.get(r.clone()).unwrap_or_default();
    digits.len() >= 7 && digits.starts_with('0')
}

/// Reads a quantity at a word start that [`prefilter::may_start`] passed
/// (kept out of the scan loop). `lend` is the end of the run of letters
/// at `pos` ([`letters_end`]), which the scan knows: the word's end for a
/// word of Arabic letters only, else read for the prefilter. Returns the
/// quantity (or `None` when the number there is not a quantity) and where
/// to continue.
#[inline(never)]
fn quantity_with(
    p: &Prepared<'_>,
    text: &str,
    pos: usize,
    limit: usize,
    lend: usize,
    near: Near<'_>,
) -> Option<(Option<Quantity>, usize)> {
    // The run of letters at `pos`, read once for the two word readers.
    let w = text.get(pos..lend).unwrap_or_default();
    if let Some(q) = dual_count(p, w, pos) {
        return Some(q);
    }
    if let Some(q) = definite_count(p, text, w, pos) {
        return Some(q);
    }
    if let Some(q) = nayyif_before(p, text, pos, limit, near) {
        return Some(q);
    }
    // The prefilter has passed `pos`: the parser without it, given the
    // run of letters.
    if !text.is_char_boundary(pos) {
        return None;
    }
    let parsed = parse::read_letters_at(text, pos, w)?;
    let r = parsed.range.clone();
    if r.end > limit || r.start >= r.end {
        return None;
    }
    let skip = Some((None, r.end));
    if voc::is_in(
        &voc::AMBIGUOUS_ALONE_WORDS,
        text.get(r.clone()).unwrap_or_default(),
    ) {
        return skip;
    }
    // The words around the number, each hashed once for its lookups.
    let (prev_word, prev_hash) = near.before(text, r.start);
    let is_prev =
        |set: &voc::WordSet| voc::is_in_hashed(set, prev_word, prev_hash);
    let next = near.after(text, r.end);
    // Clock times: `الساعة 3`, `الساعة الثالثة`, `التاسعة والنصف`.
    if is_prev(&voc::CLOCK_BEFORE_WORDS)
        || (parsed.words_only
            && parsed.kind == QuantityKind::Ordinal
            && clock_word_follows(text, r.end, near))
    {
        return skip;
    }
    if parsed.words_only {
        if parsed.kind == QuantityKind::Ordinal
            && is_prev(&voc::MONTH_ORDINAL_HEAD_WORDS)
        {
            return skip; // `تشرين الثاني`
        }
    } else if parsed.plain_digits || !parsed.words_only {
        // Dates, times, phones, names.
        let first_digits = digit_run(text, r.start);
        if is_non_count_digits(text, &first_digits)
            || (parsed.plain_digits && is_prev(&voc::NAME_CUE_WORDS))
        {
            return Some((None, compound_end(text, first_digits.start)));
        }
    }
    // A range `إلى 15` after the number, read once for the day test and
    // the range.
    let upper = range_to(text, r.end);
    if let Some(v) = parsed.value {
        if parsed.plain_digits && parsed.kind == QuantityKind::Cardinal {
            // Days of a month: `15 من شهر`, `17 أيار`.
            let month = |n: Option<Neighbour<'_>>| {
                n.is_some_and(|(_, w, h)| {
                    voc::is_in_hashed(&voc::MONTH_WORDS, w, h)
                })
            };
            let month_next = month(next)
                || next.is_some_and(|(s, w, _)| {
                    w == "من" && month(near.after(text, s + w.len()))
                });
            let day_range = upper.is_some_and(|t| t.2);
            if (1.0..=31.0).contains(&v) && (month_next || day_range) {
                return skip;
            }
            // Years: `العام 2014`, `في 2017.`
            let year_like = (1900.0..=2100.0).contains(&v)
                && text.get(r.clone()).unwrap_or_default().len() == 4;
            if year_like
                && (is_prev(&voc::YEAR_CUE_WORDS)
                    || is_prev(&voc::MONTH_WORDS)
                    || head_word(text, r.end, near).is_none())
            {
                return skip;
            }
        }
    }
    let mut start = r.start;
    let mut end = r.end;
    let mut qualifier = Qualifier::Exact;
    if parsed.kind == QuantityKind::Cardinal && parsed.value.is_some() {
        if let Some((q, qs)) = qualifier_before(text, r.start) {
            qualifier = q;
            start = qs;
        } else if let Some((q, qe)) = qualifier_after(text, r.end) {
            qualifier = q;
            end = qe;
        }
    }
    let mut value = parsed.value;
    let (mut min, mut max) = (parsed.min, parsed.max);
    // A range: `بين 20 و30`, `ما بين عشرة وعشرين`, `من 10 إلى 15`.
    let from_to = upper
        .filter(|&(_, _, date)| !date)
        .filter(|_| prev_word == "من")
        .map(|(hi, e, _)| (hi, e, r.start - "من ".len()));
    if let (Some(lo), Some((hi, hi_end, bs))) = (value, from_to) {
        if parsed.kind == QuantityKind::Cardinal && hi > lo {
            start = bs;
            end = hi_end;
            value = None;
            min = Some(lo);
            max = Some(hi);
        }
    }
    if let (Some(lo), Some((hi, hi_end))) = (value, range_end(text, r.end)) {
        if parsed.kind == QuantityKind::Cardinal
            && hi > lo
            && qualifier == Qualifier::Exact
        {
            if let Some(bs) = range_start(text, r.start) {
                start = bs;
                end = hi_end;
                value = None;
                min = Some(lo);
                max = Some(hi);
            }
        }
    }
    // `عشرون ونيف`.
    let mut odd = false;
    if let Some(r) = text.get(end..).and_then(|t| t.strip_prefix(" ونيف"))
    {
        if value.is_some() && !r.starts_with(is_word_char) {
            end += " ونيف".len();
            qualifier = Qualifier::MoreThan;
            odd = true;
        }
    }
    match qualifier {
        Qualifier::AtLeast | Qualifier::MoreThan => min = min.or(value),
        Qualifier::AtMost | Qualifier::LessThan => max = max.or(value),
        _ => {}
    }
    let vague = value.is_none();
    if vague {
        qualifier = Qualifier::About;
    }
    let head = if parsed.kind == QuantityKind::Cardinal {
        head_word(text, end, near).map(|h| p.loc(h))
    } else {
        None
    };
    if value.is_some_and(|v| !v.is_finite()) {
        value = None;
    }
    let q = Quantity {
        loc: p.loc(start..end),
        value,
        min,
        max,
        qualifier,
        approximate: vague || odd || qualifier == Qualifier::About,
        kind: parsed.kind,
        head,
        overflow: parsed.overflow,
    };
    Some((Some(q), end))
}

/// Whether a clock word (`مساء`, `والنصف`) is among the next three words
/// after `end` (`الثامنة (ت غ) مساءً`): the words of the list after `end`
/// when `end` ends a word or stands between words and the three are of
/// Arabic letters only (each its own run of letters, and the chars
/// between them no letters), looked up by their hashes; else the runs of
/// letters read from the text ([`clock_word_follows_text`]).
fn clock_word_follows(text: &str, end: usize, near: Near<'_>) -> bool {
    let Some(words) = near.words else {
        return clock_word_follows_text(text, end);
    };
    let k = near.index(words, end);
    let inside = k
        .checked_sub(1)
        .and_then(|i| words.get(i))
        .is_some_and(|w| w.end > end);
    let next = words.get(k..).unwrap_or_default();
    let next = next.get(..3).unwrap_or(next);
    if inside || !next.iter().all(|w| w.arabic) {
        return clock_word_follows_text(text, end);
    }
    let b = text.as_bytes();
    next.iter().any(|w| {
        let word = b.get(w.start..w.end).unwrap_or_default();
        voc::CLOCK_AFTER_WORDS.get_hashed(word, w.hash).is_some()
    })
}

/// [`clock_word_follows`] reading the text: the first three runs of
/// letters after `end`.
fn clock_word_follows_text(text: &str, end: usize) -> bool {
    // The first three runs of letters after `end`, non-letters passed
    // over char by char.
    let mut i = end;
    let mut n = 0;
    while n < 3 && i < text.len() {
        let e = letters_end(text, i);
        if e > i {
            if voc::is_in(
                &voc::CLOCK_AFTER_WORDS,
                text.get(i..e).unwrap_or(""),
            ) {
                return true;
            }
            n += 1;
            i = e;
        } else {
            match char_at(text, i) {
                Some((_, len)) => i += len,
                None => return false,
            }
        }
    }
    false
}

/// The digit run starting at `pos`.
fn digit_run(text: &str, pos: usize) -> core::ops::Range<usize> {
    let b = text.as_bytes();
    let mut e = pos;
    while b.get(e).is_some_and(u8::is_ascii_digit) {
        e += 1;
    }
    pos..e
}

/// The start of `بين` or `ما بين` right before a number at `start`.
fn range_start(text: &str, start: usize) -> Option<usize> {
    let before = text.get(..start)?.strip_suffix(' ')?;
    for w in ["ما بين", "بين"] {
        if let Some(b) = before.strip_suffix(w) {
            if !b.ends_with(is_word_char) {
                return Some(b.len());
            }
        }
    }
    None
}

/// The upper number of a range `و30` after a number ending at `end`.
fn range_end(text: &str, end: usize) -> Option<(f64, usize)> {
    let rest = text.get(end..)?.strip_prefix(" و")?;
    let p = end + " و".len() + usize::from(rest.starts_with(' '));
    let hi = parse_at(text, p)?;
    (hi.kind == QuantityKind::Cardinal).then_some((hi.value?, hi.range.end))
}

/// The upper number of a range `إلى 15` after a number ending at `end`,
/// and whether it is the day of a date (`إلى 15 أيار`).
fn range_to(text: &str, end: usize) -> Option<(f64, usize, bool)> {
    let rest = text.get(end..)?;
    let w = ["الي ", "حتي "]
        .into_iter()
        .find(|w| rest.strip_prefix(' ').is_some_and(|r| r.starts_with(w)))?;
    let p = end + 1 + w.len();
    let hi = parse_at(text, p)?;
    let after = word_after(text, hi.range.end).map_or("", |(_, w)| w);
    let date = voc::is_in(&voc::MONTH_WORDS, after);
    (hi.kind == QuantityKind::Cardinal).then_some((
        hi.value?,
        hi.range.end,
        date,
    ))
}

/// `نيف` "odd, some": `نيف وعشرون`.
const NAYYIF: &str = "نيف";

/// `نيف وعشرون` "twenty-odd": more than the number after `نيف و`.
fn nayyif_before(
    p: &Prepared<'_>,
    text: &str,
    pos: usize,
    limit: usize,
    near: Near<'_>,
) -> Option<(Option<Quantity>, usize)> {
    let rest = text.get(pos..)?;
    let rest = rest.strip_prefix('و').unwrap_or(rest);
    let start = text.len() - rest.len();
    let after = rest.strip_prefix(NAYYIF)?.strip_prefix(" و")?;
    let after = after.strip_prefix(' ').unwrap_or(after);
    let n = parse_at(text, text.len() - after.len())?;
    let v = n.value.filter(|_| n.kind == QuantityKind::Cardinal)?;
    if n.range.end > limit {
        return None;
    }
    let q = Quantity {
        loc: p.loc(start..n.range.end),
        value: Some(v),
        min: Some(v),
        max: None,
        qualifier: Qualifier::MoreThan,
        approximate: true,
        kind: QuantityKind::Cardinal,
        head: head_word(text, n.range.end, near).map(|h| p.loc(h)),
        overflow: n.overflow,
    };
    Some((Some(q), n.range.end))
}

/// [`quantity_with`] reading the run of letters at `pos` itself (the
/// slow path the tests compare the scan with).
#[cfg(test)]
fn quantity_at(
    p: &Prepared<'_>,
    text: &str,
    pos: usize,
    limit: usize,
) -> Option<(Option<Quantity>, usize)> {
    quantity_with(p, text, pos, limit, letters_end(text, pos), Near::TEXT)
}

/// The end of the run of letters (`crate::text::is_letter`) starting at
/// `pos`; `pos` itself when it is no char boundary. The Arabic letters
/// are read eight bytes at a time.
pub(super) fn letters_end(text: &str, pos: usize) -> usize {
    if !text.is_char_boundary(pos) {
        return pos;
    }
    run_end(text, pos, |c| c.is_ascii_alphabetic(), crate::text::is_letter)
}

/// A definite number after a definite noun: `الأيام العشرة`, `الجنود
/// الثلاثة`. The noun before is the head. `w` is the run of letters at
/// `pos`.
fn definite_count(
    p: &Prepared<'_>,
    text: &str,
    w: &str,
    pos: usize,
) -> Option<(Option<Quantity>, usize)> {
    let len = w.len();
    let n = w.strip_prefix("ال").and_then(voc::definite_number)?;
    let prev = word_before(text, pos);
    let head_ok = prev.starts_with("ال")
        && prev.chars().count() > 3
        && !voc::is_in(&voc::NOT_HEAD_WORDS, prev)
        && !voc::is_in(&voc::MONTH_WORDS, prev)
        && text.get(..pos)?.ends_with(' ');
    if !head_ok {
        return None;
    }
    let hs = pos - 1 - prev.len();
    let q = Quantity {
        loc: p.loc(pos..pos + len),
        value: Some(n),
        min: None,
        max: None,
        qualifier: Qualifier::Exact,
        approximate: false,
        kind: QuantityKind::Cardinal,
        head: Some(p.loc(hs..pos - 1)),
        overflow: false,
    };
    Some((Some(q), pos + len))
}

/// Clitics before a dual noun (`بغارتين`, `وعنصران`).
const DUAL_CLITICS: &[&str] = &["", "و", "ب", "ل", "ف", "ك", "وب", "ول", "فب"];

/// Dual endings: nominative, oblique, and the construct forms `ا`, `ي`
/// (feminine stems only).
const DUAL_ENDINGS: &[&str] = &["ان", "ين", "ا", "ي"];

/// The last chars of [`DUAL_ENDINGS`] (tested): a word that ends
/// otherwise is no dual.
const DUAL_LAST: [char; 3] = ['ن', 'ا', 'ي'];

/// A dual noun that is a count of two (`عنصران`, `بغارتين`); `w` is the
/// run of letters at `pos`.
fn dual_count(
    p: &Prepared<'_>,
    w: &str,
    pos: usize,
) -> Option<(Option<Quantity>, usize)> {
    let len = w.len();
    if len < 6 || !w.ends_with(DUAL_LAST) {
        return None;
    }
    let mut stems = DUAL_CLITICS.iter().filter_map(|cl| strip_clitic(w, cl));
    // Feminine stems (ending in `ت`) also take the construct endings:
    // `عمليتي قصف`, `غارتا`.
    let is_dual = stems.any(|s| {
        DUAL_ENDINGS.iter().any(|e| {
            strip_ending(s, e).is_some_and(|stem| {
                (e.chars().count() == 2 || stem.ends_with('ت'))
                    && voc::is_in(&voc::DUAL_STEMS, stem)
            })
        })
    });
    if !is_dual {
        return None;
    }
    let r = pos..pos + len;
    let q = Quantity {
        loc: p.loc(r.clone()),
        value: Some(2.0),
        min: None,
        max: None,
        qualifier: Qualifier::Exact,
        approximate: false,
        kind: QuantityKind::Cardinal,
        head: Some(p.loc(r.clone())),
        overflow: false,
    };
    Some((Some(q), r.end))
}

/// `w` without the prefix `p` (`str::strip_prefix`), the first two bytes
/// compared first: a clitic is one Arabic letter or more, and most words
/// differ in it, so they cost no comparison of the whole prefix.
#[inline(always)]
pub(super) fn strip_clitic<'a>(w: &'a str, p: &str) -> Option<&'a str> {
    match (w.as_bytes().first_chunk::<2>(), p.as_bytes().first_chunk::<2>()) {
        (Some(a), Some(b)) if a != b => None,
        _ => w.strip_prefix(p),
    }
}

/// `w` without the suffix `e` (`str::strip_suffix`), the last two bytes
/// compared first.
#[inline(always)]
fn strip_ending<'a>(w: &'a str, e: &str) -> Option<&'a str> {
    match (w.as_bytes().last_chunk::<2>(), e.as_bytes().last_chunk::<2>()) {
        (Some(a), Some(b)) if a != b => None,
        _ => w.strip_suffix(e),
    }
}

/// A qualifier phrase ending right before `start` (one space between).
fn qualifier_before(text: &str, start: usize) -> Option<(Qualifier, usize)> {
    let before = text.get(..start)?.strip_suffix(' ')?;
    let b = before.as_bytes();
    // Only the phrases that end in the last byte, and of those, when
    // eight bytes come before, only those whose last bytes are theirs
    // (most phrases of a last byte turned down without a comparison).
    let last = usize::from(*b.last()?);
    let last8 = b.len().checked_sub(8).map(|i| crate::hash::load8(b, i));
    let tails = &*voc::QUALIFIER_TAILS;
    for &k in voc::QUALIFIERS_BEFORE_BY_LAST.get(last)? {
        let k = usize::from(k);
        if let (Some(x), Some(&(tail, mask))) = (last8, tails.get(k)) {
            if x & mask != tail {
                continue;
            }
        }
        let Some((w, q, _)) = voc::QUALIFIER_PHRASES.get(k) else {
            continue;
        };
        let Some(b) = before.strip_suffix(w.as_str()) else { continue };
        if phrase_may_start_after(b) {
            return Some((*q, b.len()));
        }
    }
    None
}

/// Whether a qualifier phrase may start right after `b`: at a word
/// boundary, or after a one- or two-letter proclitic (`بنحو`).
fn phrase_may_start_after(b: &str) -> bool {
    let mut head = b.chars().rev();
    let (c0, c1, c2) = (head.next(), head.next(), head.next());
    let boundary = |c: Option<char>| c.is_none_or(|c| !is_word_char(c));
    boundary(c0)
        || (matches!(c0, Some('ب' | 'و' | 'ل' | 'ف'))
            && (boundary(c1)
                || (matches!(c1, Some('و' | 'ف')) && boundary(c2))))
}

/// A qualifier phrase right after a number ending at `end`.
fn qualifier_after(text: &str, end: usize) -> Option<(Qualifier, usize)> {
    let after = text.get(end..)?.strip_prefix(' ')?;
    // Only the phrases that start with the next byte.
    let first = usize::from(*after.as_bytes().first()?);
    for &k in voc::QUALIFIERS_AFTER_BY_FIRST.get(first)? {
        let Some((w, q, _)) = voc::QUALIFIER_PHRASES.get(usize::from(k))
        else {
            continue;
        };
        if let Some(a) = after.strip_prefix(w.as_str()) {
            if !a.starts_with(is_word_char) {
                return Some((*q, end + 1 + w.len()));
            }
        }
    }
    None
}

/// Whether a number starts at `pos`, where `w` is a word of letters
/// only that no word char follows: [`parse_at`] with `w` as the run of
/// letters, not read again.
#[cfg(test)]
fn letters_are_number(text: &str, pos: usize, w: &str) -> bool {
    prefilter::may_start(text, pos, pos + w.len())
        && parse::read_at(text, pos).is_some()
}

/// The counted noun after a number ending at `end`: the next word if it
/// can be a noun, or the word after `من`.
fn head_word(
    text: &str,
    end: usize,
    near: Near<'_>,
) -> Option<core::ops::Range<usize>> {
    let (s, w, h) = near.after(text, end)?;
    if w == "من" {
        let (s2, w2, h2) = near.after(text, s + w.len())?;
        return head_ok(text, s2, w2, h2).then(|| s2..s2 + w2.len());
    }
    head_ok(text, s, w, h).then(|| s..s + w.len())
}

/// Whether the word `w` at `s` (a whole run of word chars) can be the
/// counted noun: two letters or more, none ASCII, not a word that never
/// is one, and no number. `h` is the word's [`token_hash`], for its
/// three lookups; a word of Arabic letters only is taken as letters
/// without decoding it (tested against the char test).
///
/// [`token_hash`]: crate::hash::token_hash
fn head_ok(text: &str, s: usize, w: &str, h: u64) -> bool {
    let b = text.as_bytes();
    let e = s + w.len();
    let letters = if arabic_letters_only(b, s, e) {
        w.len() >= 4
    } else {
        head_letters(w)
    };
    if !letters {
        return false;
    }
    let wb = w.as_bytes();
    // A run of letters that no word char follows: the prefilter asks its
    // hash only, as [`prefilter::may_start`] would.
    voc::NOT_HEAD_WORDS.get_hashed(wb, h).is_none()
        && voc::MONTH_WORDS.get_hashed(wb, h).is_none()
        && !(prefilter::starts_hash(h)
            && parse::read_letters_at(text, s, w).is_some())
}

/// Whether `w` has two chars or more, all of them letters and none
/// ASCII.
fn head_letters(w: &str) -> bool {
    w.chars().all(|c| !c.is_ascii() && crate::text::is_letter(c))
        && w.chars().nth(1).is_some()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests;
