//! The number parser: reads one number at a position of normalized text.
//!
//! [`parse_at`] is the crate-internal entry point (the extractor and the
//! time module call it); [`parse_number`] parses a whole string for users.
//!
//! The parser works token by token (a token is a run of Arabic letters or
//! a run of digits with separators), accepting only a single space between
//! tokens, and folds the tokens into a value in the way Arabic composes
//! numbers: units and tens joined by `و` add up (`خمسة وعشرون`), a unit
//! before `مئة` multiplies it (`ثلاث مئة`), a scale word multiplies the
//! group before it (`ثلاثة آلاف`, `28 ألف`), and a larger scale after a
//! smaller one multiplies everything before it (`مئة ألف مليون`).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::vocabulary::{self as voc, Word};
use super::QuantityKind;
use core::ops::Range;

/// Values above this are saturated and flagged as overflowing.
const MAX_VALUE: f64 = 1e18;

/// One number read from normalized text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Parsed {
    /// The value; `None` for a vague amount (`عشرات`), which has
    /// `min`/`max` instead.
    pub(crate) value: Option<f64>,
    /// The lower bound of a vague amount.
    pub(crate) min: Option<f64>,
    /// The upper bound of a vague amount.
    pub(crate) max: Option<f64>,
    /// Cardinal, ordinal or percent.
    pub(crate) kind: QuantityKind,
    /// The normalized byte range of the number, without a leading clitic
    /// (`ب` of `بثلاثة`) but with a percent word (`35 في المئة`).
    pub(crate) range: Range<usize>,
    /// The value saturated (absurdly long digits or scale chains).
    pub(crate) overflow: bool,
    /// The number is a single run of digits (no words, no separators).
    pub(crate) plain_digits: bool,
    /// The number is written with words only, no digits.
    pub(crate) words_only: bool,
    /// The number ends in a scale word that multiplied all of it
    /// (`خمسة مليون`), for decimals written with `فاصلة`.
    trailing_scale: Option<f64>,
}

/// A number read from a whole string by [`parse_number`].
///
/// ```
/// use hadath::{parse_number, QuantityKind};
///
/// let n = parse_number("ثلاثمائة وخمسين").unwrap();
/// assert_eq!(n.value, 350.0);
/// assert_eq!(n.kind, QuantityKind::Cardinal);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// The value. For a percent (`35%`) it is the number before the
    /// percent sign (35), not the fraction.
    pub value: f64,
    /// Cardinal, ordinal or percent.
    pub kind: QuantityKind,
}

/// Parses a whole string as one number: digits in any script, number
/// words, mixed forms (`28 ألف`), a leading sign, decimals written with a
/// point or with `فاصلة`, a simple fraction of integers (`١١/١٠`), an
/// ordinal (`الحادي عشر`) or a percent (`35%`, `35 في المئة`).
///
/// Returns `None` when the string is not exactly one number (vague amounts
/// such as `عشرات` have no single value and also give `None`). The input
/// is normalized internally, so any spelling works.
///
/// ```
/// use hadath::{parse_number, QuantityKind};
///
/// assert_eq!(parse_number("٢٬٥٠٠").unwrap().value, 2500.0);
/// assert_eq!(parse_number("1.5 مليون").unwrap().value, 1_500_000.0);
/// assert_eq!(parse_number("إحدى عشرة").unwrap().value, 11.0);
/// let p = parse_number("35 بالمئة").unwrap();
/// assert_eq!((p.value, p.kind), (35.0, QuantityKind::Percent));
/// assert_eq!(parse_number("الخامسة").unwrap().kind, QuantityKind::Ordinal);
/// assert!(parse_number("الرقة").is_none());
/// ```
pub fn parse_number(text: &str) -> Option<Number> {
    let n = crate::normalize(text);
    let s = n.as_str().trim();
    let (sign, s) = match s.strip_prefix('-') {
        Some(r) => (-1.0, r.trim_start()),
        None => (1.0, s.strip_prefix('+').unwrap_or(s).trim_start()),
    };
    // A leading decimal point: `.77`.
    let owned;
    let s = if s.starts_with('.') {
        owned = format!("0{s}");
        owned.as_str()
    } else {
        s
    };
    if let Some(v) = simple_fraction(s).or_else(|| spaced_digits(s)) {
        return Some(Number { value: sign * v, kind: QuantityKind::Cardinal });
    }
    let p = parse_at(s, 0)?;
    if p.range != (0..s.len()) {
        return None;
    }
    Some(Number { value: sign * p.value?, kind: p.kind })
}

