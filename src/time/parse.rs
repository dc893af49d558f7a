//! A position parser over normalized text: reads one time expression
//! starting at a token and returns what it recognised and how far it read.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::months::{
    Table, CLOCK_PART_WORDS, DAY_PART_NAMES, FUTURE, GREGORIAN_MONTHS,
    HIJRI_MONTHS, PAST, WEEKDAY_NAMES,
};
use super::num;
use super::vocab;
use crate::hash::WordTable;
use crate::time::TimeKind;
use once_cell::sync::Lazy;

/// One token of normalized text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok<'a> {
    /// The token text.
    pub(crate) s: &'a str,
    /// Normalized byte range.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Forms without proclitics (`بايلول` → `ايلول`, `للعام` → `العام`),
    /// as offsets in `s`.
    forms: Forms,
    /// What the parser may read the token as ([`vocab::class`] bits):
    /// a token without [`vocab::WORD`] matches no word list.
    pub(crate) class: u8,
    /// The [`key_bit`]s a word must have to equal the token or one of
    /// its forms (all end with the token's last byte), so that most
    /// words of a list are rejected by one bit test; 0 for a token
    /// without [`vocab::WORD`], which is compared with no word.
    lens: u64,
    /// The token's own entry in the vocabulary table, if it has one.
    pub(crate) entry: Option<&'static vocab::Entry>,
}