/// `a/b` with integer parts, as a fraction (whole-string mode only: in
/// running text a slash is a date).
fn simple_fraction(s: &str) -> Option<f64> {
    let (a, b) = s.split_once('/')?;
    let all = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
    if !all(a) || !all(b) {
        return None;
    }
    let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
    (b != 0.0).then(|| a / b)
}

/// Digits grouped by spaces in threes: `1 000 000` (whole-string mode).
fn spaced_digits(s: &str) -> Option<f64> {
    let mut parts = s.split(' ');
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let ok = !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|p| p.len() == 3 && p.bytes().all(|c| c.is_ascii_digit()));
    if !ok {
        return None;
    }
    s.replace(' ', "").parse().ok()
}

/// Reads the number (cardinal, vague amount, ordinal or percent) that
/// starts at byte `pos` of the normalized `text`, which must be the start
/// of a word (a leading clitic such as `ب`, `و`, `ال` of `الـ25` is
/// skipped and left out of the range).
///
/// Returns `None` when no number starts there. Besides the quantity
/// stage, it is the reader meant for numbers inside time expressions
/// (`قبل 10 أيام`, `الثالث من`), which `time/num.rs` still reads on its
/// own for now.
pub(crate) fn parse_at(text: &str, pos: usize) -> Option<Parsed> {
    let may = text.is_char_boundary(pos)
        && super::prefilter::may_start(
            text,
            pos,
            pos + letters(text, pos).len(),
        );
    if may {
        read_at(text, pos)
    } else {
        None
    }
}

/// [`parse_at`] without the prefilter (every word is read).
pub(super) fn read_at(text: &str, pos: usize) -> Option<Parsed> {
    if !text.is_char_boundary(pos) {
        return None;
    }
    read_letters_at(text, pos, letters(text, pos))
}

/// [`read_at`] at the char boundary `pos`, whose run of letters `w` the
/// caller has read: the first token's readers take it instead of reading
/// it again.
pub(super) fn read_letters_at(
    text: &str,
    pos: usize,
    w: &str,
) -> Option<Parsed> {
    let mut p = cardinal_at(text, pos, true, Some(w))
        .or_else(|| ordinal_at(text, pos, w))?;
    if p.kind == QuantityKind::Cardinal && p.value.is_some() {
        if let Some(end) = percent_after(text, p.range.end) {
            p.kind = QuantityKind::Percent;
            p.range.end = end;
            p.plain_digits = false;
        }
    }
    Some(p)
}

/// The end of a percent phrase right after a number ending at `end`.
pub(super) fn percent_after(text: &str, end: usize) -> Option<usize> {
    let rest = text.get(end..)?;
    if rest.starts_with('%') {
        return Some(end + 1);
    }
    let rest = rest.strip_prefix(' ')?;
    // Only the phrases of the next byte.
    let first = usize::from(*rest.as_bytes().first()?);
    let ks = voc::PERCENT_BY_FIRST.get(first)?;
    ks.iter().find_map(|&k| {
        let w = voc::PERCENT_PHRASES.get(usize::from(k))?;
        let after = rest.strip_prefix(w.as_str())?;
        let boundary = w == "%"
            || after
                .chars()
                .next()
                .is_none_or(|c| !crate::text::is_word_char(c));
        boundary.then(|| end + 1 + w.len())
    })
}

/// A token of a number.
#[derive(Clone, Copy, Debug)]
enum Tok {
    Word(Word),
    Digits { value: f64, overflow: bool, plain: bool },
}

/// A token with its place.
#[derive(Clone, Copy, Debug)]
struct Lexed {
    tok: Tok,
    /// Start of the number part (after any clitic).
    start: usize,
    end: usize,
    /// Whether it carried the conjunction `و` (as a prefix).
    conj: bool,
}

/// The run of letters starting at `pos`.
pub(super) fn letters(text: &str, pos: usize) -> &str {
    text.get(pos..super::letters_end(text, pos)).unwrap_or_default()
}

/// Clitics allowed before digits (`بـ65`, `الـ25`, `و3`).
const DIGIT_CLITICS: &[&str] =
    &["ب", "ل", "و", "ف", "ك", "ال", "بال", "وال", "لل", "وب", "ول", "فب"];

/// Clitics allowed before the first number word (`بثلاثة`, `لعشرات`).
pub(super) const WORD_CLITICS: &[&str] =
    &["و", "ب", "ل", "ك", "ف", "وب", "ول", "فب", "فل", "وك"];

/// The article, with its clitics, on a vague amount (`العشرات`,
/// `بالعشرات`, `للآلاف`).
pub(super) const VAGUE_ARTICLES: &[&str] = &["ال", "بال", "وال", "لل", "وبال"];

/// Clitics before an ordinal with the article (`بالخامسة`).
pub(super) const ORDINAL_CLITICS: &[&str] = &["و", "ف", "ب", "ك", "وب", "فب"];

/// Clitics that absorb the article's `ا` before an ordinal (`للمرة`
/// style: `للثانية` = `ل` + `الثانية`).
pub(super) const ORDINAL_LAM_CLITICS: &[&str] = &["لل", "ولل", "فلل"];

/// Reads digits at `pos`: `123`, `2,500`, `1.5`. Returns value, end,
/// overflow, plain.
fn digits_at(text: &str, pos: usize) -> Option<(f64, usize, bool, bool)> {
    let b = text.as_bytes();
    let run = |i: usize| {
        let mut j = i;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let mut end = run(pos);
    if end == pos {
        return None;
    }
    let mut plain = true;
    // Thousands groups: exactly three digits after each comma.
    while b.get(end) == Some(&b',') {
        let e = run(end + 1);
        if e - (end + 1) == 3 && !(end - pos > 3 && plain) {
            end = e;
            plain = false;
        } else {
            break;
        }
    }
    let int_end = end;
    if b.get(end) == Some(&b'.') {
        let e = run(end + 1);
        if e > end + 1 {
            end = e;
            plain = false;
        }
    }
    // Whole numbers without a string; others parsed.
    let whole = if end == int_end {
        whole_digits_value(b.get(pos..end))
    } else {
        None
    };
    let (v, overflow) = match whole {
        Some(v) => (v, false),
        None => digits_value(text, pos, int_end, end)?,
    };
    Some((v, end, overflow, plain))
}

/// The value of whole digits with thousands commas (`2,500`) of at most
/// fifteen digits, without a string: exact, as parsing them is.
#[inline]
pub(super) fn whole_digits_value(digits: Option<&[u8]>) -> Option<f64> {
    let mut n: u64 = 0;
    let mut count = 0;
    for &c in digits? {
        if c != b',' {
            n = n * 10 + u64::from(c.wrapping_sub(b'0'));
            count += 1;
            if count > 15 {
                return None;
            }
        }
    }
    // Below 10^15 < 2^53: the conversion is exact.
    Some(n as f64)
}

/// The value of the digits `pos..end` (commas left out, a decimal point
/// from `int_end`), parsed, and whether it overflows.
fn digits_value(
    text: &str,
    pos: usize,
    int_end: usize,
    end: usize,
) -> Option<(f64, bool)> {
    let s: String = text
        .get(pos..end)
        .unwrap_or_default()
        .chars()
        .filter(|&c| c != ',')
        .collect();
    let int_digits = text
        .get(pos..int_end)
        .unwrap_or_default()
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&c| c == b'0')
        .count();
    let v: f64 = s.parse().ok()?;
    let overflow = int_digits > 18 || !v.is_finite() || v > MAX_VALUE;
    Some((if overflow { MAX_VALUE } else { v }, overflow))
}

/// Looks up a cardinal word, with a `و` prefix read as the conjunction.
fn lookup(w: &str) -> Option<(Word, bool)> {
    if let Some(&x) = voc::CARDINALS.get(w) {
        return Some((x, false));
    }
    let rest = w.strip_prefix('و')?;
    voc::CARDINALS.get(rest).map(|&x| (x, true))
}