/// The bit of a word of byte length `n` and last byte `last` (0 for
/// none), one of 64 picked by a multiplicative hash: equal words have
/// the same bit, and words of a list mostly differ from a token in one
/// or the other.
#[inline(always)]
fn key_bit(n: usize, last: u8) -> u64 {
    let k = (n as u64) ^ (u64::from(last) << 8);
    1 << (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// [`key_bit`] of `w`.
#[inline(always)]
fn word_bit(w: &str) -> u64 {
    key_bit(w.len(), w.as_bytes().last().copied().unwrap_or(0))
}

/// The proclitic-free forms of a word: without a conjunction `و`/`ف`
/// (`conj`), then without a preposition `ب`/`ل`/`ك` (`prep`), and for
/// `لل` + rest the form `ال` + rest (kept as the rest, `lil`). Each is
/// the byte offset in the word where the form (a suffix) starts, 0 for
/// none. Only words of three letters or more have forms, and only forms
/// of two letters or more count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Forms {
    conj: u8,
    prep: u8,
    lil: u8,
}

impl Forms {
    /// The forms of `w`, read on its bytes: the clitics are two-byte
    /// letters (`و` D9 88, `ف` D9 81, `ب` D8 A8, `ل` D9 84, `ك` D9 83),
    /// and a word without one at its start (most) has none. Tested
    /// against `Forms::of_chars`, the same on chars.
    #[inline]
    fn of(w: &str) -> Forms {
        let b = w.as_bytes();
        // Whether `s` holds at least `n` chars (a char has at most four
        // bytes; else count UTF-8 lead bytes).
        let chars = |s: &[u8], n: usize| {
            s.len() >= 4 * n
                || s.iter().filter(|&&x| x & 0xC0 != 0x80).take(n).count() == n
        };
        let a = match b {
            [0xD9, 0x88 | 0x81, a @ ..] => a,
            _ => b,
        };
        let rest = match a {
            [0xD8, 0xA8, r @ ..] | [0xD9, 0x84 | 0x83, r @ ..] => Some(r),
            _ => None,
        };
        if (a.len() == b.len() && rest.is_none()) || !chars(b, 3) {
            return Forms::default();
        }
        // Where a suffix of `w` starts (clitics are a few bytes).
        let at = |f: &[u8]| u8::try_from(b.len() - f.len()).unwrap_or(0);
        let conj = if a.len() < b.len() && chars(a, 2) { at(a) } else { 0 };
        let Some(r) = rest else {
            return Forms { conj, prep: 0, lil: 0 };
        };
        Forms {
            conj,
            prep: if chars(r, 2) { at(r) } else { 0 },
            lil: match a {
                [0xD9, 0x84, 0xD9, 0x84, l @ ..] => at(l),
                _ => 0,
            },
        }
    }

    /// [`Forms::of`] on chars, as it was: its test reference.
    #[cfg(test)]
    fn of_chars(w: &str) -> Forms {
        let two = |s: &str| s.chars().nth(1).is_some();
        if w.chars().nth(2).is_none() {
            return Forms::default();
        }
        let at = |f: &str| u8::try_from(w.len() - f.len()).unwrap_or(0);
        let a = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        let conj = if a.len() < w.len() && two(a) { at(a) } else { 0 };
        let Some(b) = a.strip_prefix(['ب', 'ل', 'ك']) else {
            return Forms { conj, prep: 0, lil: 0 };
        };
        Forms {
            conj,
            prep: if two(b) { at(b) } else { 0 },
            lil: a.strip_prefix("لل").map_or(0, at),
        }
    }
}

/// String equality, inlined: the words compared are short and mostly
/// differ in length, where a call to `memcmp` would cost more than the
/// comparison.
#[inline]
fn same(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same`] on bytes.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl<'a> Tok<'a> {
    /// The form of the token that starts at byte `at` (0: none).
    #[inline(always)]
    fn form(&self, at: u8) -> Option<&'a str> {
        if at == 0 {
            None
        } else {
            self.s.get(usize::from(at)..)
        }
    }

    /// The [`key_bit`]s of the forms (suffixes of the token, so ending
    /// with its last byte; `lil` stands for `ال` + itself).
    fn forms_key_bits(&self) -> u64 {
        let n = |at: u8| self.s.len() - usize::from(at);
        let last = self.s.as_bytes().last().copied().unwrap_or(0);
        let bit = |n: usize| key_bit(n, last);
        let f = self.forms;
        (if f.conj != 0 { bit(n(f.conj)) } else { 0 })
            | (if f.prep != 0 { bit(n(f.prep)) } else { 0 })
            | (if f.lil != 0 { bit(n(f.lil) + "ال".len()) } else { 0 })
    }

    /// Whether one of the forms is `w` (compared as bytes from the form's
    /// offset, without slicing the token at a char boundary).
    #[inline(always)]
    fn forms_are(&self, w: &str) -> bool {
        let (s, w) = (self.s.as_bytes(), w.as_bytes());
        let is = |at: u8, w: &[u8]| {
            at != 0
                && s.len() - usize::from(at) == w.len()
                && s.get(usize::from(at)..).is_some_and(|f| same_bytes(f, w))
        };
        let f = self.forms;
        is(f.conj, w)
            || is(f.prep, w)
            || (f.lil != 0
                && matches!(w, [0xD8, 0xA7, 0xD9, 0x84, r @ ..] if is(f.lil, r)))
    }

    /// Whether one of the token's forms is `w`.
    #[inline]
    fn is(&self, w: &str) -> bool {
        self.known() && self.is_known(w)
    }

    /// Whether the token may be a word of the parser's lists.
    #[inline]
    fn known(&self) -> bool {
        self.class & vocab::WORD != 0
    }

    /// A token the parser cannot read, for probing it.
    pub(crate) fn inert() -> Tok<'static> {
        Tok {
            s: "",
            start: 0,
            end: 0,
            forms: Forms::default(),
            class: 0,
            lens: word_bit(""),
            entry: None,
        }
    }

    /// [`Tok::is`] for a known token: most words are rejected on their
    /// length and last byte inline, the others compared out of line.
    #[inline(always)]
    fn is_known(&self, w: &str) -> bool {
        self.lens & word_bit(w) != 0 && self.same_or_form(w)
    }

    /// Whether the token or one of its forms is `w`.
    #[inline(never)]
    fn same_or_form(&self, w: &str) -> bool {
        same(self.s, w) || self.forms_are(w)
    }

    #[inline]
    fn is_one_of(&self, ws: &[&str]) -> bool {
        self.known() && ws.iter().any(|w| self.is_known(w))
    }
}

/// Splits a normalized range into tokens: letter runs, digit runs and
/// single other characters; white space separates.
pub(crate) fn tokenize(text: &str, base: usize) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    tokenize_into(text, base, &mut toks);
    toks
}

/// The class of a character for the tokenizer.
#[derive(PartialEq, Clone, Copy)]
enum C {
    Letter,
    Digit,
    Space,
    Other,
}

#[inline]
fn class(c: char) -> C {
    if c.is_ascii_digit() {
        C::Digit
    } else if crate::text::is_letter(c) {
        C::Letter
    } else if c.is_whitespace() {
        C::Space
    } else {
        C::Other
    }
}

/// [`class`] of every ASCII character, looked up instead of computed
/// (other characters are rare outside Arabic letters, which
/// [`letter_run_end`] reads without it, and [`class`] tests those first).
static SHORT_CLASS: Lazy<Vec<C>> =
    Lazy::new(|| (0..0x80u8).map(|c| class(char::from(c))).collect());

/// The character at byte `i` of `text` (a char boundary) and its class
/// and length; one- and two-byte characters decoded inline.
#[inline(always)]
fn char_at(short_class: &[C], text: &str, i: usize) -> (C, usize) {
    let bytes = text.as_bytes();
    let short = |c: u32| short_class.get(c as usize).copied();
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(&b), _) if b < 0x80 => {
            (short(u32::from(b)).unwrap_or(C::Other), 1)
        }
        (Some(&b0), Some(&b1)) if (0xC2..0xE0).contains(&b0) => {
            let c = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            (char::from_u32(c).map_or(C::Other, class), 2)
        }
        _ => {
            let c = text.get(i..).and_then(|s| s.chars().next());
            c.map_or((C::Space, 1), |c| (class(c), c.len_utf8()))
        }
    }
}

/// Where the run of letters that goes on at byte `i` ends; two-byte
/// letters (Arabic) read without [`char_at`].
#[inline(always)]
fn letter_run_end(short_class: &[C], text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        match (bytes.get(i), bytes.get(i + 1)) {
            // A basic Arabic letter (U+0621..U+063A, U+0641..U+064A).
            (Some(0xD8), Some(0xA1..=0xBA))
            | (Some(0xD9), Some(0x81..=0x8A)) => i += 2,
            (Some(&b0), Some(&b1)) if (0xC2..0xE0).contains(&b0) => {
                let c = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
                if char::from_u32(c).map_or(C::Other, class) != C::Letter {
                    return i;
                }
                i += 2;
            }
            (Some(_), _) => {
                let (k, n) = char_at(short_class, text, i);
                if k != C::Letter {
                    return i;
                }
                i += n;
            }
            (None, _) => return i,
        }
    }
}

/// An ASCII char's tokenizer class and, as a token of its own, the
/// class bits and entry [`vocab::class`] gives it.
type AsciiTok = (C, u8, Option<&'static vocab::Entry>);

/// An [`AsciiTok`] for each ASCII char, of the vocabulary table.
static ASCII_TOKS: Lazy<Vec<AsciiTok>> = Lazy::new(|| {
    let words = vocab::words();
    (0..128u8)
        .map(|b| {
            let c = char::from(b);
            let (bits, entry) =
                vocab::class(words, c.encode_utf8(&mut [0; 4]));
            (class(c), bits, entry)
        })
        .collect()
});

/// The one ASCII char of class `Other` of a gap between two words (or a
/// word and an end) of one, two or three bytes with spaces around it
/// (`, `, ` .`, ` , `, `.`: most gaps that are not one space), as its
/// byte offset in the gap and its [`AsciiTok`]; `None` for other gaps.
#[inline(always)]
fn lone_punct(gap: &[u8], ascii: &[AsciiTok]) -> Option<(usize, AsciiTok)> {
    let (at, x) = match gap {
        [x] | [x, b' '] => (0, x),
        [b' ', x] | [b' ', x, b' '] => (1, x),
        _ => return None,
    };
    match ascii.get(usize::from(*x)) {
        Some(&t @ (C::Other, ..)) => Some((at, t)),
        _ => None,
    }
}

/// [`push_tokens`] for the bytes `from..to` of `text` between two words
/// (or a word and an end): where they are ASCII white space and
/// characters of class `Other` (`، `, `. `), each of the latter is one
/// token of the class bits in `ascii` ([`ASCII_TOKS`]); anything else
/// goes to [`push_tokens`]. An empty gap and one [`lone_punct`] reads
/// are read inline.
#[inline(always)]
fn push_gap<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    ascii: &[AsciiTok],
    toks: &mut Vec<Tok<'a>>,
) {
    let gap = text.as_bytes().get(from..to).unwrap_or_default();
    if gap.is_empty() {
        return;
    }
    if let Some((at, (_, class, entry))) = lone_punct(gap, ascii) {
        let j = from + at;
        let s = text.get(j..j + 1).unwrap_or_default();
        toks.push(Tok::new(s, j, false, class, entry));
        return;
    }
    push_gap_slow(text, from, to, ascii, toks);
}

/// [`push_gap`] byte by byte.
#[inline(never)]
fn push_gap_slow<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    ascii: &[AsciiTok],
    toks: &mut Vec<Tok<'a>>,
) {
    let b = text.as_bytes();
    let n = toks.len();
    for j in from..to {
        match b.get(j).and_then(|&x| ascii.get(usize::from(x))) {
            Some((C::Space, ..)) => {}
            Some(&(C::Other, class, entry)) => {
                let s = text.get(j..j + 1).unwrap_or_default();
                toks.push(Tok::new(s, j, false, class, entry));
            }
            _ => {
                toks.truncate(n);
                let gap = text.get(from..to).unwrap_or_default();
                push_tokens(gap, from, toks);
                return;
            }
        }
    }
}

/// [`tokenize`] into a reused buffer (cleared first).
pub(crate) fn tokenize_into<'a>(
    text: &'a str,
    base: usize,
    toks: &mut Vec<Tok<'a>>,
) {
    toks.clear();
    push_tokens(text, base, toks);
}

/// The tokens of `text`, whose first byte is at `base`, appended.
fn push_tokens<'a>(text: &'a str, base: usize, toks: &mut Vec<Tok<'a>>) {
    let short_class = SHORT_CLASS.as_slice();
    let words = vocab::words();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b' ' {
            i += 1;
            continue;
        }
        let (k, n) = char_at(short_class, text, i);
        let start = i;
        i += n;
        // Letter and digit runs; any other character alone.
        match k {
            C::Space | C::Other => {
                if k == C::Space {
                    continue;
                }
            }
            C::Digit => {
                // Only ASCII digits are of class `Digit`.
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            C::Letter => i = letter_run_end(short_class, text, i),
        }
        let w = text.get(start..i).unwrap_or_default();
        let (class, entry) = vocab::class(words, w);
        toks.push(Tok::new(w, base + start, k == C::Letter, class, entry));
    }
}

impl<'a> Tok<'a> {
    /// The token `w` at `start`, of the class bits and entry
    /// [`vocab::class`] gives it; `letters` if it is a letter run.
    #[inline(always)]
    fn new(
        w: &'a str,
        start: usize,
        letters: bool,
        class: u8,
        entry: Option<&'static vocab::Entry>,
    ) -> Tok<'a> {
        // Forms and key bits are only compared for words of the parser's
        // lists (`Tok::is` asks `known` first): others keep none. Those
        // of a word of the table are found once and kept with its entry.
        let (forms, lens) = if class & vocab::WORD == 0 {
            (Forms::default(), 0)
        } else if letters {
            let f = match entry {
                Some(x) => x.forms(|| WordForms::of(w)),
                None => WordForms::of(w),
            };
            (f.forms, f.lens)
        } else {
            (Forms::default(), word_bit(w))
        };
        Tok { s: w, start, end: start + w.len(), forms, class, lens, entry }
    }
}

/// A letter run's [`Forms`] and the [`key_bit`]s of itself and of them,
/// as [`Tok::new`] gives a token of a word of the parser's lists.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordForms {
    forms: Forms,
    lens: u64,
}

impl WordForms {
    /// The forms of the letter run `w`.
    fn of(w: &str) -> WordForms {
        let mut t = Tok::inert();
        t.s = w;
        t.forms = Forms::of(w);
        WordForms { forms: t.forms, lens: word_bit(w) | t.forms_key_bits() }
    }
}

/// The tokens of the normalized sentence at `range` of `text`, as
/// [`tokenize_into`] finds them in it (with offsets in `text`), built from
/// its `words` (the words of [`crate::text::words`] in `range`, with their
/// token hashes). A word of Arabic letters only ([`crate::text::Word`]'s
/// `arabic`, most words) is one letter run to the tokenizer (tested): its
/// vocabulary lookup takes the word's hash. Other words, and the bytes
/// between words that are not one space, are read by the tokenizer
/// ([`push_gap`]: ASCII punctuation and spaces without it). The test
/// reference of [`tokenize_live`].
#[cfg(test)]
pub(crate) fn tokenize_words<'a>(
    text: &'a str,
    range: core::ops::Range<usize>,
    words: &[crate::text::Word],
    toks: &mut Vec<Tok<'a>>,
) {
    toks.clear();
    let table = vocab::words();
    let surface = vocab::surface();
    let ascii = ASCII_TOKS.as_slice();
    let b = text.as_bytes();
    let mut pos = range.start;
    for w in words {
        if !(w.start == pos + 1 && b.get(pos) == Some(&b' ')) {
            push_gap(text, pos, w.start, ascii, toks);
        }
        pos = w.end;
        let s = text.get(w.start..w.end).unwrap_or_default();
        if w.arabic {
            let (class, entry) = if vocab::may_read(surface, w.hash) {
                vocab::class_at(table, b, w.start, w.end, w.hash)
            } else {
                (0, None)
            };
            toks.push(Tok::new(s, w.start, true, class, entry));
        } else {
            push_tokens(s, w.start, toks);
        }
    }
    push_gap(text, pos, range.end, ascii, toks);
}

/// The words of `words` from `k` on that the parser cannot read and that
/// come one space after the byte `pos` or the word before them (words of
/// Arabic letters that fail [`vocab::may_read`], most words of a text)
/// passed over in a tight loop: the first word from `k` that is not such
/// a word, and where the last word passed over ends (`pos` if none).
#[inline(always)]
fn skip_dead(
    b: &[u8],
    surface: &vocab::SurfaceBits,
    words: &[crate::text::Word],
    mut k: usize,
    mut pos: usize,
) -> (usize, usize) {
    while let Some(w) = words.get(k) {
        let dead = w.start == pos + 1
            && b.get(pos) == Some(&b' ')
            && w.arabic
            && !vocab::may_read(surface, w.hash);
        if !dead {
            break;
        }
        pos = w.end;
        k += 1;
    }
    (k, pos)
}

/// The tokens of the normalized sentence at `range` of `text`, whose
/// words are `words`, as `tokenize_words` finds them, except that a run
/// of words in a row that the parser cannot read (words of Arabic
/// letters that fail [`vocab::may_read`], most words of a text) is one
/// token: the first word's, ending where the last word ends. The parser
/// reads such a word as no part of an expression (every test fails on
/// it, whatever its text), so a parse that reads the word after a
/// readable token stops there, and one that looks back from a readable
/// token fails there too: the words after the first are never read, and
/// whether a token is glued to the run's token is read from the run's
/// ends. `tests.rs` checks the tokens against `tokenize_words` and the
/// scan against the scan of every token.
pub(crate) fn tokenize_live<'a>(
    text: &'a str,
    range: core::ops::Range<usize>,
    words: &[crate::text::Word],
    toks: &mut Vec<Tok<'a>>,
) {
    toks.clear();
    let table = vocab::words();
    let surface = vocab::surface();
    let ascii = ASCII_TOKS.as_slice();
    let b = text.as_bytes();
    let mut pos = range.start;
    // Whether the last token is a run of unreadable words.
    let mut run = false;
    // Where the run's last word after its first ends (0: none), written
    // into its token before any other token is pushed.
    let mut run_end = 0;
    let end_run = |toks: &mut Vec<Tok<'a>>, run_end: &mut usize| {
        if *run_end != 0 {
            if let Some(t) = toks.last_mut() {
                t.end = *run_end;
            }
            *run_end = 0;
        }
    };
    for w in words {
        if !(w.start == pos + 1 && b.get(pos) == Some(&b' ')) {
            end_run(toks, &mut run_end);
            let n = toks.len();
            push_gap(text, pos, w.start, ascii, toks);
            run &= toks.len() == n;
        }
        pos = w.end;
        if w.arabic && !vocab::may_read(surface, w.hash) {
            if run {
                run_end = w.end;
            } else {
                let s = text.get(w.start..w.end).unwrap_or_default();
                toks.push(Tok::new(s, w.start, true, 0, None));
                run = true;
            }
            continue;
        }
        end_run(toks, &mut run_end);
        run = false;
        let s = text.get(w.start..w.end).unwrap_or_default();
        if w.arabic {
            let (class, entry) =
                vocab::class_at(table, b, w.start, w.end, w.hash);
            toks.push(Tok::new(s, w.start, true, class, entry));
        } else {
            push_tokens(s, w.start, toks);
        }
    }
    end_run(toks, &mut run_end);
    push_gap(text, pos, range.end, ascii, toks);
}

/// A token that may begin an expression if the token after it is
/// readable, or if it is an expression alone: the first word
/// [`start_word`] gives for it, its bytes in the text and its entry.
type Open = Option<(usize, usize, usize, Option<&'static vocab::Entry>)>;

/// The first word to give for `open` ([`Open`], in `text`) if the next
/// token, of class bits `class`, makes it a possible start.
#[inline(always)]
fn opens(text: &str, open: Open, class: u8) -> Option<usize> {
    let (j, s, e, entry) = open?;
    // The word's text is sliced only for a word without an entry, or
    // the first time its entry is asked.
    let alone = || {
        let s = || text.get(s..e).unwrap_or_default();
        !match entry {
            Some(x) => vocab::entry_alone_fails_with(x, s),
            None => vocab::clitic_alone_fails(s()),
        }
    };
    (class != 0 || alone()).then_some(j)
}

/// The [`Open`] of a token of class bits `class` at bytes `s..e` of the
/// text, of the word or after the word `k`.
#[inline(always)]
fn open_at(
    k: usize,
    s: usize,
    e: usize,
    class: u8,
    entry: Option<&'static vocab::Entry>,
) -> Open {
    (class != 0 && class & vocab::NOT_FIRST == 0).then_some((
        k.saturating_sub(1),
        s,
        e,
        entry,
    ))
}

/// [`start_word`] over the bytes `pos..end` of `text`, between two words
/// (or a word and an end) that are not one space, before the word `k`
/// (the number of words for the end), after `open`: `Err` with the
/// answer if they give one, else the [`Open`] after them.
/// An empty gap and one [`lone_punct`] reads are read inline.
#[inline(always)]
fn start_in_gap(
    text: &str,
    pos: usize,
    end: usize,
    k: usize,
    open: Open,
) -> Result<Open, usize> {
    let ascii = ASCII_TOKS.as_slice();
    let gap = text.as_bytes().get(pos..end).unwrap_or_default();
    if gap.is_empty() {
        return Ok(open);
    }
    if let Some((at, (_, bits, entry))) = lone_punct(gap, ascii) {
        if let Some(j) = opens(text, open, bits) {
            return Err(j);
        }
        return Ok(open_at(k, pos + at, pos + at + 1, bits, entry));
    }
    start_in_gap_slow(text, pos, end, k, open)
}

/// [`start_in_gap`] byte by byte.
#[inline(never)]
fn start_in_gap_slow(
    text: &str,
    pos: usize,
    end: usize,
    k: usize,
    mut open: Open,
) -> Result<Open, usize> {
    let ascii = ASCII_TOKS.as_slice();
    let gap = text.as_bytes().get(pos..end).unwrap_or_default();
    let class = |x: u8| ascii.get(usize::from(x));
    if !gap
        .iter()
        .all(|&x| matches!(class(x), Some((C::Space | C::Other, ..))))
    {
        return Err(open.map_or(k.saturating_sub(1), |(j, ..)| j));
    }
    for (at, &x) in (pos..).zip(gap) {
        if let Some(&(C::Other, bits, entry)) = class(x) {
            if let Some(j) = opens(text, open, bits) {
                return Err(j);
            }
            open = open_at(k, at, at + 1, bits, entry);
        }
    }
    Ok(open)
}

/// Whether the word `c` comes one space after the byte `end` of `text`
/// and is a word of Arabic letters that the parser cannot read (no class
/// in `table`, whose [`vocab::surface`] is `surface`).
#[inline(never)]
fn dead_after(
    text: &str,
    table: &WordTable<vocab::Entry>,
    surface: &vocab::SurfaceBits,
    end: usize,
    c: &crate::text::Word,
) -> bool {
    let b = text.as_bytes();
    c.arabic
        && c.start == end + 1
        && b.get(end) == Some(&b' ')
        && (!vocab::may_read(surface, c.hash)
            || vocab::class_at(table, b, c.start, c.end, c.hash).0 == 0)
}

/// The first word of a sentence's `words` from which [`tokenize_live`]
/// must read it (from the sentence's start for 0) for the scan to find
/// all its expressions, or `None` if no token of it may begin one. The
/// scan tries a token only if it is readable, not [`vocab::NOT_FIRST`],
/// and followed by a readable token or no expression alone, and a parse
/// reads on from its token and the one before ([`Parser::year_expr`]):
/// the word before the first such token is enough. The words of Arabic
/// letters and the ASCII punctuation between them are classed here as
/// [`tokenize_live`] classes them, without building tokens; a word of
/// other characters, or a gap of others, is taken as a start.
pub(crate) fn start_word(
    text: &str,
    range: core::ops::Range<usize>,
    words: &[crate::text::Word],
) -> Option<usize> {
    let table = vocab::words();
    let surface = vocab::surface();
    let b = text.as_bytes();
    let mut open: Open = None;
    let mut pos = range.start;
    let mut k = 0;
    loop {
        if open.is_none() {
            // The words that begin nothing after a token that opens
            // nothing, passed over at once.
            (k, pos) = skip_dead(b, surface, words, k, pos);
        }
        let Some(w) = words.get(k) else { break };
        let (i, next) = (k, k + 1);
        k = next;
        if !(w.start == pos + 1 && b.get(pos) == Some(&b' ')) {
            match start_in_gap(text, pos, w.start, i, open) {
                Ok(o) => open = o,
                Err(j) => return Some(j),
            }
        }
        pos = w.end;
        if !w.arabic {
            return Some(open.map_or(i.saturating_sub(1), |(j, ..)| j));
        }
        if !vocab::may_read(surface, w.hash) {
            // No class and no entry (most words).
            if open.is_some() {
                if let Some(j) = opens(text, open, 0) {
                    return Some(j);
                }
                open = None;
            }
            continue;
        }
        let (class, entry) = vocab::class_at(table, b, w.start, w.end, w.hash);
        match (open, entry) {
            // Two table words: a start unless the parser fails on them
            // before a word it cannot read.
            (Some((j, s, e, ea)), Some(eb)) if class != 0 => {
                let dead = words.get(next).is_some_and(|c| {
                    dead_after(text, table, surface, w.end, c)
                });
                let a = text.get(s..e).unwrap_or_default();
                let bw = text.get(w.start..w.end).unwrap_or_default();
                // The first word's entry, or that of the table word
                // behind its clitics (`وفي هذا`).
                let fails = || {
                    let (slot, ea) = match ea {
                        Some(x) => (0, x),
                        None => match vocab::clitic_key(a) {
                            Some(k) => k,
                            None => return false,
                        },
                    };
                    vocab::pair_fails_behind(slot, ea, a, eb, bw)
                };
                if !(dead && e < w.start && fails()) {
                    return Some(j);
                }
            }
            _ => {
                if let Some(j) = opens(text, open, class) {
                    return Some(j);
                }
            }
        }
        open = open_at(i, w.start, w.end, class, entry);
    }
    match start_in_gap(text, pos, range.end, words.len(), open) {
        // The last token is followed by none.
        Ok(open) => opens(text, open, 0),
        Err(j) => Some(j),
    }
}

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A part of a month or year (`مطلع`, `منتصف`, `أواخر`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// `مطلع`, `بداية`: the first half of a month.
    Start,
    /// `أوائل`: the first third.
    Early,
    /// `منتصف`, `أواسط`: the middle third.
    Middle,
    /// `أواخر`, `نهاية`: the last third.
    Late,
}

/// What an expression names, before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base {
    /// Calendar fields; missing leading fields come from the anchor.
    Date { y: Option<i32>, m: Option<u32>, d: Option<u32>, hijri: bool },
    /// The whole unit period at anchor + n units (`أمس`, `الشهر الماضي`).
    Shift { unit: Unit, n: i32 },
    /// The instant anchor + n units (`قبل 10 أيام` is n = -10).
    Ago { unit: Unit, n: i32 },
    /// Some units ago (`منذ أيام`).
    Recent { unit: Unit },
    /// The last n units up to the anchor (`خلال الساعات الـ24 الماضية`).
    LastN { unit: Unit, n: u32 },
    /// The next n whole units after the anchor's
    /// (`الأسابيع الثلاثة القادمة`).
    NextN { unit: Unit, n: u32 },
    /// The Hijri year at the anchor's + n (`العام الهجري القادم`).
    HijriYear { n: i32 },
    /// Minute m of the anchor's hour (`الدقيقة 10`).
    MinuteOfHour { m: u32 },
    /// Easter Sunday (Gregorian computus) of an optional year.
    Easter { y: Option<i32> },
    /// A weekday (0 = Monday); dir -1 before the anchor, +1 after,
    /// 0 the last on or before.
    Weekday { wd: u32, dir: i8 },
    /// A season (0 spring .. 3 winter) of an optional year.
    Season { s: u32, y: Option<i32> },
    /// Day d of the month at anchor + n months (`16 من الشهر الجاري`).
    MonthDay { n: i32, d: u32 },
    /// Weekday wd (0 = Monday) of the week at anchor + n weeks
    /// (`الأحد من الأسبوع الماضي`).
    WeekWeekday { n: i32, wd: u32 },
    /// The anchor itself.
    Now,
}

/// An hour and minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Clock {
    pub(crate) h: u32,
    pub(crate) m: u32,
    pub(crate) minutes: bool,
    /// Whether a morning/afternoon word was given.
    pub(crate) ampm: bool,
}

/// One expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Expr {
    pub(crate) base: Base,
    /// Direction word: -1 past, +1 future, 0 none.
    pub(crate) dir: i8,
    pub(crate) part: Option<Part>,
    /// A part of the day: first and last hour.
    pub(crate) day_part: Option<(u32, u32)>,
    pub(crate) clock: Option<Clock>,
    pub(crate) gmt: bool,
    /// A year relative to the anchor's (`آذار السنة القادمة`).
    pub(crate) year_shift: Option<i32>,
    /// A day or week picked inside the period (`آخر اثنين من شهر آذار`).
    pub(crate) nth: Option<Nth>,
    /// A weekday that a day of the month must fall on (`السبت السادس
    /// عشر`): picks the month.
    pub(crate) wd: Option<u32>,
}

/// Which day or week inside a month: the n-th (1-based; -1 the last).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nth {
    /// The n-th given weekday (0 = Monday).
    Weekday { wd: u32, n: i8 },
    /// The n-th day.
    Day { n: i8 },
    /// The n-th week (weeks start on Monday; the first is the one with
    /// the month's first Monday).
    Week { n: i8 },
}