/// Lexes the token at `pos`. `first`: the first token of a number, which
/// may carry a proclitic. `letters_at`: the run of letters at `pos`, when
/// the caller has read it.
fn lex(
    text: &str,
    pos: usize,
    first: bool,
    letters_at: Option<&str>,
) -> Option<Lexed> {
    let c = text.get(pos..)?.chars().next()?;
    if c.is_ascii_digit() {
        let (value, end, overflow, plain) = digits_at(text, pos)?;
        return Some(Lexed {
            tok: Tok::Digits { value, overflow, plain },
            start: pos,
            end,
            conj: false,
        });
    }
    let w = letters_at.unwrap_or_else(|| letters(text, pos));
    if w.is_empty() {
        return None;
    }
    let wend = pos + w.len();
    let next_is_digit =
        text.as_bytes().get(wend).is_some_and(u8::is_ascii_digit);
    if next_is_digit {
        if !DIGIT_CLITICS.contains(&w) || (!first && w != "و") {
            return None;
        }
        let (value, end, overflow, plain) = digits_at(text, wend)?;
        return Some(Lexed {
            tok: Tok::Digits { value, overflow, plain },
            start: wend,
            end,
            conj: w == "و" && !first,
        });
    }
    // `وأحد عشر` normalizes to `واحد عشر`: read `و` + `أحد` in a teen.
    if !first {
        if let Some(Word::TeenHead(_)) =
            w.strip_prefix('و').and_then(|r| voc::CARDINALS.get(r))
        {
            if teen_tail(text, wend).is_some() {
                if let Some(&x) =
                    w.strip_prefix('و').and_then(|r| voc::CARDINALS.get(r))
                {
                    return Some(Lexed {
                        tok: Tok::Word(x),
                        start: pos + 'و'.len_utf8(),
                        end: wend,
                        conj: true,
                    });
                }
            }
        }
    }
    if let Some((x, conj)) = lookup(w) {
        let start = if conj { pos + 'و'.len_utf8() } else { pos };
        return Some(Lexed { tok: Tok::Word(x), start, end: wend, conj });
    }
    if !first {
        return None;
    }
    for cl in WORD_CLITICS {
        if let Some(rest) = super::strip_clitic(w, cl) {
            if let Some(&x) = voc::CARDINALS.get(rest) {
                let start = pos + cl.len();
                return Some(Lexed {
                    tok: Tok::Word(x),
                    start,
                    end: wend,
                    conj: false,
                });
            }
        }
    }
    // The article on a vague amount: `العشرات`, `بالعشرات`, `الآلاف`.
    for cl in VAGUE_ARTICLES {
        if let Some(rest) = super::strip_clitic(w, cl) {
            if let Some(&x) = voc::CARDINALS.get(rest) {
                if matches!(
                    x,
                    Word::Tens10 | Word::Hundreds | Word::ScalePlural(_)
                ) {
                    let keep = if *cl == "لل" { "ل" } else { "ال" };
                    let start = pos + cl.len() - keep.len();
                    return Some(Lexed {
                        tok: Tok::Word(x),
                        start: start.max(pos),
                        end: wend,
                        conj: false,
                    });
                }
            }
        }
    }
    None
}

/// Position of the next token after `end`: one space, optionally the
/// separate conjunction `و` and a space. Returns (pos, conj).
fn next_pos(text: &str, end: usize) -> Option<(usize, bool)> {
    let rest = text.get(end..)?;
    let rest = rest.strip_prefix(' ')?;
    if let Some(r) = rest.strip_prefix("و ") {
        if r.chars().next().is_some_and(crate::text::is_word_char) {
            return Some((end + 1 + "و ".len(), true));
        }
    }
    Some((end + 1, false))
}

/// Reads the next token after `end`, if any; conj folds a separate `و`.
fn lex_next(text: &str, end: usize) -> Option<Lexed> {
    let (p, conj) = next_pos(text, end)?;
    let mut l = lex(text, p, false, None)?;
    if conj {
        if l.conj {
            return None; // `و وخمسة`
        }
        l.conj = true;
    }
    Some(l)
}