impl Expr {
    pub(crate) fn new(base: Base) -> Expr {
        Expr {
            base,
            dir: 0,
            part: None,
            day_part: None,
            clock: None,
            gmt: false,
            year_shift: None,
            nth: None,
            wd: None,
        }
    }
}

/// A parsed expression: one time, or a span of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Parsed {
    One(Expr),
    Span { kind: TimeKind, a: Option<Expr>, b: Option<Expr> },
}

/// The parser over one token list.
pub(crate) struct Parser<'t, 'a> {
    toks: &'t [Tok<'a>],
    /// Whether a start token's [`route`] skips the sub-parsers that
    /// cannot begin at it (`false` only to test that against trying all).
    routed: bool,
}

type P<T> = Option<(T, usize)>;

fn table_at(table: &Table, toks: &[Tok<'_>], i: usize) -> P<u32> {
    // Only entries whose first word the token can be: its text, without
    // a conjunction, or one of its clitic-free forms (`لل..` is filed
    // under its `ال..` names too). More candidates than these are
    // harmless: the match below is exact, in entry order.
    let t = toks.get(i)?;
    if t.class & table.bit == 0 {
        // Not the first word of a name of this table.
        return None;
    }
    let a = t.s.strip_prefix(['و', 'ف']).unwrap_or(t.s);
    let b = a.strip_prefix(['ب', 'ل', 'ك']);
    let get = |k: &str| table.by_first.get(k).map_or(&[][..], |v| &v[..]);
    let lists = [
        get(t.s),
        if a.len() < t.s.len() { get(a) } else { &[] },
        b.map_or(&[][..], get),
    ];
    // Whether entry `k` is read at `i`: its value and the token after it.
    let entry_at = |k: usize| {
        let (v, words) = table.entries.get(k)?;
        let short = table.short.get(k).copied().unwrap_or(false);
        let matches = words.iter().enumerate().all(|(k, w)| {
            match toks.get(i + k) {
                // A two-letter name (`آب`) only with `و`: `باب` is a door.
                Some(t) if k == 0 && short => {
                    t.s == w || t.s.strip_prefix('و') == Some(w.as_str())
                }
                Some(t) if k == 0 => t.is(w),
                Some(t) => t.s == w,
                None => false,
            }
        });
        matches.then_some((*v, i + words.len()))
    };
    // Mostly one list has candidates: walked as it is (in entry order,
    // each once), without the merge.
    if let [l, [], []] | [[], l, []] | [[], [], l] = lists {
        return l.iter().find_map(|&k| entry_at(k));
    }
    // The candidates in entry order, each once: a merge of the lists.
    let mut next = 0;
    while let Some(k) = lists
        .iter()
        .filter_map(|l| l.iter().copied().find(|&k| k >= next))
        .min()
    {
        next = k + 1;
        if let Some(r) = entry_at(k) {
            return Some(r);
        }
    }
    None
}

/// Up to four words, without allocating.
#[derive(Clone, Copy)]
struct Words<'a> {
    buf: [&'a str; 4],
    n: usize,
}

impl<'a> core::ops::Deref for Words<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        self.buf.get(..self.n).unwrap_or_default()
    }
}

impl core::ops::DerefMut for Words<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.buf.get_mut(..self.n).unwrap_or_default()
    }
}

/// The unit words of [`Parser::unit_word`] in the order it tries them:
/// a unit and whether the words are plurals.
pub(crate) const UNIT_WORDS: &[(&[&str], Unit, bool)] = &[
    (&["يوم", "اليوم"], Unit::Day, false),
    (&["ايام", "الايام"], Unit::Day, true),
    (&["اسبوع", "الاسبوع"], Unit::Week, false),
    (&["اسابيع", "الاسابيع"], Unit::Week, true),
    (&["شهر", "الشهر"], Unit::Month, false),
    (&["اشهر", "شهور", "الاشهر", "الشهور"], Unit::Month, true),
    (&["عام", "العام", "سنه", "السنه"], Unit::Year, false),
    (&["اعوام", "سنوات", "سنين", "الاعوام", "السنوات"], Unit::Year, true),
    (&["ساعه", "الساعه"], Unit::Hour, false),
    (&["ساعات", "الساعات"], Unit::Hour, true),
    (&["دقيقه", "الدقيقه"], Unit::Minute, false),
    (&["دقايق", "دقائق", "الدقايق"], Unit::Minute, true),
];

/// Each unit word with the index of its first list in [`UNIT_WORDS`];
/// `strip` takes the key from the word (`None`: no key).
fn unit_table(strip: fn(&str) -> Option<&str>) -> WordTable<usize> {
    let mut first: Vec<(String, usize)> = Vec::new();
    for (k, (ws, _, _)) in UNIT_WORDS.iter().enumerate() {
        for w in ws.iter().filter_map(|w| strip(w)) {
            if !first.iter().any(|(x, _)| x == w) {
                first.push((w.to_string(), k));
            }
        }
    }
    WordTable::new(10, first)
}

/// The unit words, for a token and its `conj` and `prep` forms.
static UNIT_TABLE: Lazy<WordTable<usize>> =
    Lazy::new(|| unit_table(|w| Some(w)));

/// The unit words without `ال`, for a token's `lil` form (`للعام`).
static UNIT_LIL_TABLE: Lazy<WordTable<usize>> =
    Lazy::new(|| unit_table(|w| w.strip_prefix("ال")));

const AMBIGUOUS_MONTHS: &[&str] = &["اب", "ماي", "صفر", "رجب"];

/// The sub-parsers that may begin at a token, as bits (see [`route`]).
mod go {
    pub(super) const CLOCK: u32 = 1;
    pub(super) const APPROX: u32 = 1 << 1;
    pub(super) const MINUTE: u32 = 1 << 2;
    pub(super) const NTH: u32 = 1 << 3;
    pub(super) const DAY_PART: u32 = 1 << 4;
    pub(super) const PART_OF: u32 = 1 << 5;
    pub(super) const HOLIDAY: u32 = 1 << 6;
    pub(super) const WEEKDAY: u32 = 1 << 7;
    pub(super) const NUMERIC_DATE: u32 = 1 << 8;
    /// [`super::Parser::day`], so also `day_month` and `day_range`.
    pub(super) const DAY: u32 = 1 << 9;
    pub(super) const MONTH_EXPR: u32 = 1 << 10;
    pub(super) const UNIT_DIR: u32 = 1 << 11;
    pub(super) const YEAR_EXPR: u32 = 1 << 12;
    pub(super) const REL_DAY: u32 = 1 << 13;
    pub(super) const REL_AMOUNT: u32 = 1 << 14;
    pub(super) const SEASON: u32 = 1 << 15;
    /// The words of `Base::Now` and `في الـ25` in `head`.
    pub(super) const NOW: u32 = 1 << 16;
    pub(super) const SINCE: u32 = 1 << 17;
    pub(super) const UNTIL: u32 = 1 << 18;
    pub(super) const FROM: u32 = 1 << 19;
    /// [`super::Parser::month`].
    pub(super) const MONTH: u32 = 1 << 20;
}

/// The demonstratives `unit_dir` reads before a unit (`هذا العام`).
const THIS: &[&str] = &["هذا", "هذه", "هذي", "هاد", "هاي"];

/// The singular units with the article that `unit_dir` reads
/// (`الأسبوع الماضي`).
const DEFINITE_UNITS: &[&str] =
    &["الاسبوع", "الشهر", "العام", "السنه", "اليوم", "الساعه", "الدقيقه"];

/// For each [`go`] bit, what a token must be for that sub-parser to read
/// it as its first: one of the words (or their forms, as `Tok::is`
/// compares), of one of the class bits, or digits. Read off each
/// sub-parser's tests at its first token; a superset is harmless.
const ROUTES: &[(u32, &[&str], u8, bool)] = &[
    (
        go::CLOCK,
        &["عند", "حوالي", "نحو", "قرابه", "بحدود", "الساعه", "ساعه"],
        vocab::NUM,
        true,
    ),
    (go::APPROX, &["قرابه", "حوالي", "نحو", "بحدود"], 0, false),
    (go::MINUTE, &["الدقيقه"], 0, false),
    (
        go::NTH,
        &["اخر", "الاخير", "الاخيره", "اخير", "اليوم", "الاسبوع"],
        vocab::NUM,
        false,
    ),
    (go::DAY_PART, &["هذه", "هذي", "الليله"], vocab::DAY_PART, false),
    (
        go::PART_OF,
        &[
            "مطلع",
            "بدايه",
            "بداية",
            "مستهل",
            "اول",
            "اوايل",
            "اوائل",
            "منتصف",
            "اواسط",
            "وسط",
            "نص",
            "نصف",
            "نهايه",
            "اواخر",
            "اخر",
            "اخير",
            "ختام",
        ],
        0,
        false,
    ),
    (go::HOLIDAY, &["عيد", "الكريسماس", "كريسماس", "راس"], 0, false),
    (go::WEEKDAY, &["يوم", "هذا", "هذه"], vocab::WEEKDAY, false),
    (go::NUMERIC_DATE, &[], 0, true),
    (go::DAY, &["ال", "بال", "في", "فال"], vocab::NUM, true),
    (
        go::MONTH_EXPR,
        &["شهر", "الشهر", "("],
        vocab::GREGORIAN | vocab::HIJRI,
        false,
    ),
    (go::UNIT_DIR, THIS, 0, false),
    (go::UNIT_DIR, DEFINITE_UNITS, 0, false),
    (go::YEAR_EXPR, &["عام", "العام", "سنه", "السنه", "لعام"], 0, true),
    (
        go::REL_DAY,
        &[
            "يوم",
            "اليوم",
            "اول",
            "اولي",
            "قبل",
            "بعد",
            "امس",
            "البارحه",
            "مبارح",
            "امبارح",
            "غدا",
            "غد",
            "الغد",
            "بكره",
            "بكرا",
        ],
        0,
        false,
    ),
    (
        go::REL_AMOUNT,
        &[
            "قبل",
            "بعد",
            "خلال",
            "في",
            "طوال",
            "ايام",
            "الايام",
            "اسابيع",
            "الاسابيع",
            "اشهر",
            "شهور",
            "الاشهر",
            "الشهور",
            "اعوام",
            "سنوات",
            "سنين",
            "الاعوام",
            "السنوات",
            "ساعات",
            "الساعات",
            "دقايق",
            "دقائق",
            "الدقايق",
        ],
        0,
        false,
    ),
    (
        go::SEASON,
        &["فصل", "الربيع", "الصيف", "الخريف", "الشتاء", "الشتا"],
        0,
        false,
    ),
    (
        go::NOW,
        &[
            "الان",
            "حاليا",
            "حالا",
            "هسا",
            "هسه",
            "هلق",
            "هذه",
            "هذي",
            "هاي",
            "هذا",
            "هاد",
            "في",
            "ال",
            "بال",
        ],
        0,
        false,
    ),
    (go::SINCE, &["منذ", "مذ", "ومنذ"], 0, false),
    (go::UNTIL, &["حتي", "لغايه", "لغاية", "الي"], 0, false),
    (go::FROM, &["من", "بين"], 0, false),
    (go::MONTH, &["("], vocab::GREGORIAN, false),
];

/// The [`go`] bits of the sub-parsers that may read `t` as their first
/// token: a function of the token's text, so kept with its vocabulary
/// entry once found.
pub(crate) fn route(t: &Tok<'_>) -> u32 {
    match t.entry {
        Some(e) => e.route(|| route_of(t)),
        None => route_of(t),
    }
}

/// The [`go`] bits of each word of [`ROUTES`]; `strip` takes the key
/// from the word (`None`: no key).
fn route_table(strip: fn(&str) -> Option<&str>) -> WordTable<u32> {
    let mut bits: Vec<(String, u32)> = Vec::new();
    for &(bit, ws, _, _) in ROUTES {
        for w in ws.iter().filter_map(|w| strip(w)) {
            match bits.iter_mut().find(|(x, _)| x == w) {
                Some((_, b)) => *b |= bit,
                None => bits.push((w.to_string(), bit)),
            }
        }
    }
    WordTable::new(10, bits)
}

/// The words of [`ROUTES`], for a token and its `conj` and `prep` forms.
static ROUTE_TABLE: Lazy<WordTable<u32>> =
    Lazy::new(|| route_table(|w| Some(w)));

/// The words of [`ROUTES`] without `ال`, for a token's `lil` form.
static ROUTE_LIL_TABLE: Lazy<WordTable<u32>> =
    Lazy::new(|| route_table(|w| w.strip_prefix("ال")));

/// [`route`], found from [`ROUTES`]: the class and digit bits, and the
/// word bits of the token and its forms looked up in tables (as
/// [`Tok::is`] compares them).
fn route_of(t: &Tok<'_>) -> u32 {
    let (by_class, digit_bits) = &*CLASS_ROUTE;
    let digits = t.s.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && num::digits(t.s).is_some();
    let mut bits = by_class.get(usize::from(t.class)).copied().unwrap_or(0)
        | if digits { *digit_bits } else { 0 };
    if t.known() {
        let (words, lil) = (&*ROUTE_TABLE, &*ROUTE_LIL_TABLE);
        let at = |table: &WordTable<u32>, w: Option<&str>| {
            w.and_then(|w| table.get(w)).copied().unwrap_or(0)
        };
        bits |= at(words, Some(t.s))
            | at(words, t.form(t.forms.conj))
            | at(words, t.form(t.forms.prep))
            | at(lil, t.form(t.forms.lil));
    }
    bits
}

/// The [`ROUTES`] bits of each class byte, and those of digits.
static CLASS_ROUTE: Lazy<([u32; 256], u32)> = Lazy::new(|| {
    let mut by_class = [0; 256];
    for (c, bits) in (0..=u8::MAX).zip(by_class.iter_mut()) {
        *bits = ROUTES
            .iter()
            .filter(|&&(_, _, class, _)| c & class != 0)
            .fold(0, |m, &(bit, ..)| m | bit);
    }
    let digits =
        ROUTES.iter().filter(|r| r.3).fold(0, |m, &(bit, ..)| m | bit);
    (by_class, digits)
});

/// [`route_of`] by comparing the token with every word of [`ROUTES`].
#[cfg(test)]
pub(crate) fn route_plain(t: &Tok<'_>) -> u32 {
    let digits = num::digits(t.s).is_some();
    ROUTES
        .iter()
        .filter(|&&(_, ws, class, d)| {
            (d && digits) || t.class & class != 0 || t.is_one_of(ws)
        })
        .fold(0, |m, &(bit, ..)| m | bit)
}