/// Whether the word at `pos` is a teen tail (`عشر`, `عشرة`), returning
/// its end. The run of letters there is read only when the text starts
/// with the first letter of a teen tail (most words after a unit do not).
pub(super) fn teen_tail(text: &str, end: usize) -> Option<usize> {
    let p = end + text.get(end..)?.strip_prefix(' ').map(|_| 1)?;
    let rest = text.as_bytes().get(p..)?;
    if !voc::TEEN_TAIL_HEADS.iter().any(|h| rest.starts_with(h)) {
        return None;
    }
    let w = letters(text, p);
    voc::is_in(&voc::TEEN_TAIL_WORDS, w).then_some(p + w.len())
}

/// The previous token's class, for the composition rules.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Prev {
    Unit(u8),
    Teen,
    Tens,
    Hundred,
    Scale,
    Digits,
}

/// Folding state of a cardinal.
struct Acc {
    total: f64,
    group: f64,
    last_scale: f64,
    prev: Prev,
    overflow: bool,
    /// The last token was a scale that multiplied the whole number.
    trailing_scale: Option<f64>,
    has_digits: bool,
    has_words: bool,
}

impl Acc {
    fn value(&self) -> f64 {
        let v = self.total + self.group;
        if v.is_finite() {
            v.min(MAX_VALUE)
        } else {
            MAX_VALUE
        }
    }

    /// Applies a scale to the current group.
    fn scale(&mut self, s: f64) {
        if s > self.last_scale {
            self.total = (self.total + self.group) * s;
            self.trailing_scale = Some(s);
        } else {
            self.total += self.group * s;
            self.trailing_scale = None;
        }
        self.group = 0.0;
        self.last_scale = s;
        self.prev = Prev::Scale;
        if !self.total.is_finite() || self.total > MAX_VALUE {
            self.total = MAX_VALUE;
            self.overflow = true;
        }
    }

    /// Adds a new term joined by `و` that carries its own scale.
    fn add_scaled(&mut self, n: f64, s: f64) {
        self.total += self.group + n * s;
        self.group = 0.0;
        self.last_scale = self.last_scale.max(s);
        self.prev = Prev::Scale;
        self.trailing_scale = None;
    }

    /// Takes one token; false if it does not continue the number.
    fn take(&mut self, l: &Lexed, text: &str, end: &mut usize) -> bool {
        let conj = l.conj;
        match l.tok {
            Tok::Digits { value, overflow, .. } => {
                let ok = conj
                    && matches!(
                        self.prev,
                        Prev::Scale | Prev::Hundred | Prev::Tens
                    );
                if !ok {
                    return false;
                }
                self.group += value;
                self.overflow |= overflow;
                self.prev = Prev::Digits;
                self.has_digits = true;
                *end = l.end;
            }
            Tok::Word(w) => {
                self.has_words = true;
                match w {
                    Word::Unit(u) | Word::TeenHead(u) => {
                        let (v, e, teen) = match teen_tail(text, l.end) {
                            Some(e) if (1..=9).contains(&u) => {
                                (f64::from(u) + 10.0, e, true)
                            }
                            _ if matches!(w, Word::TeenHead(_)) => {
                                return false
                            }
                            _ => (f64::from(u), l.end, false),
                        };
                        let ok = if conj {
                            matches!(
                                self.prev,
                                Prev::Tens | Prev::Hundred | Prev::Scale
                            )
                        } else {
                            self.prev == Prev::Hundred
                        };
                        if !ok {
                            return false;
                        }
                        self.group += v;
                        self.prev =
                            if teen { Prev::Teen } else { Prev::Unit(u) };
                        *end = e;
                    }
                    Word::Teen(t) => {
                        let ok = if conj {
                            matches!(self.prev, Prev::Hundred | Prev::Scale)
                        } else {
                            self.prev == Prev::Hundred
                        };
                        if !ok {
                            return false;
                        }
                        self.group += f64::from(t);
                        self.prev = Prev::Teen;
                        *end = l.end;
                    }
                    Word::Tens(t) => {
                        let ok = if conj {
                            matches!(
                                self.prev,
                                Prev::Unit(1..=9)
                                    | Prev::Hundred
                                    | Prev::Scale
                            )
                        } else {
                            self.prev == Prev::Hundred
                        };
                        if !ok {
                            return false;
                        }
                        self.group += f64::from(t);
                        self.prev = Prev::Tens;
                        *end = l.end;
                    }
                    Word::Hundred(h) => {
                        let h = f64::from(h);
                        if conj {
                            self.group += h;
                        } else {
                            match self.prev {
                                Prev::Unit(u) if h == 100.0 && u >= 3 => {
                                    let u = f64::from(u);
                                    self.group += u * 99.0;
                                }
                                Prev::Unit(_)
                                | Prev::Teen
                                | Prev::Tens
                                | Prev::Digits
                                    if h == 100.0 =>
                                {
                                    self.group *= 100.0;
                                }
                                _ => return false,
                            }
                        }
                        self.prev = Prev::Hundred;
                        *end = l.end;
                    }
                    Word::Hundreds => match self.prev {
                        Prev::Unit(u) if !conj && u >= 3 => {
                            self.group += f64::from(u) * 99.0;
                            self.prev = Prev::Hundred;
                            *end = l.end;
                        }
                        _ => return false,
                    },
                    Word::Scale(s) | Word::ScalePlural(s) => {
                        let s = s as f64;
                        if conj {
                            if matches!(w, Word::ScalePlural(_)) {
                                return false;
                            }
                            self.add_scaled(1.0, s);
                        } else if self.group > 0.0 {
                            if matches!(w, Word::ScalePlural(_))
                                && self.group > 10.0
                                && self.prev != Prev::Digits
                            {
                                return false;
                            }
                            self.scale(s);
                        } else if self.prev == Prev::Scale
                            && s > self.last_scale
                            && matches!(w, Word::Scale(_))
                        {
                            self.scale(s);
                        } else {
                            return false;
                        }
                        *end = l.end;
                    }
                    Word::ScaleDual(s) => {
                        if !conj {
                            return false;
                        }
                        self.add_scaled(2.0, s as f64);
                        *end = l.end;
                    }
                    Word::Tens10 | Word::Few | Word::Point => return false,
                }
            }
        }
        if conj {
            self.trailing_scale = match l.tok {
                Tok::Word(Word::Scale(_)) => self.trailing_scale,
                _ => None,
            };
        } else if !matches!(l.tok, Tok::Word(Word::Scale(_))) {
            self.trailing_scale = None;
        }
        true
    }
}

/// Starts a cardinal from its first token.
fn start_acc(l: &Lexed, text: &str, end: &mut usize) -> Option<Acc> {
    let mut a = Acc {
        total: 0.0,
        group: 0.0,
        last_scale: 0.0,
        prev: Prev::Digits,
        overflow: false,
        trailing_scale: None,
        has_digits: false,
        has_words: false,
    };
    match l.tok {
        Tok::Digits { value, overflow, .. } => {
            a.group = value;
            a.overflow = overflow;
            a.has_digits = true;
            *end = l.end;
        }
        Tok::Word(w) => {
            a.has_words = true;
            match w {
                Word::Unit(u) | Word::TeenHead(u) => {
                    match teen_tail(text, l.end) {
                        Some(e) if (1..=9).contains(&u) => {
                            a.group = f64::from(u) + 10.0;
                            a.prev = Prev::Teen;
                            *end = e;
                        }
                        _ if matches!(w, Word::TeenHead(_)) => return None,
                        _ => {
                            a.group = f64::from(u);
                            a.prev = Prev::Unit(u);
                            *end = l.end;
                        }
                    }
                }
                Word::Teen(t) => {
                    a.group = f64::from(t);
                    a.prev = Prev::Teen;
                    *end = l.end;
                }
                Word::Tens(t) => {
                    a.group = f64::from(t);
                    a.prev = Prev::Tens;
                    *end = l.end;
                }
                Word::Hundred(h) => {
                    a.group = f64::from(h);
                    a.prev = Prev::Hundred;
                    *end = l.end;
                }
                Word::Scale(s) => {
                    a.group = 1.0;
                    *end = l.end;
                    a.scale(s as f64);
                }
                Word::ScaleDual(s) => {
                    a.group = 2.0;
                    *end = l.end;
                    a.scale(s as f64);
                }
                _ => return None,
            }
        }
    }
    Some(a)
}