impl<'t, 'a> Parser<'t, 'a> {
    pub(crate) fn new(toks: &'t [Tok<'a>]) -> Parser<'t, 'a> {
        Parser { toks, routed: true }
    }

    /// A parser that tries every sub-parser at every token, to test
    /// [`route`] against.
    #[cfg(test)]
    pub(crate) fn unrouted(toks: &'t [Tok<'a>]) -> Parser<'t, 'a> {
        Parser { toks, routed: false }
    }

    /// Whether a sub-parser of one of the [`go`] bits `bit` may begin at
    /// token `i`; cheap: a token whose route is not kept with a
    /// vocabulary entry passes unless it has no class (then only digits
    /// may).
    #[inline]
    fn may(&self, i: usize, bit: u32) -> bool {
        let bits = match self.t(i) {
            Some(_) if !self.routed => u32::MAX,
            Some(t) if t.entry.is_some() || t.class == 0 => route(t),
            Some(_) => u32::MAX,
            None => 0,
        };
        bits & bit != 0
    }

    /// The [`route`] of token `i` (all bits if not routed, none past the
    /// end).
    #[inline]
    fn route_at(&self, i: usize) -> u32 {
        match self.t(i) {
            Some(_) if !self.routed => u32::MAX,
            Some(t) => route(t),
            None => 0,
        }
    }

    #[inline]
    fn t(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    #[inline]
    fn is(&self, i: usize, ws: &[&str]) -> bool {
        self.t(i).is_some_and(|t| t.is_one_of(ws))
    }

    /// Whether token i directly follows token i-1 with no white space.
    fn glued(&self, i: usize) -> bool {
        i > 0
            && matches!((self.t(i - 1), self.t(i)), (Some(a), Some(b)) if a.end == b.start)
    }

    /// [`Parser::words`] if the number reader may read the first
    /// ([`vocab::NUM`]) or it is digits; else none.
    fn number_words(&self, i: usize) -> Words<'a> {
        match self.t(i) {
            Some(t)
                if t.class & vocab::NUM != 0 || num::digits(t.s).is_some() =>
            {
                self.words(i)
            }
            _ => Words { buf: [""; 4], n: 0 },
        }
    }

    /// The texts of up to four tokens from `i`, for the number reader.
    fn words(&self, i: usize) -> Words<'a> {
        let mut w = Words { buf: [""; 4], n: 0 };
        let toks = self.toks.get(i..).unwrap_or_default();
        for (d, t) in w.buf.iter_mut().zip(toks) {
            *d = t.s;
            w.n += 1;
        }
        w
    }

    fn number(&self, i: usize) -> P<u32> {
        let t = self.t(i)?;
        num::digits(t.s).map(|v| (v, i + 1))
    }

    fn skip(&self, i: usize, ws: &[&str]) -> usize {
        if self.is(i, ws) {
            i + 1
        } else {
            i
        }
    }

    /// A direction word after an expression.
    fn dir(&self, i: usize) -> P<i8> {
        let i = self.skip(i, &["اللي", "الذي", "التي"]);
        // `قبل الماضي`: the one before last; `بعد القادم`: after next.
        if self.is(i, &["قبل"]) && self.is(i + 1, PAST) {
            return Some((-2, i + 2));
        }
        if self.is(i, &["بعد"]) && self.is(i + 1, FUTURE) {
            return Some((2, i + 2));
        }
        if self.is(i, PAST) {
            return Some((-1, i + 1));
        }
        if self.is(i, FUTURE) {
            return Some((1, i + 1));
        }
        if self.is(i, &["الجاري", "الجاريه", "الحالي", "الحاليه"])
        {
            return Some((0, i + 1));
        }
        None
    }

    /// A Gregorian month name, with a paired second name (`أيار/مايو`,
    /// `(يونيو) حزيران`).
    fn month(&self, i: usize) -> P<u32> {
        if self.is(i, &["("]) {
            if let Some((m, j)) = table_at(&GREGORIAN_MONTHS, self.toks, i + 1)
            {
                if self.is(j, &[")"]) {
                    if let Some((m2, k)) =
                        table_at(&GREGORIAN_MONTHS, self.toks, j + 1)
                    {
                        if m2 == m {
                            return Some((m, k));
                        }
                    }
                    return Some((m, j + 1));
                }
            }
            return None;
        }
        let (m, j) = table_at(&GREGORIAN_MONTHS, self.toks, i)?;
        // Paired form.
        if self.is(j, &["/", "-", "("]) {
            if let Some((m2, k)) =
                table_at(&GREGORIAN_MONTHS, self.toks, j + 1)
            {
                if m2 == m {
                    let k = if self.is(k, &[")"]) { k + 1 } else { k };
                    return Some((m, k));
                }
            }
        }
        Some((m, j))
    }

    fn hijri_month(&self, i: usize) -> P<u32> {
        table_at(&HIJRI_MONTHS, self.toks, i)
    }

    /// A year: four digits (1900..=2100), or a Hijri year with a marker.
    fn year(&self, i: usize) -> P<(i32, bool)> {
        let (y, j) = self.number(i)?;
        if self.t(i).is_some_and(|t| t.s.len() != 4) {
            return None;
        }
        if self.is(j, &["ه", "هـ", "هجري", "هجريه", "للهجره"])
        {
            return Some(((y as i32, true), j + 1));
        }
        if (1300..1600).contains(&y) {
            // A year in the Hijri range (`عام 1443`).
            return Some(((y as i32, true), j));
        }
        (1900..=2100).contains(&y).then_some(((y as i32, false), j))
    }

    /// `[،] [من] [عام|العام|سنه] 2017`.
    fn year_after(&self, i: usize) -> P<(i32, bool)> {
        let mut j = self.skip(i, &[","]);
        j = self.skip(j, &["من", "في"]);
        j = self.skip(j, &["عام", "العام", "سنه", "السنه", "لعام"]);
        self.year(j)
    }

    /// A day of the month: digits 1..=31 (`15`, `الـ25`) or an ordinal
    /// word (`الثالث`).
    fn day(&self, i: usize) -> P<u32> {
        let mut i = i;
        if self.is(i, &["ال", "بال", "في", "فال"])
            && self.t(i + 1).is_some_and(|t| num::digits(t.s).is_some())
            && self.glued(i + 1)
        {
            i += 1;
        }
        if let Some((d, j)) = self.number(i) {
            if (1..=31).contains(&d)
                && self.t(i).is_some_and(|t| t.s.len() <= 2)
            {
                return Some((d, j));
            }
            return None;
        }
        let words = self.number_words(i);
        let (d, n) = num::ordinal_day(&words)?;
        Some((d, i + n))
    }

    /// `D [من] [شهر] MONTH [YEAR]`, `D MONTH`, also `D-D MONTH` ranges
    /// are handled by the caller.
    fn day_month(&self, i: usize) -> P<Expr> {
        let (d, j) = self.day(i)?;
        let k = self.skip(j, &["من"]);
        if !self.may(k, go::MONTH_EXPR | go::MONTH | go::UNIT_DIR) {
            // None of the readings below begins at token k.
            return None;
        }
        let with_day = |(mut e, k2): (Expr, usize)| {
            let Base::Date { y, m, hijri, .. } = e.base else { return None };
            e.base = Base::Date { y, m, d: Some(d), hijri };
            Some((e, k2))
        };
        if let Some(r) = self.month_expr(k).and_then(with_day) {
            return Some(r);
        }
        // An ambiguous month name is a month after a day (`15 آب`).
        let k1 = self.skip(k, &["شهر"]);
        if let Some((m, k2)) = self.month(k1) {
            let e = Expr::new(Base::Date {
                y: None,
                m: Some(m),
                d: Some(d),
                hijri: false,
            });
            let (e, k3, _) = self.month_tail(e, k2);
            return Some((e, k3));
        }
        // `الثالث من هذا الشهر`, `16 من الشهر الجاري`.
        if let Some((e, k2)) = self.unit_dir(k) {
            if let Base::Shift { unit: Unit::Month, n } = e.base {
                return Some((Expr::new(Base::MonthDay { n, d }), k2));
            }
        }
        None
    }

    /// What may follow a month: a year (`2017`, `من عام 2014`), a
    /// direction (`الماضي`) or a relative year (`السنة القادمة`).
    fn month_tail(&self, mut e: Expr, k: usize) -> (Expr, usize, bool) {
        let Base::Date { m, d, hijri, .. } = e.base else {
            return (e, k, false);
        };
        if let Some(((y, h), k2)) = self.year_after(k) {
            let y = if hijri && !h && !(1300..1600).contains(&y) {
                // A Gregorian year after a Hijri month (`رمضان 2019`).
                -y
            } else if h && !hijri {
                return (e, k, false);
            } else {
                y
            };
            e.base = Base::Date { y: Some(y), m, d, hijri };
            return (e, k2, true);
        }
        if let Some((dir, k2)) = self.dir(k) {
            e.dir = dir;
            return (e, k2, true);
        }
        let k1 = self.skip(k, &["من", "في"]);
        if let Some((w, k2)) = self.unit_dir(k1) {
            if let Base::Shift { unit: Unit::Year, n } = w.base {
                e.year_shift = Some(n);
                return (e, k2, true);
            }
        }
        (e, k, false)
    }

    /// A month number after `شهر`: digits, a cardinal (`شهر عشرة`) or an
    /// ordinal after `الشهر` (`الشهر الثامن`).
    fn month_number(&self, i: usize, j: usize) -> P<u32> {
        let words = self.number_words(j);
        let (m, n) = if self.is(i, &["الشهر"]) {
            num::ordinal_day(&words)?
        } else {
            num::cardinal(&words)?
        };
        (1..=12).contains(&m).then_some((m, j + n))
    }

    /// `[شهر] MONTH [/MONTH] [YEAR | dir]`.
    fn month_expr(&self, i: usize) -> P<Expr> {
        let has_shahr = self.is(i, &["شهر", "الشهر"]);
        let j = if has_shahr { i + 1 } else { i };
        let (m, k, hijri) = if let Some((m, k)) = self.month(j) {
            (m, k, false)
        } else if let Some((m, k)) = self.hijri_month(j) {
            (m, k, true)
        } else if has_shahr {
            let (m, k) = self.month_number(i, j)?;
            (m, k, false)
        } else {
            return None;
        };
        let e = Expr::new(Base::Date { y: None, m: Some(m), d: None, hijri });
        let (e, end, tail) = self.month_tail(e, k);
        let context = has_shahr || k > j + 1 || tail;
        let ambiguous =
            self.t(j).is_some_and(|t| t.is_one_of(AMBIGUOUS_MONTHS));
        if ambiguous && !context {
            return None;
        }
        Some((e, end))
    }

    /// A month: a named month or `الشهر القادم`.
    fn month_ref(&self, i: usize) -> P<Expr> {
        if let Some(r) = self.month_expr(i) {
            return Some(r);
        }
        let (e, k) = self.unit_dir(i)?;
        match e.base {
            Base::Shift { unit: Unit::Month, .. } => Some((e, k)),
            _ => None,
        }
    }

    /// `آخر اثنين من شهر آذار`, `ثالث ثلاثاء في أيلول`, `آخر يوم بشهر
    /// عشرة`, `الأسبوع الأول من شهر عشرة 2014`, `اليوم الثالث من أكتوبر`.
    fn nth_in_month(&self, i: usize) -> P<Expr> {
        let ord = |t: usize| -> Option<i8> {
            if self.is(t, &["اخر", "الاخير", "الاخيره", "اخير"])
            {
                return Some(-1);
            }
            // No word without `vocab::NUM` is an ordinal (`tests.rs`).
            let w = self.t(t).filter(|t| t.class & vocab::NUM != 0)?.s;
            let (n, c) = num::ordinal_day(&[w])?;
            (c == 1 && (1..=5).contains(&n)).then_some(n as i8)
        };
        let mut j = i;
        let mut what: Option<(u8, u32)> = None; // 0 weekday, 1 day, 2 week
        let n = if let Some(n) = ord(j) {
            // Ordinal first: `ثالث ثلاثاء`, `اخر يوم`, `اول اسبوع`.
            j += 1;
            j = self.skip(j, &["يوم"]);
            if let Some((wd, k)) = table_at(&WEEKDAY_NAMES, self.toks, j) {
                what = Some((0, wd));
                j = k;
            } else if self.is(j - 1, &["يوم"]) || self.is(j, &["يوم"]) {
                what = Some((1, 0));
                j = self.skip(j, &["يوم"]);
            } else if self.is(j, &["اسبوع"]) {
                what = Some((2, 0));
                j += 1;
            } else {
                return None;
            }
            n
        } else {
            // Noun first: `اليوم الثالث`, `الاسبوع الاول`.
            if self.is(j, &["اليوم"]) {
                what = Some((1, 0));
            } else if self.is(j, &["الاسبوع"]) {
                what = Some((2, 0));
            }
            let n = ord(j + 1)?;
            j += 2;
            n
        };
        let (kind, wd) = what?;
        if !self.is(j, &["من", "في"])
            && !self.t(j).is_some_and(|t| t.s.starts_with('ب'))
        {
            return None;
        }
        let j = if self.is(j, &["من", "في"]) { j + 1 } else { j };
        let (mut e, k) = self.month_ref(j)?;
        e.nth = Some(match kind {
            0 => Nth::Weekday { wd, n },
            1 => Nth::Day { n },
            _ => Nth::Week { n },
        });
        Some((e, k))
    }

    /// Numeric dates: `2017/5/15`, `15/5/2017`, `15-5-2017`, `5/2017`,
    /// `21/09`, with an optional Hijri marker.
    fn numeric_date(&self, i: usize) -> P<Expr> {
        let (a, j) = self.number(i)?;
        let sep = self.t(j)?.s;
        if !matches!(sep, "/" | "-" | ".")
            || !self.glued(j)
            || !self.glued(j + 1)
        {
            return None;
        }
        let (b, k) = self.number(j + 1)?;
        let alen = self.t(i).map_or(0, |t| t.s.len());
        let three = self.is(k, &[sep]) && self.glued(k) && self.glued(k + 1);
        let mut e;
        let mut end;
        if three {
            let (c, l) = self.number(k + 1)?;
            let clen = self.t(k + 1).map_or(0, |t| t.s.len());
            let (y, m, d) = if alen == 4 {
                (a, b, c)
            } else if clen == 4 || clen == 2 {
                (if clen == 2 { c + 2000 } else { c }, b, a)
            } else {
                return None;
            };
            let hijri = self.is(l, &["ه", "هجري", "هجريه"]);
            end = if hijri { l + 1 } else { l };
            let hijri = hijri
                || (clen == 4 && (1300..1600).contains(&c))
                || (alen == 4 && (1300..1600).contains(&a));
            e = Expr::new(Base::Date {
                y: Some(y as i32),
                m: Some(m),
                d: Some(d),
                hijri,
            });
        } else {
            if sep == "." {
                return None;
            }
            let blen = self.t(j + 1).map_or(0, |t| t.s.len());
            if blen == 4 && (1..=12).contains(&a) && (1900..=2100).contains(&b)
            {
                e = Expr::new(Base::Date {
                    y: Some(b as i32),
                    m: Some(a),
                    d: None,
                    hijri: false,
                });
            } else if blen <= 2 && alen <= 2 {
                e = Expr::new(Base::Date {
                    y: None,
                    m: Some(b),
                    d: Some(a),
                    hijri: false,
                });
            } else {
                return None;
            }
            end = k;
        }
        if let Base::Date { m: Some(m), d, .. } = e.base {
            if !(1..=12).contains(&m)
                || d.is_some_and(|d| !(1..=31).contains(&d))
            {
                return None;
            }
        }
        e.dir = 0;
        end = end.max(k);
        Some((e, end))
    }

    /// A unit word at token i (`يوم`, `الأشهر`), and whether it is a
    /// plural: the first list of [`UNIT_WORDS`] holding one of the
    /// token's forms, looked up in tables.
    pub(crate) fn unit_word(&self, i: usize) -> Option<(Unit, bool)> {
        let t = self.t(i)?;
        if !t.known() {
            return None;
        }
        // The first list one of the token's forms is in.
        let (words, lil) = (&*UNIT_TABLE, &*UNIT_LIL_TABLE);
        let at = |table: &WordTable<usize>, w: Option<&str>| {
            w.and_then(|w| table.get(w)).copied().unwrap_or(usize::MAX)
        };
        let k = at(words, Some(t.s))
            .min(at(words, t.form(t.forms.conj)))
            .min(at(words, t.form(t.forms.prep)))
            .min(at(lil, t.form(t.forms.lil)));
        UNIT_WORDS.get(k).map(|&(_, u, plural)| (u, plural))
    }

    /// The plain [`Parser::unit_word`], for tests.
    #[cfg(test)]
    pub(crate) fn unit_word_plain(&self, i: usize) -> Option<(Unit, bool)> {
        let t = self.t(i)?;
        let u = |ws: &[&str]| t.is_one_of(ws);
        Some(if u(&["يوم", "اليوم"]) {
            (Unit::Day, false)
        } else if u(&["ايام", "الايام"]) {
            (Unit::Day, true)
        } else if u(&["اسبوع", "الاسبوع"]) {
            (Unit::Week, false)
        } else if u(&["اسابيع", "الاسابيع"]) {
            (Unit::Week, true)
        } else if u(&["شهر", "الشهر"]) {
            (Unit::Month, false)
        } else if u(&["اشهر", "شهور", "الاشهر", "الشهور"])
        {
            (Unit::Month, true)
        } else if u(&["عام", "العام", "سنه", "السنه"]) {
            (Unit::Year, false)
        } else if u(&["اعوام", "سنوات", "سنين", "الاعوام", "السنوات"])
        {
            (Unit::Year, true)
        } else if u(&["ساعه", "الساعه"]) {
            (Unit::Hour, false)
        } else if u(&["ساعات", "الساعات"]) {
            (Unit::Hour, true)
        } else if u(&["دقيقه", "الدقيقه"]) {
            (Unit::Minute, false)
        } else if u(&["دقايق", "دقائق", "الدقايق"]) {
            (Unit::Minute, true)
        } else {
            return None;
        })
    }

    fn dual(&self, i: usize) -> Option<Unit> {
        let t = self.t(i)?;
        let u = |ws: &[&str]| t.is_one_of(ws);
        Some(if u(&["يومين", "يومان"]) {
            Unit::Day
        } else if u(&["اسبوعين", "اسبوعان"]) {
            Unit::Week
        } else if u(&["شهرين", "شهران"]) {
            Unit::Month
        } else if u(&["عامين", "عامان", "سنتين", "سنتان"])
        {
            Unit::Year
        } else if u(&["ساعتين", "ساعتان"]) {
            Unit::Hour
        } else if u(&["دقيقتين", "دقيقتان"]) {
            Unit::Minute
        } else {
            return None;
        })
    }

    /// An amount of time: `3 أيام`, `عامين`, `أسبوع`, `ثلاثة أشهر`.
    fn amount(&self, i: usize) -> P<(Unit, u32)> {
        if let Some(u) = self.dual(i) {
            return Some(((u, 2), i + 1));
        }
        if let Some((u, plural)) = self.unit_word(i) {
            if !plural && self.t(i).is_some_and(|t| !t.s.starts_with("ال")) {
                // `ساعة واحدة`.
                let k = self.skip(i + 1, &["واحد", "واحده"]);
                return Some(((u, 1), k));
            }
            return None;
        }
        let words = self.number_words(i);
        let (n, c) = num::cardinal(&words)?;
        let (u, _) = self.unit_word(i + c)?;
        if self.t(i + c).is_some_and(|t| t.s.starts_with("ال")) {
            return None;
        }
        Some(((u, n), i + c + 1))
    }

    /// `الأسبوع الماضي`, `الشهر الجاري`, `هذا العام`, `العام 2014`.
    fn unit_dir(&self, i: usize) -> P<Expr> {
        let mut j = i;
        let this = self.is(i, THIS);
        if this {
            j += 1;
        }
        let (unit, plural) = self.unit_word(j)?;
        if plural || !self.t(j).is_some_and(|t| t.is_one_of(DEFINITE_UNITS)) {
            return None;
        }
        if this {
            let e = Expr::new(Base::Shift { unit, n: 0 });
            return Some((e, j + 1));
        }
        if unit == Unit::Year {
            if let Some(((y, h), k)) = self.year(j + 1) {
                let e = Expr::new(if h {
                    Base::Date { y: Some(y), m: None, d: None, hijri: true }
                } else {
                    Base::Date { y: Some(y), m: None, d: None, hijri: false }
                });
                return Some((e, k));
            }
        }
        let hijri = self.is(j + 1, &["الهجري", "الهجريه"]);
        let j2 = if hijri { j + 2 } else { j + 1 };
        if hijri {
            // `العام الهجري القادم`, `السنة الهجرية قبل الماضية`.
            if unit != Unit::Year {
                return None;
            }
            let (dir, k) = self.dir(j2)?;
            let e = Expr::new(Base::HijriYear { n: i32::from(dir) });
            return Some((e, k));
        }
        // `السنة هاي`, `الشهر هذا`.
        if self.is(j + 1, &["هذا", "هذه", "هاي", "هذي", "هاد"])
        {
            return Some((Expr::new(Base::Shift { unit, n: 0 }), j + 2));
        }
        let (dir, k) = self.dir(j2)?;
        if dir == 0 && unit == Unit::Day {
            return None;
        }
        Some((Expr::new(Base::Shift { unit, n: i32::from(dir) }), k))
    }

    /// Relative day words: `اليوم`, `أمس`, `أول أمس`, `غداً`, `بعد غد`.
    fn rel_day(&self, i: usize) -> P<i32> {
        let mut j = i;
        if self.is(j, &["يوم"]) && !self.is(j + 1, &["اليوم"]) {
            j += 1;
        }
        // `اليوم الذي بعد الغد`, `اليوم القبل البارحه`.
        if self.is(j, &["اليوم", "يوم"]) {
            let k = self.skip(j + 1, &["الذي", "الي", "اللي"]);
            let k2 = k;
            if self.is(k2, &["القبل"]) {
                if self.is(k2 + 1, &["امس", "البارحه", "امبارح"])
                {
                    return Some((-2, k2 + 2));
                }
            } else if k > j + 1 || self.is(k, &["بعد", "قبل"]) {
                if self.is(k, &["بعد"])
                    && self.is(k + 1, &["غد", "الغد", "بكره", "بكرا", "غدا"])
                {
                    return Some((2, k + 2));
                }
                if self.is(k, &["قبل"])
                    && self.is(k + 1, &["امس", "البارحه", "امبارح"])
                {
                    return Some((-2, k + 2));
                }
            }
        }
        if self.is(j, &["اول", "اولي"])
            && self.is(j + 1, &["امس", "مبارح", "البارحه", "امبارح"])
        {
            return Some((-2, j + 2));
        }
        if self.is(j, &["قبل"])
            && self.is(j + 1, &["امس", "البارحه", "امبارح"])
        {
            return Some((-2, j + 2));
        }
        if self.is(j, &["بعد"])
            && self.is(j + 1, &["غد", "غدا", "الغد", "بكره", "بكرا"])
        {
            return Some((2, j + 2));
        }
        if self.is(j, &["امس", "البارحه", "مبارح", "امبارح"])
        {
            if self.is(j + 1, &["الاول"]) {
                return Some((-2, j + 2));
            }
            return Some((-1, j + 1));
        }
        if self.is(j, &["غدا", "غد", "الغد", "بكره", "بكرا"])
        {
            return Some((1, j + 1));
        }
        if self.is(j, &["اليوم"]) {
            if self.is(j + 1, PAST) {
                return Some((-1, j + 2));
            }
            if self.is(j + 1, &["التالي"]) {
                return None;
            }
            return Some((0, j + 1));
        }
        None
    }

    fn weekday(&self, i: usize) -> P<Expr> {
        let mut j = i;
        if self.is(j, &["يوم"]) {
            j += 1;
        }
        let this = self.is(j, &["هذا", "هذه"]);
        if this {
            j += 1;
        }
        let (wd, mut k) = table_at(&WEEKDAY_NAMES, self.toks, j)?;
        // `الأحد من الأسبوع الماضي`, `اثنين الأسبوع الحالي`.
        let kw = self.skip(k, &["من"]);
        let unit_dir = self.may(kw, go::UNIT_DIR);
        if let Some((w, k2)) = unit_dir.then(|| self.unit_dir(kw)).flatten() {
            if let Base::Shift { unit: Unit::Week, n } = w.base {
                let e = Expr::new(Base::WeekWeekday { n, wd });
                return Some((e, k2));
            }
        }
        if this {
            return Some((Expr::new(Base::WeekWeekday { n: 0, wd }), k));
        }
        // A bare `احد`/`اثنين` without the article is a number.
        if self.t(j).is_some_and(|t| !t.s.contains("ال")) && j == i {
            return None;
        }
        let mut e = Expr::new(Base::Weekday { wd, dir: 0 });
        if let Some((dir, k2)) = self.dir(k) {
            e.base = Base::Weekday { wd, dir };
            k = k2;
        }
        // `الاثنين الاخير من شهر اذار`.
        if self.is(k, &["الاخير", "الاخيره"]) && self.is(k + 1, &["من", "في"])
        {
            if let Some((mut m, k2)) = self.month_ref(k + 2) {
                m.nth = Some(Nth::Weekday { wd, n: -1 });
                return Some((m, k2));
            }
        }
        // `الاثنين 18 شباط`, `الخميس الموافق 14 ...`.
        let mut k3 = self.skip(k, &[","]);
        k3 = self.skip(k3, &["الموافق", "في"]);
        if let Some((d, k4)) = self
            .may(k3, go::DAY | go::NUMERIC_DATE)
            .then(|| self.day_month(k3).or_else(|| self.numeric_date(k3)))
            .flatten()
        {
            // `الثلاثاء الثالث من أيلول 2014`, when 3 September 2014 is
            // not a Tuesday: the third Tuesday.
            if let Base::Date { y: Some(y), m: Some(m), d: Some(dd), hijri } =
                d.base
            {
                let date = chrono::NaiveDate::from_ymd_opt(y, m, dd);
                if !hijri
                    && k3 == k
                    && dd <= 5
                    && date.is_some_and(|x| {
                        chrono::Datelike::weekday(&x).num_days_from_monday()
                            != wd
                    })
                {
                    let mut e2 = d;
                    e2.base =
                        Base::Date { y: Some(y), m: Some(m), d: None, hijri };
                    e2.nth = Some(Nth::Weekday { wd, n: dd as i8 });
                    return Some((e2, k4));
                }
            }
            if matches!(d.base, Base::Date { .. } | Base::MonthDay { .. }) {
                return Some((d, k4));
            }
        }
        // `السبت السادس عشر`: a day of a month where it is a Saturday.
        if e.base == (Base::Weekday { wd, dir: 0 }) {
            if let Some((d, k4)) =
                self.may(k, go::DAY).then(|| self.day(k)).flatten()
            {
                let mut e = Expr::new(Base::Date {
                    y: None,
                    m: None,
                    d: Some(d),
                    hijri: false,
                });
                e.wd = Some(wd);
                return Some((e, k4));
            }
        }
        Some((e, k))
    }

    /// A part of the day that governs a day: `ليل الإثنين`, `فجر يوم
    /// أمس الجمعة`, `صباح اليوم`, `الليلة الماضية`.
    fn day_part(&self, i: usize) -> P<Expr> {
        if self.is(i, &["هذه", "هذي"]) && self.is(i + 1, &["الليله"])
        {
            let mut e = Expr::new(Base::Shift { unit: Unit::Day, n: 0 });
            e.day_part = Some((18, 23));
            return Some((e, i + 2));
        }
        if self.is(i, &["الليله"]) {
            let mut e = Expr::new(Base::Shift { unit: Unit::Day, n: 0 });
            e.day_part = Some((18, 23));
            if self.is(i + 1, PAST) {
                e.base = Base::Shift { unit: Unit::Day, n: -1 };
                return Some((e, i + 2));
            }
            return Some((e, i + 1));
        }
        let (hours, j) = table_at(&DAY_PART_NAMES, self.toks, i)?;
        if self.t(i).is_some_and(|t| t.s.starts_with("ال")) {
            return None;
        }
        let (from, to) = (hours / 100, hours % 100);
        let (mut e, k) = self.day_ref(j)?;
        e.day_part = Some((from, to));
        Some((e, k))
    }

    /// A day: relative day word, weekday, or a date; `امس السبت` keeps the
    /// more precise reading.
    fn day_ref(&self, i: usize) -> P<Expr> {
        let j = self.skip(i, &["يوم"]);
        if let Some((n, k)) = self.rel_day(j) {
            let e = Expr::new(Base::Shift { unit: Unit::Day, n });
            // `أمس الجمعة`: the weekday is redundant.
            if let Some((_, k2)) = table_at(&WEEKDAY_NAMES, self.toks, k) {
                return Some((e, k2));
            }
            return Some((e, k));
        }
        self.weekday(i).or_else(|| self.day_month(j))
    }

    /// A clock time: `الساعة 3:18`, `الساعة الثالثة`, `التاسعة والنصف
    /// مساء`, `الثامنة (ت غ) مساء`.
    fn clock(&self, i: usize) -> P<(Clock, bool)> {
        self.clock_at(i, false)
    }

    /// A clock time; `loose` also accepts a bare hour (`الستة`, `للسبعة`,
    /// `11`), as at the ends of a range.
    fn clock_at(&self, i: usize, loose: bool) -> P<(Clock, bool)> {
        let mut j = self.skip(i, &["عند", "حوالي", "نحو", "قرابه", "بحدود"]);
        let mut strip = 0;
        if loose {
            if self.is(j, &["لل", "ل"]) {
                j += 1;
            } else if self.t(j).is_some_and(|t| {
                t.s.starts_with("لل") && t.s.len() > "لل".len()
            }) && !self.is(j, &["الساعه"])
            {
                strip = "لل".len();
            }
        }
        let has_sa = self.is(j, &["الساعه", "ساعه"]);
        if has_sa {
            j += 1;
        }
        let mut c;
        let mut k;
        // A bare hour in a range must be a word with the article
        // (`الستة`, `للسبعة`), not a plain number (`من 10 الى 15`).
        let mut article_word = false;
        if let Some((h, j2)) = self.number(j) {
            if h > 24 {
                return None;
            }
            c = Clock { h, m: 0, minutes: false, ampm: false };
            k = j2;
            if self.is(k, &[":"]) && self.glued(k) {
                let (m, k2) = self.number(k + 1)?;
                if m > 59 {
                    return None;
                }
                c = Clock { h, m, minutes: true, ampm: false };
                k = k2;
                if self.is(k, &[":"])
                    && self.glued(k)
                    && self.number(k + 1).is_some()
                {
                    k += 2;
                }
            } else if !has_sa
                && !loose
                && !self.is(j2, &["والنصف", "ونص", "والربع", "وربع"])
            {
                return None;
            }
        } else {
            // The number reader reads no word without `vocab::NUM`
            // (checked in `tests.rs`).
            if self.t(j).is_none_or(|t| t.class & vocab::NUM == 0) {
                return None;
            }
            let mut words = self.words(j);
            if let Some(w) = words.first_mut() {
                *w = w.get(strip..).unwrap_or_default();
            }
            let (h, n) = num::hour(&words)?;
            if h > 12 || h == 0 {
                return None;
            }
            article_word = strip > 0
                || words.first().is_some_and(|w| w.starts_with("ال"));
            c = Clock { h, m: 0, minutes: false, ampm: false };
            k = j + n;
        }
        // Fractions: `والنصف`, `وربع`, `الا ربع`, `و18 دقيقه`.
        let mut frac = false;
        if self.is(k, &["والنصف", "ونص", "ونصف", "نص"]) {
            c.m = 30;
            frac = true;
            k += 1;
        } else if self.is(k, &["والربع", "وربع"]) {
            c.m = 15;
            frac = true;
            k += 1;
        } else if self.is(k, &["والثلث", "وثلث"]) {
            c.m = 20;
            frac = true;
            k += 1;
        } else if self.is(k, &["الا"])
            && self.is(k + 1, &["ربع", "ربعا", "ثلث"])
        {
            let sub = if self.is(k + 1, &["ثلث"]) { 20 } else { 15 };
            c.h = if c.h == 0 { 23 } else { c.h - 1 };
            c.m = 60 - sub;
            frac = true;
            k += 2;
        } else if self.t(k).is_some_and(|t| t.s.starts_with('و'))
            || self.is(k, &["و"])
        {
            let k0 = if self.is(k, &["و"]) { k + 1 } else { k };
            let mut words = self.words(k0);
            if let Some(w) = words.first_mut() {
                if k0 == k {
                    *w = w.get('و'.len_utf8()..).unwrap_or_default();
                }
            }
            if let Some((m, n)) = num::cardinal(&words) {
                if m < 60 {
                    c.m = m;
                    frac = true;
                    k = k0 + n;
                    k = self.skip(k, &["دقيقه", "دقايق", "دقائق"]);
                }
            }
        }
        if frac {
            c.minutes = true;
        }
        let mut gmt = false;
        let mut part = None;
        for _ in 0..2 {
            if let Some(k2) = self.gmt(k) {
                gmt = true;
                k = k2;
            } else if let Some((pm, k2)) = self.clock_part(k) {
                part = Some(pm);
                k = k2;
            }
        }
        let bare = !has_sa && !frac && part.is_none() && !gmt && !c.minutes;
        if bare && !(loose && article_word) {
            return None;
        }
        if let Some(pm) = part {
            c.ampm = true;
            if pm
                && c.h < 12
                && !(self.is(k - 1, &["ليلا", "الليل"]) && c.h <= 4)
            {
                c.h += 12;
            }
            let night = self.is(k - 1, &["ليلا", "الليل"]);
            if (!pm || night) && c.h == 12 {
                c.h = 0;
            }
        }
        if c.h >= 24 {
            c.h = 0;
        }
        Some(((c, gmt), k))
    }

    fn clock_part(&self, i: usize) -> P<bool> {
        if self.is(i, &["بعد"])
            && self.is(i + 1, &["الظهر", "العصر", "المغرب", "الظهيره"])
        {
            return Some((true, i + 2));
        }
        if self.is(i, &["قبل"]) && self.is(i + 1, &["الظهر", "الظهيره"])
        {
            return Some((false, i + 2));
        }
        if self.is(i, &["قبل"]) && self.is(i + 1, &["المغرب"]) {
            return Some((true, i + 2));
        }
        if self.is(i, &["هذا", "هذه"])
            && self.is(i + 1, &["الصباح", "المساء", "الليله"])
        {
            return Some((!self.is(i + 1, &["الصباح"]), i + 2));
        }
        let t = self.t(i)?;
        CLOCK_PART_WORDS
            .iter()
            .find(|(w, _)| t.s == w)
            .map(|&(_, pm)| (pm, i + 1))
    }

    /// `(ت غ)`, `ت غ`, `بتوقيت غرينتش`, `gmt`, `بتوقيت gmt`.
    fn gmt(&self, i: usize) -> Option<usize> {
        let paren = self.is(i, &["("]);
        let j = if paren { i + 1 } else { i };
        let mut k = None;
        if self.is(j, &["ت"]) && self.is(j + 1, &["غ"]) {
            k = Some(j + 2);
        } else if self.is(j, &["ت"])
            && self.is(j + 1, &["."])
            && self.is(j + 2, &["غ"])
        {
            k = Some(j + 3);
        } else if self.is(j, &["gmt", "utc"]) {
            k = Some(j + 1);
        } else if (self.is(j, &["بتوقيت", "توقيت"])
            && self.is(j + 1, &["غرينتش", "غرينيتش", "جرينتش", "gmt", "utc"]))
            || (self.is(j, &["بالتوقيت", "التوقيت"])
                && self.is(j + 1, &["العالمي"]))
        {
            k = Some(j + 2);
        }
        let k = k?;
        if paren {
            return self.is(k, &[")"]).then_some(k + 1);
        }
        Some(k)
    }

    /// `مطلع`, `منتصف`, `أواخر` + month, `الشهر الحالي`, year.
    fn part_of(&self, i: usize) -> P<Expr> {
        let part = if self.is(i, &["مطلع", "بدايه", "بداية", "مستهل", "اول"])
        {
            Part::Start
        } else if self.is(i, &["اوايل", "اوائل"]) {
            Part::Early
        } else if self.is(i, &["منتصف", "اواسط", "وسط", "نص", "نصف"])
        {
            Part::Middle
        } else if self.is(i, &["نهايه", "اواخر", "اخر", "اخير", "ختام"])
        {
            Part::Late
        } else {
            return None;
        };
        let j = i + 1;
        // `بداية فصل الصيف`.
        if let Some((mut e, k)) = self.season(j) {
            e.part = Some(part);
            return Some((e, k));
        }
        let (mut e, k) = self
            .month_expr(j)
            .or_else(|| self.unit_dir(j))
            .or_else(|| self.year_expr(j))?;
        if part == Part::Start
            && self.is(i, &["اول"])
            && !matches!(e.base, Base::Date { .. })
        {
            return None;
        }
        if let Base::Shift { unit: Unit::Day | Unit::Week, .. } = e.base {
            return None;
        }
        e.part = Some(part);
        Some((e, k))
    }

    fn season(&self, i: usize) -> P<Expr> {
        let j = self.skip(i, &["فصل"]);
        let s = if self.is(j, &["الربيع"]) {
            0
        } else if self.is(j, &["الصيف"]) {
            1
        } else if self.is(j, &["الخريف"]) {
            2
        } else if self.is(j, &["الشتاء", "الشتا"]) {
            3
        } else {
            return None;
        };
        if j == i && !self.is(j + 1, &["الماضي", "المقبل", "القادم", "الحالي"])
        {
            // A bare season word needs `فصل` or a direction.
            self.year_after(j + 1)?;
        }
        let mut e = Expr::new(Base::Season { s, y: None });
        let mut k = j + 1;
        if let Some(((y, false), k2)) = self.year_after(k) {
            e.base = Base::Season { s, y: Some(y) };
            k = k2;
        } else if let Some((dir, k2)) = self.dir(k) {
            e.dir = dir;
            k = k2;
        }
        Some((e, k))
    }

    /// `عام 2014`, `العام 2014`, `سنه 2017`, `1438 هـ`, `في 2017`.
    fn year_expr(&self, i: usize) -> P<Expr> {
        let kw = self.is(i, &["عام", "العام", "سنه", "السنه", "لعام"]);
        let j = if kw { i + 1 } else { i };
        let ((y, h), k) = self.year(j)?;
        let marked = k > j + 1;
        if h && !kw && !marked {
            // `1500` alone is a number, not a Hijri year.
            return None;
        }
        if !kw && !h {
            // A bare year needs a preposition before it.
            let prev = i.checked_sub(1).and_then(|p| self.t(p));
            if !prev.is_some_and(|t| {
                t.is_one_of(&[
                    "في",
                    "منذ",
                    "حتي",
                    "قبل",
                    "بعد",
                    "خلال",
                    "مطلع",
                    "بدايه",
                    "نهايه",
                    "منتصف",
                    "اواخر",
                    "اوايل",
                    "من",
                    "الي",
                    "بين",
                ])
            }) {
                return None;
            }
        }
        Some((
            Expr::new(Base::Date { y: Some(y), m: None, d: None, hijri: h }),
            k,
        ))
    }

    /// `عيد الفطر`, `عيد الأضحى` [year].
    fn holiday(&self, i: usize) -> P<Expr> {
        // Gregorian feasts: `عيد الميلاد`, `راس السنه الميلاديه`.
        let fixed = if self.is(i, &["عيد"])
            && self.is(i + 1, &["الميلاد", "الكريسماس"])
        {
            Some(((12, 25), i + 2))
        } else if self.is(i, &["الكريسماس", "كريسماس"]) {
            Some(((12, 25), i + 1))
        } else if self.is(i, &["راس"])
            && self.is(i + 1, &["السنه"])
            && self.is(i + 2, &["الميلاديه"])
        {
            Some(((1, 1), i + 3))
        } else {
            None
        };
        if let Some(((m, d), k)) = fixed {
            let e = Expr::new(Base::Date {
                y: None,
                m: Some(m),
                d: Some(d),
                hijri: false,
            });
            let (e, k, _) = self.month_tail(e, k);
            return Some((e, k));
        }
        if self.is(i, &["راس"])
            && self.is(i + 1, &["السنه"])
            && self.is(i + 2, &["الهجريه"])
        {
            let e = Expr::new(Base::Date {
                y: None,
                m: Some(1),
                d: Some(1),
                hijri: true,
            });
            let (e, k, _) = self.month_tail(e, i + 3);
            return Some((e, k));
        }
        if self.is(i, &["عيد"]) && self.is(i + 1, &["الفصح"]) {
            let mut e = Expr::new(Base::Easter { y: None });
            let mut k = i + 2;
            if let Some(((y, false), k2)) = self.year_after(k) {
                e.base = Base::Easter { y: Some(y) };
                k = k2;
            }
            return Some((e, k));
        }
        if !self.is(i, &["عيد"]) {
            return None;
        }
        let (m, d) = if self.is(i + 1, &["الفطر"]) {
            (10, 1)
        } else if self.is(i + 1, &["الاضحي"]) {
            (12, 10)
        } else {
            return None;
        };
        let mut e = Expr::new(Base::Date {
            y: None,
            m: Some(m),
            d: Some(d),
            hijri: true,
        });
        let mut k = i + 2;
        if let Some(((y, h), k2)) = self.year_after(k) {
            if h {
                e.base = Base::Date {
                    y: Some(y),
                    m: Some(m),
                    d: Some(d),
                    hijri: true,
                };
            } else {
                // A Gregorian year: the feast in that year.
                e.base = Base::Date {
                    y: Some(-y),
                    m: Some(m),
                    d: Some(d),
                    hijri: true,
                };
            }
            k = k2;
        }
        Some((e, k))
    }

    /// `قبل 10 أيام`, `بعد عامين`, `خلال الساعات الـ24 الماضية`.
    fn relative_amount(&self, i: usize) -> P<Expr> {
        if self.is(i, &["قبل"]) {
            // `قبل أيام`: some days ago, like `منذ أيام`.
            if let Some((u, true)) = self.unit_word(i + 1) {
                if self.t(i + 1).is_some_and(|t| !t.s.starts_with("ال")) {
                    return Some((Expr::new(Base::Recent { unit: u }), i + 2));
                }
            }
        }
        if self.is(i, &["قبل", "بعد"]) {
            let sign = if self.is(i, &["قبل"]) { -1 } else { 1 };
            let ((u, n), k) = self.amount(i + 1)?;
            let n = i32::try_from(n).ok()?;
            return Some((Expr::new(Base::Ago { unit: u, n: sign * n }), k));
        }
        let prefixed = self.is(i, &["خلال", "في", "طوال"]);
        if prefixed || self.unit_word(i).is_some_and(|(_, pl)| pl) {
            // `خلال الساعات الـ24 الماضية`, `خلال 24 ساعة الماضية`,
            // `الأيام الثلاثة الماضية`, `الأسابيع الثلاثة القادمة`.
            let j = if prefixed { i + 1 } else { i };
            let j = self.skip(j, &["ال"]);
            let (u, n, k) = if let Some((u, true)) = self.unit_word(j) {
                let k0 = self.skip(j + 1, &["ال"]);
                let words = self.words(k0);
                let (n, c) = num::cardinal(&words).or_else(|| {
                    let mut w = words;
                    for x in w.iter_mut() {
                        *x = x.strip_prefix("ال").unwrap_or(x);
                    }
                    num::cardinal(&w)
                })?;
                (u, n, k0 + c)
            } else {
                let ((u, n), k) = self.amount(j)?;
                (u, n, k)
            };
            if self.is(k, PAST) {
                return Some((Expr::new(Base::LastN { unit: u, n }), k + 1));
            }
            if self.is(k, FUTURE) {
                return Some((Expr::new(Base::NextN { unit: u, n }), k + 1));
            }
        }
        None
    }

    /// One time expression at token `i`, with what follows it attached
    /// (a clock after a day, a day after a clock, GMT).
    pub(crate) fn expr(&self, i: usize) -> P<Expr> {
        self.expr_routed(i, self.route_at(i))
    }

    /// [`Parser::expr`] where token `i` has the [`route`] bits `bits`.
    fn expr_routed(&self, i: usize, bits: u32) -> P<Expr> {
        let (mut e, mut k) = self.head_routed(i, bits)?;
        // A clock after a day.
        if e.clock.is_none()
            && matches!(
                e.base,
                Base::Shift { unit: Unit::Day, .. }
                    | Base::Weekday { .. }
                    | Base::Date { d: Some(_), .. }
            )
        {
            let k0 = self.skip(
                self.skip(k, &[","]),
                &["في", "عند", "حوالي", "نحو", "علي"],
            );
            if let Some(((c, gmt), k2)) =
                self.may(k0, go::CLOCK).then(|| self.clock(k0)).flatten()
            {
                e.clock = Some(c);
                e.gmt |= gmt;
                k = k2;
            }
        }
        if let Some(k2) = self.gmt(k) {
            e.gmt = true;
            k = k2;
        }
        Some((e, k))
    }

    fn head(&self, i: usize) -> P<Expr> {
        self.head_routed(i, self.route_at(i))
    }

    /// [`Parser::head`] where token `i` has the [`route`] bits `bits`:
    /// only the sub-parsers that may begin at it are tried.
    fn head_routed(&self, i: usize, bits: u32) -> P<Expr> {
        let may = |bit: u32| bits & bit != 0;
        if let Some(r) = may(go::CLOCK).then(|| self.clock(i)).flatten() {
            let ((c, gmt), k) = r;
            // A day after a clock: `الساعة 7 مبارح`, `الثامنة مساء الخميس`.
            let k0 = self.skip(self.skip(k, &[","]), &["من", "في"]);
            let day = go::REL_DAY | go::WEEKDAY | go::DAY;
            let day = self.may(k0, day).then(|| self.day_ref(k0)).flatten();
            let mut e = day.unwrap_or((
                Expr::new(Base::Shift { unit: Unit::Day, n: 0 }),
                k,
            ));
            e.0.clock = Some(c);
            e.0.gmt = gmt;
            if e.1 == k {
                e.0.base = Base::Shift { unit: Unit::Day, n: 0 };
                e.0.dir = 2; // clock on an unstated day
            }
            return Some(e);
        }
        const APPROX: &[&str] = &["قرابه", "حوالي", "نحو", "بحدود"];
        if may(go::APPROX) && self.is(i, APPROX) {
            // One level only: a run of these words must stay linear.
            if self.is(i + 1, APPROX) {
                return None;
            }
            return self.head(i + 1);
        }
        // `الدقيقة 10`, `الدقيقة الثالثة`: a minute of the current hour.
        if may(go::MINUTE) && self.is(i, &["الدقيقه"]) {
            let words = self.number_words(i + 1);
            if let Some((m, n)) =
                num::ordinal_day(&words).or_else(|| num::cardinal(&words))
            {
                if m < 60 {
                    let e = Expr::new(Base::MinuteOfHour { m });
                    return Some((e, i + 1 + n));
                }
            }
        }
        if let Some(r) = may(go::NTH).then(|| self.nth_in_month(i)).flatten() {
            return Some(r);
        }
        if let Some(r) = may(go::DAY_PART).then(|| self.day_part(i)).flatten()
        {
            return Some(r);
        }
        if let Some(r) = may(go::PART_OF).then(|| self.part_of(i)).flatten() {
            return Some(r);
        }
        if let Some(r) = may(go::HOLIDAY).then(|| self.holiday(i)).flatten() {
            return Some(r);
        }
        if let Some(r) = may(go::WEEKDAY).then(|| self.weekday(i)).flatten() {
            return Some(r);
        }
        if let Some(r) =
            may(go::NUMERIC_DATE).then(|| self.numeric_date(i)).flatten()
        {
            return Some(r);
        }
        if let Some(r) = may(go::DAY).then(|| self.day_month(i)).flatten() {
            return Some(r);
        }
        if let Some(r) =
            may(go::MONTH_EXPR).then(|| self.month_expr(i)).flatten()
        {
            return Some(r);
        }
        if let Some((e, k)) =
            may(go::UNIT_DIR).then(|| self.unit_dir(i)).flatten()
        {
            // `الأسبوع القادم يوم الأحد`.
            if let Base::Shift { unit: Unit::Week, n } = e.base {
                let k1 = self.skip(k, &["يوم"]);
                if let Some((wd, k2)) = table_at(&WEEKDAY_NAMES, self.toks, k1)
                {
                    return Some((Expr::new(Base::WeekWeekday { n, wd }), k2));
                }
            }
            return Some((e, k));
        }
        if let Some(r) =
            may(go::YEAR_EXPR).then(|| self.year_expr(i)).flatten()
        {
            return Some(r);
        }
        if let Some((n, k)) =
            may(go::REL_DAY).then(|| self.rel_day(i)).flatten()
        {
            return Some((Expr::new(Base::Shift { unit: Unit::Day, n }), k));
        }
        if let Some(r) =
            may(go::REL_AMOUNT).then(|| self.relative_amount(i)).flatten()
        {
            return Some(r);
        }
        if let Some(r) = may(go::SEASON).then(|| self.season(i)).flatten() {
            return Some(r);
        }
        if !may(go::NOW) {
            return None;
        }
        if self.is(i, &["الان", "حاليا", "حالا", "هسا", "هسه", "هلق"])
        {
            return Some((Expr::new(Base::Now), i + 1));
        }
        if (self.is(i, &["هذه", "هذي", "هاي", "هذا", "هاد"])
            && self.is(i + 1, &["اللحظه", "الوقت"]))
            || (self.is(i, &["في"]) && self.is(i + 1, &["الحال", "الحين"]))
        {
            return Some((Expr::new(Base::Now), i + 2));
        }
        // `في الـ25` (a day of the current or last month).
        if self.is(i, &["ال", "بال", "في"]) && self.glued(i + 1) {
            if let Some((d, k)) = self.number(i + 1) {
                if (1..=31).contains(&d) && self.unit_word(k).is_none() {
                    let mut e = Expr::new(Base::Date {
                        y: None,
                        m: None,
                        d: Some(d),
                        hijri: false,
                    });
                    e.dir = -1;
                    return Some((e, k));
                }
            }
        }
        None
    }

    /// A day range inside one month: `13 الى 15 تموز`, `من 1-8 شهر ايلول`,
    /// `تموز 13 الى 15`.
    fn day_range(&self, i: usize) -> P<(Expr, Expr)> {
        let (d1, j) = self.day(i)?;
        if !self.is(j, &["الي", "-", "حتي", "وحتي", "لغايه"]) {
            return None;
        }
        let (mut b, k) = self.day_month(j + 1)?;
        let Base::Date { y, m, hijri, .. } = b.base else { return None };
        let a = Expr { base: Base::Date { y, m, d: Some(d1), hijri }, ..b };
        b.clock = None;
        Some(((a, b), k))
    }

    /// Two clock times joined by `الى`, `حتى` or a glued `لل`
    /// (`الستة للسبعة`, `الثالثة الى الرابعة مساء`), with an optional
    /// day after the second (`غدا`).
    fn clock_range(&self, i: usize) -> P<Parsed> {
        let ((x, g1), j) = self.clock_at(i, true)?;
        let (jb, sep) = if self.is(j, &["الي", "حتي", "وحتي", "-"]) {
            (j + 1, true)
        } else {
            (j, self.t(j).is_some_and(|t| t.s.starts_with('ل')))
        };
        if !sep {
            return None;
        }
        let ((y, g2), k) = self.clock_at(jb, true)?;
        let mut a = Expr::new(Base::Shift { unit: Unit::Day, n: 0 });
        a.clock = Some(x);
        a.gmt = g1 || g2;
        let mut b = a;
        b.clock = Some(y);
        let Parsed::Span { a: Some(sa), b: Some(sb), .. } =
            share_ampm(Parsed::Span {
                kind: TimeKind::Interval,
                a: Some(a),
                b: Some(b),
            })
        else {
            return None;
        };
        (a, b) = (sa, sb);
        let mut end = k;
        if let Some((n, k2)) = self.rel_day(k) {
            b.base = Base::Shift { unit: Unit::Day, n };
            // `من الرابعة للخامسة غدا`: both tomorrow; `من السادسة
            // للخامسة غدا`: from today to tomorrow.
            if a.clock.zip(b.clock).is_some_and(|(x, y)| x.h < y.h) {
                a.base = b.base;
            }
            end = k2;
        }
        Some((
            Parsed::Span { kind: TimeKind::Interval, a: Some(a), b: Some(b) },
            end,
        ))
    }

    /// A time expression or span at token `i`.
    pub(crate) fn parse(&self, i: usize) -> P<Parsed> {
        let (p, k) = self.parse_raw(i)?;
        Some((share_ampm(p), k))
    }

    fn parse_raw(&self, i: usize) -> P<Parsed> {
        let bits = self.route_at(i);
        let may = |bit: u32| bits & bit != 0;
        if may(go::SINCE) && self.is(i, &["منذ", "مذ", "ومنذ"]) {
            // `منذ أيام`, `منذ عامين`: an amount back from the anchor.
            if let Some((u, true)) = self.unit_word(i + 1) {
                if self.t(i + 1).is_some_and(|t| !t.s.starts_with("ال")) {
                    return Some((
                        Parsed::One(Expr::new(Base::Recent { unit: u })),
                        i + 2,
                    ));
                }
            }
            if let Some(((u, n), k)) = self.amount(i + 1) {
                let n = i32::try_from(n).ok()?;
                return Some((
                    Parsed::One(Expr::new(Base::Ago { unit: u, n: -n })),
                    k,
                ));
            }
            let (e, k) = self.expr(i + 1)?;
            return Some((
                Parsed::Span { kind: TimeKind::OpenEnd, a: Some(e), b: None },
                k,
            ));
        }
        if may(go::UNTIL)
            && (self.is(i, &["حتي", "لغايه", "لغاية"])
                || (self.is(i, &["الي"]) && self.is(i + 1, &["غايه"])))
        {
            let j = if self.is(i, &["الي"]) { i + 2 } else { i + 1 };
            let j = self.skip(j, &["تاريخ", "يوم"]);
            let (e, k) = self.expr(j)?;
            return Some((
                Parsed::Span {
                    kind: TimeKind::OpenStart,
                    a: None,
                    b: Some(e),
                },
                k,
            ));
        }
        if may(go::FROM) && self.is(i, &["من", "بين"]) {
            let between = self.is(i, &["بين"]);
            if let Some(((a, b), k)) = self.day_range(i + 1) {
                return Some((
                    Parsed::Span {
                        kind: TimeKind::Interval,
                        a: Some(a),
                        b: Some(b),
                    },
                    k,
                ));
            }
            if let Some(r) = self.clock_range(i + 1) {
                return Some(r);
            }
            if let Some((a, j)) = self.expr(i + 1) {
                let seps: &[&str] = if between {
                    &["و"]
                } else {
                    &["الي", "حتي", "وحتي", "لغايه", "-"]
                };
                let (j2, ok) = if self.is(j, seps) {
                    (j + 1, true)
                } else if between
                    && self.t(j).is_some_and(|t| t.s.starts_with('و'))
                {
                    (j, true)
                } else {
                    (j, false)
                };
                if ok {
                    let b = self.expr(j2).or_else(|| {
                        // `بين 2014 و2016`: a bare year after `و`.
                        let ((y, h), k) = self.year(j2)?;
                        let base = Base::Date {
                            y: Some(y),
                            m: None,
                            d: None,
                            hijri: h,
                        };
                        Some((Expr::new(base), k))
                    });
                    if let Some((b, k)) = b {
                        return Some((
                            Parsed::Span {
                                kind: TimeKind::Interval,
                                a: Some(a),
                                b: Some(b),
                            },
                            k,
                        ));
                    }
                }
            }
            return None;
        }
        if let Some(((a, b), k)) =
            may(go::DAY).then(|| self.day_range(i)).flatten()
        {
            return Some((
                Parsed::Span {
                    kind: TimeKind::Interval,
                    a: Some(a),
                    b: Some(b),
                },
                k,
            ));
        }
        // `تموز 13 الى 15`, `يوليو 13-15`.
        if let Some((m, j)) = may(go::MONTH).then(|| self.month(i)).flatten() {
            if let (Some((d1, j2)), true) = (self.number(j), true) {
                if self.is(j2, &["الي", "-"]) {
                    if let Some((d2, k)) = self.number(j2 + 1) {
                        if (1..=31).contains(&d1)
                            && (1..=31).contains(&d2)
                            && d1 <= d2
                        {
                            let a = Expr::new(Base::Date {
                                y: None,
                                m: Some(m),
                                d: Some(d1),
                                hijri: false,
                            });
                            let b = Expr::new(Base::Date {
                                y: None,
                                m: Some(m),
                                d: Some(d2),
                                hijri: false,
                            });
                            return Some((
                                Parsed::Span {
                                    kind: TimeKind::Interval,
                                    a: Some(a),
                                    b: Some(b),
                                },
                                k,
                            ));
                        }
                    }
                }
                if (1..=31).contains(&d1)
                    && self.t(j).is_some_and(|t| t.s.len() <= 2)
                {
                    let e = Expr::new(Base::Date {
                        y: None,
                        m: Some(m),
                        d: Some(d1),
                        hijri: false,
                    });
                    return Some((Parsed::One(e), j2));
                }
            }
        }
        let (a, j) = self.expr_routed(i, bits)?;
        // `الخميس من الساعة التاسعة وحتى الساعة الحادية عشرة صباحا`.
        if a.clock.is_none()
            && a.day_part.is_none()
            && matches!(
                a.base,
                Base::Weekday { .. }
                    | Base::Shift { unit: Unit::Day, .. }
                    | Base::Date { d: Some(_), .. }
            )
            && self.is(j, &["من"])
        {
            if let Some((Parsed::Span { kind, a: Some(ca), b: Some(cb) }, k)) =
                self.parse(j)
            {
                if let (Some(x), Some(y)) = (ca.clock, cb.clock) {
                    let mut ea = a;
                    ea.clock = Some(x);
                    let mut eb = a;
                    eb.clock = Some(y);
                    return Some((
                        Parsed::Span { kind, a: Some(ea), b: Some(eb) },
                        k,
                    ));
                }
            }
        }
        // `الساعة الثامنة والربع صباحا الى 11 مساء`.
        if a.clock.is_some() && self.is(j, &["الي", "حتي", "وحتي"]) {
            let b = self.expr(j + 1).or_else(|| {
                let ((c, gmt), k) = self.clock_at(j + 1, true)?;
                let mut b = a;
                b.clock = Some(c);
                b.gmt |= gmt;
                Some((b, k))
            });
            if let Some((b, k)) = b {
                if b.clock.is_some() {
                    return Some((
                        Parsed::Span {
                            kind: TimeKind::Interval,
                            a: Some(a),
                            b: Some(b),
                        },
                        k,
                    ));
                }
            }
        }
        Some((Parsed::One(a), j))
    }
}