/// A vague amount at its first token: (min, max, end).
fn vague(text: &str, l: &Lexed) -> Option<(f64, f64, usize)> {
    let Tok::Word(w) = l.tok else { return None };
    let (mut lo, mut hi, mut end) = match w {
        Word::Tens10 => (10.0, 99.0, l.end),
        Word::Hundreds => (100.0, 999.0, l.end),
        Word::ScalePlural(s) => (s as f64, 9.0 * s as f64, l.end),
        Word::Few => match teen_tail(text, l.end) {
            Some(e) => (13.0, 19.0, e),
            None => (3.0, 9.0, l.end),
        },
        _ => return None,
    };
    // `عشرات الآلاف`, `مئات الملايين`, `بضعة آلاف`, `بضع مئات`.
    if let Some(p) = text.get(end..).and_then(|r| r.strip_prefix(' ')) {
        let w = letters(p, 0);
        let bare = w.strip_prefix("ال").unwrap_or(w);
        let found = voc::CARDINALS.get(w).or_else(|| voc::CARDINALS.get(bare));
        let mult = match found {
            Some(Word::ScalePlural(s)) => Some(*s as f64),
            Some(Word::Hundreds) if !w.starts_with("ال") => Some(100.0),
            _ => None,
        };
        if let Some(m) = mult {
            if matches!(l.tok, Tok::Word(Word::ScalePlural(_))) {
                // `آلاف الآلاف`: leave alone.
            } else {
                lo *= m;
                hi *= m;
                end += 1 + w.len();
            }
        }
    }
    Some((lo, hi, end))
}

/// A cardinal (or vague amount) at `pos`; `point`: a decimal part with
/// `فاصلة` may follow (not inside a decimal part, so that a chain of
/// `فاصلة` is read in linear time). `letters_at`: the run of letters at
/// `pos`, when the caller has read it.
fn cardinal_at(
    text: &str,
    pos: usize,
    point: bool,
    letters_at: Option<&str>,
) -> Option<Parsed> {
    let first = lex(text, pos, true, letters_at)?;
    if let Some((lo, hi, end)) = vague(text, &first) {
        return Some(Parsed {
            value: None,
            min: Some(lo),
            max: Some(hi),
            kind: QuantityKind::Cardinal,
            range: first.start..end,
            overflow: false,
            plain_digits: false,
            words_only: true,
            trailing_scale: None,
        });
    }
    let mut end = first.end;
    let mut acc = start_acc(&first, text, &mut end)?;
    let first_plain = matches!(first.tok, Tok::Digits { plain: true, .. });
    while let Some(l) = lex_next(text, end) {
        if !acc.take(&l, text, &mut end) {
            break;
        }
    }
    let mut value = acc.value();
    // A decimal with `فاصلة`: `ثلاث فاصلة أربعة`, `أربعة فاصلة خمسة مليون`.
    if let Some(p) = next_pos(text, end).filter(|(_, c)| point && !c) {
        if let Some(w) = point_at(text, p.0) {
            let fp = p.0 + w.len() + 1;
            if text.get(fp - 1..fp) == Some(" ") {
                if let Some(f) = cardinal_at(text, fp, false, None)
                    .filter(|f| f.kind == QuantityKind::Cardinal)
                {
                    if let Some(fv) = f.value {
                        let (frac, scale) = match f.trailing_scale {
                            Some(s) if acc.total == 0.0 && value < 1000.0 => {
                                (fv / s, s)
                            }
                            _ => (fv, 1.0),
                        };
                        let digits = format!("{}", frac.trunc() as u64);
                        let d: f64 =
                            format!("0.{digits}").parse().unwrap_or(0.0);
                        value = (value + d) * scale;
                        end = f.range.end;
                    }
                }
            }
        }
    }
    Some(Parsed {
        value: Some(value),
        min: None,
        max: None,
        kind: QuantityKind::Cardinal,
        range: first.start..end,
        overflow: acc.overflow,
        plain_digits: first_plain && end == first.end,
        words_only: !acc.has_digits,
        trailing_scale: acc.trailing_scale,
    })
}

/// The run of letters at `pos` when it is a decimal point word
/// ([`Word::Point`], `فاصلة`): `voc::CARDINALS.get(letters(text, pos))`
/// is `Point`, with the run read only when the text there starts with
/// one of them (most numbers are followed by other words).
pub(super) fn point_at(text: &str, pos: usize) -> Option<&str> {
    let rest = text.get(pos..)?.as_bytes();
    let may = voc::POINT_WORDS.iter().any(|w| {
        let w = w.as_bytes();
        rest.get(..2) == w.get(..2) && rest.starts_with(w)
    });
    if !may {
        return None;
    }
    let w = letters(text, pos);
    (voc::CARDINALS.get(w) == Some(&Word::Point)).then_some(w)
}

/// An ordinal at `pos`: `الخامسة`, `للمرة الأولى`'s `الأولى`, `الحادي
/// عشر`, `الثامنة والعشرين`. `w` is the run of letters at `pos`.
fn ordinal_at(text: &str, pos: usize, w: &str) -> Option<Parsed> {
    let mut found = None;
    if let Some(&v) = voc::ORDINAL_WORDS.get(w) {
        found = Some((v, pos, w));
    } else {
        for cl in ORDINAL_CLITICS {
            if let Some(rest) = super::strip_clitic(w, cl) {
                if rest.starts_with("ال") {
                    if let Some(&v) = voc::ORDINAL_WORDS.get(rest) {
                        found = Some((v, pos + cl.len(), rest));
                        break;
                    }
                }
            }
        }
        if found.is_none() {
            for cl in ORDINAL_LAM_CLITICS {
                if let Some(rest) = super::strip_clitic(w, cl) {
                    let full = format!("ال{rest}");
                    if let Some(&v) = voc::ORDINAL_WORDS.get(&full) {
                        // The span starts at the `ل` that stands for `ال`.
                        let start = pos + cl.len() - "ل".len();
                        found = Some((v, start, rest));
                        break;
                    }
                }
            }
        }
    }
    if found.is_none() {
        // A bare ordinal ten: `العشرين` (`القرن العشرين`).
        let (start, word) = match w.strip_prefix('و') {
            Some(r) if r.starts_with("ال") => (pos + 'و'.len_utf8(), r),
            _ => (pos, w),
        };
        let &t = voc::ORDINAL_TEN_WORDS.get(word)?;
        return Some(Parsed {
            value: Some(f64::from(t)),
            min: None,
            max: None,
            kind: QuantityKind::Ordinal,
            range: start..pos + w.len(),
            overflow: false,
            plain_digits: false,
            words_only: true,
            trailing_scale: None,
        });
    }
    let (v, start, word) = found?;
    let wend = pos + w.len();
    let teen_only = voc::is_in(&voc::ORDINAL_TEEN_ONLY_WORDS, word);
    let (mut value, mut end) = match teen_tail(text, wend) {
        Some(e) if v < 10 => (f64::from(v) + 10.0, e),
        _ => (f64::from(v), wend),
    };
    let mut compound = value > 10.0;
    if value < 10.0 {
        // `الحادي والعشرون`, `الثامنة والعشرين`.
        if let Some(r) = text.get(end..).and_then(|r| r.strip_prefix(" و")) {
            let r = r.strip_prefix(' ').unwrap_or(r);
            let tw = letters(r, 0);
            if let Some(&t) = voc::ORDINAL_TEN_WORDS.get(tw) {
                let off = text.len() - r.len();
                value += f64::from(t);
                end = off + tw.len();
                compound = true;
            }
        }
    }
    if teen_only && !compound {
        return None;
    }
    Some(Parsed {
        value: Some(value),
        min: None,
        max: None,
        kind: QuantityKind::Ordinal,
        range: start..end,
        overflow: false,
        plain_digits: false,
        words_only: true,
        trailing_scale: None,
    })
}