/// `من الثالثة الى الرابعة مساء`: a morning/afternoon word on one end of
/// a clock range applies to the other.
fn share_ampm(p: Parsed) -> Parsed {
    let Parsed::Span { kind, a: Some(mut a), b: Some(mut b) } = p else {
        return p;
    };
    if let (Some(mut x), Some(mut y)) = (a.clock, b.clock) {
        if y.ampm && !x.ampm && y.h >= 12 && x.h < 12 && x.h + 12 <= y.h {
            x.h += 12;
        }
        if x.ampm && !y.ampm && x.h >= 12 && y.h < 12 {
            y.h += 12;
        }
        a.clock = Some(x);
        b.clock = Some(y);
    }
    Parsed::Span { kind, a: Some(a), b: Some(b) }
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

    #[test]
    fn tokens() {
        let n = crate::normalize("في الـ25 من آيار/ مايو 2017/5/15");
        let toks = tokenize(n.as_str(), 0);
        let s: Vec<&str> = toks.iter().map(|t| t.s).collect();
        assert_eq!(
            s,
            [
                "في", "ال", "25", "من", "ايار", "/", "مايو", "2017", "/", "5",
                "/", "15"
            ]
        );
        assert!(toks[4].is("ايار"));
        let n = crate::normalize("وبايلول للعام");
        let toks = tokenize(n.as_str(), 0);
        assert!(toks[0].is("ايلول"));
        assert!(toks[1].is("العام"));
    }

    /// The gap readers' inline cases ([`lone_punct`] and empty gaps)
    /// give what reading the gap byte by byte gives: tokens, and the
    /// start word or [`Open`] after any `open`, for every ASCII char
    /// alone and with a space on either side or both, between two
    /// words, and for every gap between the words of the test texts.
    #[test]
    fn gap_fast_paths_match_the_byte_walk() {
        let mut gaps: Vec<String> = Vec::new();
        for x in 0..0x80u8 {
            let c = char::from(x);
            for g in [format!("{c}"), format!("{c} "), format!(" {c}")] {
                gaps.push(g);
            }
            gaps.push(format!(" {c} "));
        }
        gaps.push(String::new());
        let mut texts: Vec<String> =
            gaps.iter().map(|g| format!("قصف{g}امس")).collect();
        texts.extend(crate::test_texts::all());
        let x = crate::Extractor::builtin();
        let ascii = ASCII_TOKS.as_slice();
        let entry = vocab::class(vocab::words(), "امس").1;
        // The open below lends this entry to other words' bytes: its
        // `alone` answer is found first from its own word, so that the
        // answer kept for later tests is that word's.
        let _ = vocab::entry_alone_fails(entry, "امس");
        let mut n = 0;
        for text in &texts {
            let p = x.prepare(crate::Input::new(text));
            let norm = p.norm.as_str();
            let len = norm.len();
            let mut bounds = vec![0];
            for w in &p.words {
                bounds.push(w.start);
                bounds.push(w.end);
            }
            bounds.push(len);
            for pair in bounds.chunks(2) {
                let [from, to] = *pair else { continue };
                if from > to || !norm.is_char_boundary(from) {
                    continue;
                }
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                push_gap(norm, from, to, ascii, &mut fast);
                push_gap_slow(norm, from, to, ascii, &mut slow);
                let f: Vec<_> =
                    fast.iter().map(|t| format!("{t:?}")).collect();
                let w: Vec<_> =
                    slow.iter().map(|t| format!("{t:?}")).collect();
                assert_eq!(f, w, "{:?}", &norm[from..to]);
                for open in
                    [None, Some((3, 0, 0, None)), Some((5, 0, 6, entry))]
                {
                    for k in [0, 1, 7] {
                        let fast = start_in_gap(norm, from, to, k, open);
                        let slow = start_in_gap_slow(norm, from, to, k, open);
                        assert_eq!(
                            format!("{fast:?}"),
                            format!("{slow:?}"),
                            "{:?}",
                            &norm[from..to]
                        );
                    }
                }
                n += 1;
            }
        }
        assert!(n > 10_000, "{n}");
    }

    /// The letter run read with the two-byte Arabic letter test ends
    /// where the run of characters of class `Letter` ends, at every char
    /// boundary of the test texts (raw and normalized).
    #[test]
    fn letter_run_matches_the_letter_class() {
        let short_class = SHORT_CLASS.as_slice();
        let mut texts = crate::test_texts::all();
        let normalized: Vec<String> = texts
            .iter()
            .map(|t| crate::normalize(t).as_str().to_string())
            .collect();
        texts.extend(normalized);
        let mut n = 0;
        for text in &texts {
            for (i, _) in text.char_indices() {
                let slow = text[i..]
                    .char_indices()
                    .find(|&(_, c)| class(c) != C::Letter)
                    .map_or(text.len(), |(k, _)| i + k);
                assert_eq!(letter_run_end(short_class, text, i), slow);
                n += 1;
            }
        }
        assert!(n > 50_000);
    }

    /// The key-bit test never rejects a word the token or one of its
    /// forms equals: every known token of the test texts against every
    /// word of the vocabulary and, for each such word, its clitic forms.
    /// A token's forms and key bits, kept with its word's entry, are
    /// those found from its text (none for a token without
    /// [`vocab::WORD`]), on every token of the test texts and every table
    /// word alone and behind clitics.
    #[test]
    fn entry_forms_are_the_tokens_forms() {
        let mut texts = crate::test_texts::all();
        for (w, _) in vocab::words().entries() {
            texts.push(format!("{w} و{w} ب{w} لل{w}"));
        }
        let (mut kept, mut n) = (0, 0);
        for text in &texts {
            let norm = crate::normalize(text);
            for t in tokenize(norm.as_str(), 0) {
                let want = if t.class & vocab::WORD != 0
                    && t.s.chars().next().is_some_and(crate::text::is_letter)
                {
                    let forms = Forms::of(t.s);
                    let mut f = Tok::inert();
                    (f.s, f.forms) = (t.s, forms);
                    (forms, word_bit(t.s) | f.forms_key_bits())
                } else if t.class & vocab::WORD != 0 {
                    (Forms::default(), word_bit(t.s))
                } else {
                    // Compared with no word: no key bits.
                    (Forms::default(), 0)
                };
                assert_eq!((t.forms, t.lens), want, "{}", t.s);
                n += 1;
                kept += usize::from(
                    t.entry.is_some() && t.forms != Forms::default(),
                );
            }
        }
        assert!(n > 10_000 && kept > 500, "{n} {kept}");
    }

    /// The class of a word of the vocabulary table, kept with its entry,
    /// is the class of its own bits and its forms' found each time.
    #[test]
    fn entry_class_is_the_words_class() {
        let words = vocab::words();
        let mut n = 0;
        for (w, e) in words.entries() {
            for c in ["", "و", "ب", "ف", "ل", "ك", "وب", "فل"] {
                let x = format!("{c}{w}");
                let b = x.as_bytes();
                let h = crate::hash::token_hash(b, 0, b.len());
                let (class, entry) = vocab::class_at(words, b, 0, b.len(), h);
                let slow = vocab::class_slow(words, b, 0, b.len(), h);
                assert_eq!(class, slow, "{x}");
                if c.is_empty() {
                    assert!(entry.is_some_and(|x| std::ptr::eq(x, e)), "{x}");
                }
                n += 1;
            }
        }
        assert!(n > 10_000, "{n}");
    }

    /// [`Forms::of`] on bytes finds the forms [`Forms::of_chars`] finds,
    /// for every letter run of the test texts and every word of the
    /// vocabulary, each behind every clitic and pair of clitics, and for
    /// short and mixed-script runs.
    #[test]
    fn forms_on_bytes_are_forms_on_chars() {
        let mut runs: Vec<String> = Vec::new();
        for text in crate::test_texts::all() {
            let n = crate::normalize(&text);
            runs.extend(
                tokenize(n.as_str(), 0).iter().map(|t| t.s.to_string()),
            );
        }
        runs.extend(vocab::words().entries().map(|(w, _)| w.to_string()));
        for w in ["", "ا", "اب", "abc", "ab", "xyz", "éa", "日本語", "ة", "ـ"]
        {
            runs.push(w.to_string());
        }
        let clitics =
            ["", "و", "ف", "ب", "ل", "ك", "لل", "ول", "فب", "ولل", "وك", "بل"];
        let mut n = 0;
        for r in &runs {
            for c in clitics {
                for tail in ["", "a", "é", "日", "ا", "اب"] {
                    let w = format!("{c}{r}{tail}");
                    assert_eq!(Forms::of(&w), Forms::of_chars(&w), "{w}");
                    n += 1;
                }
            }
        }
        assert!(n > 100_000, "{n}");
    }

    #[test]
    fn key_bit_keeps_every_equal_word() {
        let words: Vec<String> =
            vocab::words().entries().map(|(w, _)| w.to_string()).collect();
        let mut n = 0;
        let mut hits = 0;
        for text in crate::test_texts::all() {
            let norm = crate::normalize(&text);
            for t in tokenize(norm.as_str(), 0).iter().filter(|t| t.known()) {
                let mut ws: Vec<&str> =
                    words.iter().map(String::as_str).collect();
                ws.push(t.s);
                for at in [t.forms.conj, t.forms.prep, t.forms.lil] {
                    if let Some(f) = t.form(at) {
                        ws.push(f);
                    }
                }
                let lil = t.form(t.forms.lil).map(|f| ["ال", f].concat());
                ws.extend(lil.as_deref());
                for w in ws {
                    let slow = t.same_or_form(w);
                    assert_eq!(t.is_known(w), slow, "{} {w}", t.s);
                    hits += usize::from(slow);
                    n += 1;
                }
            }
        }
        assert!(n > 1_000_000 && hits > 1_000, "{n} {hits}");
    }

    /// [`table_at`] as it was: every candidate list merged (also when one
    /// list has them all), the two-letter test on the entry's chars. The
    /// reference of the shortcuts.
    fn table_at_merged(table: &Table, toks: &[Tok<'_>], i: usize) -> P<u32> {
        let t = toks.get(i)?;
        if t.class & table.bit == 0 {
            return None;
        }
        let a = t.s.strip_prefix(['و', 'ف']).unwrap_or(t.s);
        let b = a.strip_prefix(['ب', 'ل', 'ك']);
        let lists =
            [Some(t.s), (a.len() < t.s.len()).then_some(a), b].map(|k| {
                k.and_then(|k| table.by_first.get(k)).map_or(&[][..], |v| v)
            });
        let mut next = 0;
        while let Some(k) = lists
            .iter()
            .filter_map(|l| l.iter().copied().find(|&k| k >= next))
            .min()
        {
            next = k + 1;
            let (v, words) = &table.entries[k];
            let matches =
                words.iter().enumerate().all(|(k, w)| match toks.get(i + k) {
                    Some(t) if k == 0 && w.chars().nth(2).is_none() => {
                        t.s == w || t.s.strip_prefix('و') == Some(w.as_str())
                    }
                    Some(t) if k == 0 => t.is(w),
                    Some(t) => t.s == w,
                    None => false,
                });
            if matches {
                return Some((*v, i + words.len()));
            }
        }
        None
    }

    /// [`table_at`] (one candidate list walked alone, the two-letter
    /// test read from the table) finds what the merge of every list
    /// finds, at every word of every name of the four tables, alone,
    /// behind each clitic chain and followed by each second word of the
    /// table (so that names of two words match), and on words that are
    /// no name.
    #[test]
    fn table_at_is_the_merge_of_its_lists() {
        let tables: [&Table; 4] = [
            &GREGORIAN_MONTHS,
            &HIJRI_MONTHS,
            &WEEKDAY_NAMES,
            &DAY_PART_NAMES,
        ];
        let (mut n, mut hits) = (0, 0);
        for table in tables {
            let mut words: Vec<&str> = table
                .entries
                .iter()
                .flat_map(|(_, ws)| ws.iter().map(String::as_str))
                .collect();
            words.extend(["باب", "اب", "وفي", "يوم", "هذا", "2017"]);
            for w in &words {
                for pre in
                    ["", "و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ول"]
                {
                    for next in words.iter().chain(&[""]) {
                        let text = format!("{pre}{w} {next}");
                        let toks = tokenize(&text, 0);
                        for i in 0..toks.len() {
                            let fast = table_at(table, &toks, i);
                            assert_eq!(
                                fast,
                                table_at_merged(table, &toks, i),
                                "{text} at {i}"
                            );
                            n += 1;
                            hits += usize::from(fast.is_some());
                        }
                    }
                }
            }
        }
        assert!(n > 10_000 && hits > 1_000, "{n} {hits}");
    }
}
