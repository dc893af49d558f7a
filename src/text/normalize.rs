//! Orthographic normalization; documented in the parent module.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::Word;
use crate::Span;
use core::ops::Range;

/// A normalized text with its offset map back to the original input.
///
/// Built by [`normalize`]. All offsets are UTF-8 byte offsets; methods that
/// take normalized offsets say so, and every [`Span`] they return is in the
/// original input.
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    original_len: usize,
    pieces: Vec<Piece>,
    /// For every [`BLOCK`] bytes of the normalized text, the index of the
    /// last piece that starts at or before the block's start.
    block_pieces: Vec<usize>,
    quotes: Vec<QuoteMark>,
    /// Where the text holds a [sentence break byte](is_break_byte), in
    /// order.
    breaks: Vec<usize>,
}

/// The stride of [`Normalized`]'s piece index.
const BLOCK: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    norm: usize,
    orig: usize,
    linear: bool,
}

/// A quote mark that normalization turned into white space.
///
/// ```
/// let n = hadath::normalize("قال «نعم»");
/// let marks = n.quote_marks();
/// assert_eq!(marks.len(), 2);
/// assert_eq!(marks[0].direction, hadath::QuoteDirection::Open);
/// assert_eq!(&"قال «نعم»"[marks[1].original], "»");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteMark {
    /// Byte offset in the normalized text of the white space that now
    /// stands where the mark was.
    pub normalized: usize,
    /// The mark itself in the original input.
    pub original: Span,
    /// Whether the mark opens, closes, or could do either.
    pub direction: QuoteDirection,
}

/// Which way a quote mark points, in logical (reading) order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuoteDirection {
    /// Opens a quotation: `«`, `„`, `‹`.
    Open,
    /// Closes a quotation: `»`, `›`.
    Close,
    /// Either, decided by position: `"`, `“`, `”`, `'` and the like, which
    /// Arabic typesetting uses in both directions.
    Either,
}

impl Normalized {
    /// The last piece (and its index) that starts at or before normalized
    /// offset `norm` (`strict`: before it), found from the block index and
    /// a walk over the pieces of one block (a few at most in news text).
    #[inline]
    fn last_piece_by_norm(
        &self,
        norm: usize,
        strict: bool,
    ) -> Option<(usize, Piece)> {
        let key = if strict { norm.checked_sub(1)? } else { norm };
        let last = self.pieces.len().checked_sub(1)?;
        // The last piece at or before the block's start: at or before
        // `key` (the first piece starts at 0), and those after it up to
        // `key` start inside the block.
        let mut i =
            self.block_pieces.get(key / BLOCK).copied().unwrap_or(last);
        let mut p = *self.pieces.get(i)?;
        while let Some(&q) = self.pieces.get(i + 1) {
            if q.norm > key {
                break;
            }
            (i, p) = (i + 1, q);
        }
        Some((i, p))
    }

    /// The last piece (and its index) of those for which `pred` holds, in
    /// a prefix of the pieces (`pred` is monotonic). The first piece
    /// starts at 0 in both texts, so every caller finds one.
    fn last_piece(
        &self,
        pred: impl Fn(&Piece) -> bool,
    ) -> Option<(usize, Piece)> {
        let i = self.pieces.partition_point(pred).checked_sub(1)?;
        self.pieces.get(i).map(|&p| (i, p))
    }

    /// The normalized text.
    ///
    /// ```
    /// assert_eq!(hadath::normalize("إسقاط").as_str(), "اسقاط");
    /// ```
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in bytes of the original input.
    ///
    /// ```
    /// assert_eq!(hadath::normalize("قصفٌ").original_len(), 8);
    /// ```
    #[inline]
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The quote marks that normalization turned into white space, in
    /// order.
    #[inline]
    pub fn quote_marks(&self) -> &[QuoteMark] {
        &self.quotes
    }

    /// Where the text holds a [sentence break byte](is_break_byte), in
    /// order, as normalization wrote them.
    #[inline]
    pub(crate) fn break_bytes(&self) -> &[usize] {
        &self.breaks
    }

    /// Maps a range of **normalized** byte offsets to the span of the
    /// original input that produced it.
    ///
    /// The result lies on `char` boundaries of the original. A range end
    /// that falls at the end of a normalized character takes along the
    /// characters normalization removed after it (diacritics, tatweel,
    /// bidi marks). Offsets past the end are clamped.
    ///
    /// ```
    /// let original = "الطائـرات";
    /// let n = hadath::normalize(original);
    /// assert_eq!(n.as_str(), "الطايرات");
    /// let all = n.original_span(0..n.as_str().len());
    /// assert_eq!(&original[all], original);
    /// ```
    pub fn original_span(&self, range: Range<usize>) -> Span {
        let end = range.end.max(range.start);
        match self.short_span(range.start, end) {
            Some(span) => span,
            None => self.long_span(range.start, end),
        }
    }

    /// [`Normalized::original_span`] of `s..e` by two lookups (a range
    /// [`Normalized::short_span`] does not take): out of line, so that
    /// the short span saves fewer registers.
    #[cold]
    #[inline(never)]
    fn long_span(&self, s: usize, e: usize) -> Span {
        let start = self.original_start(s);
        let end = self.original_end(e);
        Span::new(start, end.max(start))
    }

    /// [`Normalized::original_span`] of `s..e` inside the text: the
    /// start's piece found from the block index, and the end in that
    /// piece when the piece after it (read by that walk) starts at or
    /// after `e`, as most mentions are; else the end's piece found by
    /// stepping on, a few pieces at most (a mention is short), else by
    /// a second lookup (a sentence); `None` to take
    /// [`Normalized::original_start`] and [`Normalized::original_end`].
    #[inline]
    fn short_span(&self, s: usize, e: usize) -> Option<Span> {
        if e <= s || e >= self.text.len() {
            return None;
        }
        // `last_piece_by_norm(s, false)`, keeping the piece after it.
        let last = self.pieces.len().checked_sub(1)?;
        let mut i = self.block_pieces.get(s / BLOCK).copied().unwrap_or(last);
        let mut p = *self.pieces.get(i)?;
        let mut next = self.pieces.get(i + 1);
        while let Some(&q) = next {
            if q.norm > s {
                break;
            }
            (i, p) = (i + 1, q);
            next = self.pieces.get(i + 1);
        }
        let start = if p.linear { p.orig + (s - p.norm) } else { p.orig };
        let end = match next {
            // `e` in the start's piece.
            Some(q) if q.norm >= e => {
                if q.norm == e || !p.linear {
                    q.orig
                } else {
                    p.orig + (e - p.norm)
                }
            }
            None if !p.linear => self.original_len,
            None => p.orig + (e - p.norm),
            Some(_) => self.end_after(i, e)?,
        };
        Some(Span::new(start, end.max(start)))
    }

    /// The original end of a range ending at `e` (inside the text) whose
    /// start lies in piece `i`, when piece `i + 1` starts before `e`: the
    /// last piece that starts before `e` found by stepping on from `i`,
    /// else by a lookup.
    #[inline(never)]
    fn end_after(&self, i: usize, e: usize) -> Option<usize> {
        // The last piece that starts before `e`: `i` or after it.
        let starts_before_e =
            |j: usize| self.pieces.get(j).is_some_and(|q| q.norm < e);
        let mut j = i;
        for _ in 0..4 {
            if !starts_before_e(j + 1) {
                break;
            }
            j += 1;
        }
        if starts_before_e(j + 1) {
            j = self.last_piece_by_norm(e, true)?.0;
        }
        let q = *self.pieces.get(j)?;
        Some(match self.pieces.get(j + 1) {
            Some(next) if next.norm == e || !q.linear => next.orig,
            None if !q.linear => self.original_len,
            _ => q.orig + (e - q.norm),
        })
    }

    /// Maps a normalized byte offset, taken as the *start* of a range, to
    /// an original byte offset.
    ///
    /// ```
    /// let n = hadath::normalize("٢٠ قتيلا");
    /// assert_eq!(n.as_str(), "20 قتيلا");
    /// assert_eq!(n.original_start(3), 5);
    /// ```
    pub fn original_start(&self, norm: usize) -> usize {
        if norm >= self.text.len() || self.pieces.is_empty() {
            return if norm == 0 { 0 } else { self.original_len };
        }
        let Some((_, p)) = self.last_piece_by_norm(norm, false) else {
            return 0;
        };
        if p.linear {
            p.orig + (norm - p.norm)
        } else {
            p.orig
        }
    }

    /// Maps a normalized byte offset, taken as the *end* of a range, to an
    /// original byte offset.
    ///
    /// ```
    /// let n = hadath::normalize("قصفٌ عنيف");
    /// assert_eq!(n.as_str(), "قصف عنيف");
    /// // The end of "قصف" takes the removed tanween along.
    /// assert_eq!(n.original_end(6), 8);
    /// ```
    pub fn original_end(&self, norm: usize) -> usize {
        if norm == 0 || self.pieces.is_empty() {
            return 0;
        }
        if norm >= self.text.len() {
            return self.original_len;
        }
        let Some((i, p)) = self.last_piece_by_norm(norm, true) else {
            return 0;
        };
        let (next_norm, next_orig) = match self.pieces.get(i + 1) {
            Some(q) => (q.norm, q.orig),
            None => (self.text.len(), self.original_len),
        };
        if norm >= next_norm || !p.linear {
            next_orig
        } else {
            p.orig + (norm - p.norm)
        }
    }

    /// Maps a span of the **original** input to the normalized byte range
    /// that covers it: the inverse of [`Normalized::original_span`] for
    /// spans that came from it.
    ///
    /// ```
    /// let original = "قصفٌ على الرَّقَّة";
    /// let n = hadath::normalize(original);
    /// let r = n.normalized_range(hadath::Span::new(16, original.len()));
    /// assert_eq!(&n.as_str()[r], "الرقه");
    /// ```
    pub fn normalized_range(&self, span: Span) -> Range<usize> {
        let start = self.normalized_offset(span.start, false);
        let end = self.normalized_offset(span.end, true);
        start..end.max(start)
    }

    /// The normalized offset of an original offset: for a start, the
    /// beginning of the piece it falls in; for an end, the end of it.
    fn normalized_offset(&self, orig: usize, end: bool) -> usize {
        if self.pieces.is_empty() || orig >= self.original_len {
            return if orig == 0 { 0 } else { self.text.len() };
        }
        let Some((i, p)) = self.last_piece(|p| p.orig <= orig) else {
            return 0;
        };
        let next_norm =
            self.pieces.get(i + 1).map_or(self.text.len(), |q| q.norm);
        if p.linear {
            let n = (p.norm + (orig - p.orig)).min(next_norm);
            // A position inside removed marks after the piece's text.
            if self.text.is_char_boundary(n) {
                return n;
            }
        }
        if end && orig > p.orig {
            next_norm
        } else {
            p.norm
        }
    }

    /// Whether `norm` is a position at which the offset map is exact: a
    /// `char` boundary of the normalized text that does not fall inside a
    /// piece that maps as a whole (such as the expansion of a ligature).
    ///
    /// Ranges whose ends are exact boundaries round-trip: normalizing the
    /// original slice they map to gives back the normalized slice.
    ///
    /// ```
    /// let n = hadath::normalize("ﻻ");
    /// assert_eq!(n.as_str(), "لا");
    /// assert!(n.is_exact_boundary(0));
    /// assert!(!n.is_exact_boundary(2));
    /// assert!(n.is_exact_boundary(4));
    /// ```
    pub fn is_exact_boundary(&self, norm: usize) -> bool {
        if norm == 0 || norm >= self.text.len() {
            return norm <= self.text.len();
        }
        if !self.text.is_char_boundary(norm) {
            return false;
        }
        let Some((_, p)) = self.last_piece_by_norm(norm, false) else {
            return false;
        };
        p.linear || p.norm == norm
    }
}

/// Normalizes Arabic text; see the [`text` module](crate::text) for what
/// is folded and how offsets map back.
///
/// ```
/// let n = hadath::normalize("أكّد المرصد، الثلاثاء");
/// assert_eq!(n.as_str(), "اكد المرصد, الثلاثاء");
/// ```
pub fn normalize(text: &str) -> Normalized {
    build::<true, false>(text).0
}

/// [`normalize`], with every word of the normalized text as
/// [`word_list`](super::word_list) finds it (tested), found while the
/// text is written: a word is a maximal run of word chars, so its ends
/// are the chars written that are none (a space or punctuation unit of a
/// letter run, a char of the char loop).
pub(crate) fn normalize_with_words(text: &str) -> (Normalized, Vec<Word>) {
    build::<true, true>(text)
}

/// [`normalize`]; with `FAST` false every char goes through [`classify`]
/// one by one (the reference the letter-run fast path is tested against);
/// with `WORDS` the word list too (else an empty one).
fn build<const FAST: bool, const WORDS: bool>(
    text: &str,
) -> (Normalized, Vec<Word>) {
    let mut b = Builder::<WORDS> {
        out: String::with_capacity(text.len()),
        // News text makes about one piece per 30 to 40 bytes.
        pieces: Vec::with_capacity(text.len() / 32 + 8),
        // Sized once: news text makes up to about one quote mark in 200
        // bytes.
        quotes: Vec::with_capacity(text.len() / 128 + 4),
        // News text makes about one break byte in 100 bytes.
        breaks: Vec::with_capacity(text.len() / 64 + 4),
        // About one word in eight bytes of Arabic news.
        words: Vec::with_capacity(if WORDS { text.len() / 8 + 1 } else { 0 }),
        word_from: 0,
        not_arabic: 0,
    };
    let mut run: Option<Run> = None;
    let mut prev_latin = false;
    let mut next_pos = 0;
    while let Some(c) = text.get(next_pos..).and_then(|r| r.chars().next()) {
        let pos = next_pos;
        // The text's first piece starts at 0; after removed chars it maps
        // as a whole, and holds the first letter alone (the slow path).
        // A lone space or newline right before a basic letter (after a
        // mark or punctuation the run does not take) is the run's first
        // unit: written as a white space run of one char would be, in the
        // same linear piece (tested against the char loop).
        if FAST
            && (is_basic_letter(c)
                || (matches!(c, ' ' | '\n')
                    && run.is_none()
                    && super::basic_letter_at(text.as_bytes(), pos + 1)))
            && (pos == 0 || !b.pieces.is_empty())
        {
            // The most common case: a run of basic Arabic letters (kept,
            // or folded into another letter of the same length), digits
            // and single spaces, read byte by byte into one linear piece.
            if let Some(r) = run.take() {
                b.flush_run(r, pos);
            }
            prev_latin = false;
            next_pos = b.push_letter_run(text, pos);
            continue;
        }
        let len = c.len_utf8();
        next_pos = pos + len;
        let mut class = classify(c);
        if let Class::Quote(_) = class {
            // An apostrophe inside a Latin word stays a letter.
            let next_latin = text
                .get(next_pos..)
                .and_then(|r| r.chars().next())
                .is_some_and(|n| !is_arabic(n) && super::is_letter(n));
            if (c == '\'' || c == '\u{2019}') && prev_latin && next_latin {
                class = Class::To('\'');
            }
        }
        match class {
            Class::Space | Class::Newline | Class::Quote(_) => {
                let r = run.get_or_insert(Run {
                    start: pos,
                    norm: b.out.len(),
                    newline: false,
                    chars: 0,
                    only: c,
                });
                r.chars += 1;
                r.newline |= class == Class::Newline;
                if let Class::Quote(direction) = class {
                    b.quotes.push(QuoteMark {
                        normalized: r.norm,
                        original: Span::new(pos, pos + len),
                        direction,
                    });
                }
                prev_latin = false;
                continue;
            }
            Class::Delete => {
                // Removed characters belong to whatever came before them,
                // including a white space run in progress.
                continue;
            }
            _ => {}
        }
        if let Some(r) = run.take() {
            b.flush_run(r, pos);
        }
        let was_latin = prev_latin;
        prev_latin = false;
        match class {
            Class::Keep => {
                // A combining mark (the dot of a lower-cased İ) keeps the
                // word it belongs to.
                prev_latin = if is_combining(c) {
                    was_latin
                } else {
                    !is_arabic(c) && super::is_letter(c)
                };
                b.push_char(pos, len, c);
            }
            Class::To(d) => {
                prev_latin = !is_arabic(d) && super::is_letter(d);
                b.push_char(pos, len, d);
            }
            Class::Str(s) => b.push_str(pos, len, s),
            Class::Lower => {
                prev_latin = true;
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => b.push_char(pos, len, l),
                    _ => {
                        let s: String = c.to_lowercase().collect();
                        b.push_str(pos, len, &s);
                    }
                }
            }
            Class::Space
            | Class::Newline
            | Class::Quote(_)
            | Class::Delete => {}
        }
    }
    if let Some(r) = run.take() {
        b.flush_run(r, text.len());
    }
    let mut words = b.words;
    if WORDS {
        let len = b.out.len();
        if len > b.word_from {
            words.push(Word {
                start: b.word_from,
                end: len,
                hash: 0,
                arabic: b.not_arabic <= b.word_from,
            });
        }
        let bytes = b.out.as_bytes();
        for w in &mut words {
            w.hash = crate::hash::token_hash(bytes, w.start, w.end);
        }
    }
    let n = Normalized {
        block_pieces: block_pieces(&b.pieces, b.out.len()),
        text: b.out,
        original_len: text.len(),
        pieces: b.pieces,
        quotes: b.quotes,
        breaks: b.breaks,
    };
    (n, words)
}

/// A byte at which a sentence may end, or where parentheses open or
/// close: `\n` `.` `!` `?` `;` `(` `)` `[` `]`.
#[inline]
pub(crate) const fn is_break_byte(b: u8) -> bool {
    matches!(b, b'\n' | b'(' | b'[' | b')' | b']' | b'.' | b'!' | b'?' | b';')
}

/// [`Normalized`]'s block index of `pieces` over a text of `len` bytes:
/// for each block, the last piece that starts at or before its start,
/// which is the number of pieces after the first that do. Each such
/// piece is counted at the first block that starts at or after it, and
/// the counts summed: no branch on how many pieces a block holds (a walk
/// over the pieces for each block mispredicted its stop).
fn block_pieces(pieces: &[Piece], len: usize) -> Vec<usize> {
    let mut index = vec![0; len / BLOCK + 1];
    for p in pieces.iter().skip(1) {
        if let Some(n) = index.get_mut(p.norm.div_ceil(BLOCK)) {
            *n += 1;
        }
    }
    let mut k = 0;
    for n in &mut index {
        k += *n;
        *n = k;
    }
    index
}

struct Run {
    start: usize,
    norm: usize,
    newline: bool,
    chars: usize,
    only: char,
}

struct Builder<const WORDS: bool> {
    out: String,
    pieces: Vec<Piece>,
    quotes: Vec<QuoteMark>,
    /// Where `out` holds a break byte.
    breaks: Vec<usize>,
    /// The words of `out` so far (with `WORDS`), their hashes not yet
    /// taken.
    words: Vec<Word>,
    /// Where the word being written starts: after the last char written
    /// that is no word char.
    word_from: usize,
    /// The end of the last word char written that is not in
    /// U+0621..U+064A: a word is Arabic if this is at or before its start.
    not_arabic: usize,
}

impl<const WORDS: bool> Builder<WORDS> {
    /// Notes a char that is no word char written at `at`, `next` its end:
    /// the word before it (if any) ends there.
    #[inline]
    fn word_break(&mut self, at: usize, next: usize) {
        if at > self.word_from {
            self.words.push(Word {
                start: self.word_from,
                end: at,
                hash: 0,
                arabic: self.not_arabic <= self.word_from,
            });
        }
        self.word_from = next;
    }

    /// Notes the char `c` written at `at` for the word list.
    #[inline]
    fn note(&mut self, at: usize, c: char) {
        if !WORDS {
            return;
        }
        let next = at + c.len_utf8();
        if !super::is_word_char(c) {
            self.word_break(at, next);
        } else if !('\u{0621}'..='\u{064A}').contains(&c) {
            self.not_arabic = next;
        }
    }

    /// Whether a unit starting at `orig` continues the last linear piece.
    fn continues(&self, orig: usize) -> bool {
        match self.pieces.last() {
            Some(p) if p.linear => p.orig + (self.out.len() - p.norm) == orig,
            _ => false,
        }
    }

    fn open_piece(&mut self, orig: usize, same_len: bool) {
        if same_len && self.continues(orig) {
            return;
        }
        // The first piece always starts at original offset 0, so that
        // removed characters at the very start belong to it.
        let (orig, linear) = if self.pieces.is_empty() {
            (0, same_len && orig == 0)
        } else {
            (orig, same_len)
        };
        self.pieces.push(Piece { norm: self.out.len(), orig, linear });
    }

    fn push_char(&mut self, orig: usize, orig_len: usize, c: char) {
        self.open_piece(orig, c.len_utf8() == orig_len);
        self.note(self.out.len(), c);
        self.note_break(c);
        self.out.push(c);
    }

    /// Notes `c`, about to be written, if it is a break byte.
    #[inline]
    fn note_break(&mut self, c: char) {
        if u8::try_from(c).is_ok_and(is_break_byte) {
            self.breaks.push(self.out.len());
        }
    }

    /// Pushes the run of basic letters (folded), ASCII digits and
    /// punctuation kept as they are (see [`plain_ascii`]) and single
    /// spaces between them that starts at byte `from` of `text` (a letter,
    /// or a space or newline before one); returns where it ends. Every unit keeps its length, so the run is one
    /// linear piece (or the continuation of the last one), exactly as if
    /// each unit were pushed alone: the piece list is touched once, and a
    /// folded letter is written in place of its bytes.
    ///
    /// An Arabic comma is written as the char loop would (`,` in a piece
    /// that maps as a whole) and the run goes on after it in a new piece
    /// if it takes the unit there; so does it after white space it does
    /// not take (see [`Builder::push_gap`]).
    ///
    /// Out of line: its loop keeps its state in registers instead of
    /// sharing them with the char loop's.
    #[inline(never)]
    fn push_letter_run(&mut self, text: &str, mut from: usize) -> usize {
        let bytes = text.as_bytes();
        'run: loop {
            let (mut stop, mut comma) = self.push_one_run(text, from);
            loop {
                if !comma {
                    match self.push_gap(text, stop) {
                        Some((next, false)) => {
                            from = next;
                            continue 'run;
                        }
                        Some((next, true)) => stop = next,
                        None => return stop,
                    }
                }
                // An Arabic comma at `stop`, after a unit taken for good
                // or white space written as the char loop would.
                let at = self.out.len();
                self.pieces.push(Piece {
                    norm: at,
                    orig: stop,
                    linear: false,
                });
                if WORDS {
                    self.word_break(at, at + 1);
                }
                self.out.push(',');
                stop += 2;
                if takes(bytes, stop) {
                    from = stop;
                    continue 'run;
                }
                comma = false;
            }
        }
    }

    /// Where a letter run stopped at `i` after a unit taken for good: a
    /// white space run of spaces, newlines and quote marks there, of two
    /// chars or more or with a quote mark, followed by a unit the run
    /// takes for good or an Arabic comma, is written as the char loop
    /// writes it (its marks recorded, one space or newline in a piece
    /// that maps as a whole); returns where the run goes on and whether
    /// a comma stands there, `None` (nothing written) for any other
    /// shape.
    #[inline]
    fn push_gap(&mut self, text: &str, i: usize) -> Option<(usize, bool)> {
        let bytes = text.as_bytes();
        let at = self.out.len();
        let marks = self.quotes.len();
        let mut j = i;
        let mut newline = false;
        loop {
            match bytes.get(j) {
                Some(b' ') => j += 1,
                Some(b'\n') => {
                    newline = true;
                    j += 1;
                }
                _ => {
                    let Some((direction, len)) = super::char_at(text, j)
                        .and_then(|(c, len)| Some((quote_direction(c)?, len)))
                    else {
                        break;
                    };
                    self.quotes.push(QuoteMark {
                        normalized: at,
                        original: Span::new(j, j + len),
                        direction,
                    });
                    j += len;
                }
            }
        }
        // A single space or newline maps as itself (the run takes a space
        // before a unit it takes).
        let quoted = self.quotes.len() > marks;
        let unit = bytes
            .get(j..)
            .and_then(|r| r.first_chunk::<2>())
            .and_then(|pair| {
                RUN_UNITS.get(usize::from(u16::from_le_bytes(*pair)))
            })
            .copied()
            .unwrap_or(0);
        let comma = unit & UNIT_STEP == 0 && unit & UNIT_COMMA != 0;
        if (unit & UNIT_STEP == 0 && !comma) || (j - i < 2 && !quoted) {
            self.quotes.truncate(marks);
            return None;
        }
        self.pieces.push(Piece { norm: at, orig: i, linear: false });
        if WORDS {
            self.word_break(at, at + 1);
        }
        if newline {
            self.breaks.push(at);
            self.out.push('\n');
        } else {
            self.out.push(' ');
        }
        Some((j, comma))
    }

    /// [`Builder::push_letter_run`] up to its first Arabic comma: where
    /// it ends, and whether an Arabic comma stands there.
    #[inline(always)]
    fn push_one_run(&mut self, text: &str, from: usize) -> (usize, bool) {
        self.open_piece(from, true);
        // `text[i]` (a unit taken) is written at `i + shift`.
        let mut shift = self.out.len().wrapping_sub(from);
        let bytes = text.as_bytes();
        // `text[copied..]` up to the unit being read is not yet pushed.
        let mut copied = from;
        // The last unit taken.
        let mut last = 0;
        let mut i = from;
        let comma = loop {
            // The letters kept as they are (the common case): word chars
            // of U+0621..U+064A, nothing to write or note.
            let (j, unit) = skip_kept(bytes, i);
            if j != i {
                last = 2;
            }
            i = j;
            if unit & UNIT_FOLDED != 0 {
                self.push_bytes_of(text, copied, i);
                self.push_folded(unit);
                copied = i + 2;
            }
            let step = unit & UNIT_STEP;
            if step == 0 {
                // Removed marks after a unit taken for good: the run goes
                // on after them in a new piece, as the char loop would
                // start it there.
                if unit & UNIT_MARK != 0 && last & UNIT_PROVISIONAL == 0 {
                    if let Some(j) = self.skip_marks(text, copied, i) {
                        // `at` below: `text[j]` is written where `text[i]`
                        // would have been.
                        shift = shift.wrapping_sub(j - i);
                        (copied, i) = (j, j);
                        continue;
                    }
                }
                // An Arabic comma right after a unit taken for good.
                break unit & UNIT_COMMA != 0 && last & UNIT_PROVISIONAL == 0;
            }
            last = unit;
            let at = i.wrapping_add(shift);
            if unit & UNIT_BREAK != 0 {
                if WORDS {
                    self.word_break(at, at + 1);
                }
                if unit & UNIT_SENTENCE != 0 {
                    self.breaks.push(at);
                }
            } else if WORDS && unit & UNIT_DIGIT != 0 {
                self.not_arabic = at + 1;
            }
            i += usize::from(step);
        };
        // A space or newline taken last before a lead byte is followed by
        // no letter: not ours (the char loop writes it and notes its word
        // break again, which changes nothing, and its break byte, noted
        // here no more).
        let end = i - usize::from(last & UNIT_PROVISIONAL != 0);
        if last & (UNIT_PROVISIONAL | UNIT_SENTENCE)
            == UNIT_PROVISIONAL | UNIT_SENTENCE
        {
            self.breaks.pop();
        }
        self.push_bytes_of(text, copied, end);
        (end, comma)
    }

    /// At removed marks at `i` that a letter run goes on after (see
    /// [`marks_end`]): pushes `text[copied..i]`, opens the piece the char
    /// loop would open after the marks, and returns where they end.
    #[cold]
    #[inline(never)]
    fn skip_marks(
        &mut self,
        text: &str,
        copied: usize,
        i: usize,
    ) -> Option<usize> {
        let j = marks_end(text.as_bytes(), i)?;
        self.push_bytes_of(text, copied, i);
        let norm = self.out.len();
        self.pieces.push(Piece { norm, orig: j, linear: true });
        Some(j)
    }

    /// Appends `text[start..end]` (no piece is opened).
    #[inline]
    fn push_bytes_of(&mut self, text: &str, start: usize, end: usize) {
        if let Some(s) = text.get(start..end).filter(|s| !s.is_empty()) {
            self.out.push_str(s);
        }
    }

    /// Appends the fold of a folded letter by its [`RUN_UNITS`] entry
    /// `unit` (no piece is opened).
    #[inline]
    fn push_folded(&mut self, unit: u8) {
        // Each arm two bytes: the copy's length is known.
        self.out.push_str(match unit >> UNIT_TARGET {
            0 => "ا",
            1 => "ي",
            2 => "ه",
            _ => "و",
        });
    }

    fn push_str(&mut self, orig: usize, orig_len: usize, s: &str) {
        let single = s.chars().count() == 1;
        self.open_piece(orig, single && s.len() == orig_len);
        if WORDS {
            for (k, c) in s.char_indices() {
                self.note(self.out.len() + k, c);
            }
        }
        for (k, b) in s.bytes().enumerate() {
            if is_break_byte(b) {
                self.breaks.push(self.out.len() + k);
            }
        }
        self.out.push_str(s);
    }

    #[inline(always)]
    fn flush_run(&mut self, run: Run, end: usize) {
        let out = if run.newline { '\n' } else { ' ' };
        let verbatim = run.chars == 1 && run.only == out;
        if verbatim {
            self.push_char(run.start, end - run.start, out);
        } else {
            // The whole run, with any removed marks inside, maps as one.
            if self.pieces.is_empty() {
                self.pieces.push(Piece { norm: 0, orig: 0, linear: false });
            } else {
                self.pieces.push(Piece {
                    norm: self.out.len(),
                    orig: run.start,
                    linear: false,
                });
            }
            // A space or newline: no word char, a break byte if a newline
            // (what note and note_break find for it).
            let at = self.out.len();
            if WORDS {
                self.word_break(at, at + 1);
            }
            if run.newline {
                self.breaks.push(at);
            }
            self.out.push(out);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Keep,
    To(char),
    Str(&'static str),
    Lower,
    Delete,
    Space,
    Newline,
    Quote(QuoteDirection),
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Base letters of the Arabic Presentation Forms-B block, from U+FE80 on,
/// as (first code point, number of forms, base letter).
const FORMS_B: &[(u32, u32, char)] = &[
    (0xFE80, 1, 'ء'),
    (0xFE81, 2, 'آ'),
    (0xFE83, 2, 'أ'),
    (0xFE85, 2, 'ؤ'),
    (0xFE87, 2, 'إ'),
    (0xFE89, 4, 'ئ'),
    (0xFE8D, 2, 'ا'),
    (0xFE8F, 4, 'ب'),
    (0xFE93, 2, 'ة'),
    (0xFE95, 4, 'ت'),
    (0xFE99, 4, 'ث'),
    (0xFE9D, 4, 'ج'),
    (0xFEA1, 4, 'ح'),
    (0xFEA5, 4, 'خ'),
    (0xFEA9, 2, 'د'),
    (0xFEAB, 2, 'ذ'),
    (0xFEAD, 2, 'ر'),
    (0xFEAF, 2, 'ز'),
    (0xFEB1, 4, 'س'),
    (0xFEB5, 4, 'ش'),
    (0xFEB9, 4, 'ص'),
    (0xFEBD, 4, 'ض'),
    (0xFEC1, 4, 'ط'),
    (0xFEC5, 4, 'ظ'),
    (0xFEC9, 4, 'ع'),
    (0xFECD, 4, 'غ'),
    (0xFED1, 4, 'ف'),
    (0xFED5, 4, 'ق'),
    (0xFED9, 4, 'ك'),
    (0xFEDD, 4, 'ل'),
    (0xFEE1, 4, 'م'),
    (0xFEE5, 4, 'ن'),
    (0xFEE9, 4, 'ه'),
    (0xFEED, 2, 'و'),
    (0xFEEF, 2, 'ى'),
    (0xFEF1, 4, 'ي'),
];

/// The first unit at or after `i` that is not a letter kept as it is
/// (a [`RUN_UNITS`] entry of 2): its offset and its entry, 0 when fewer
/// than two bytes are left. Eight bytes are read at once and their four
/// pairs looked up in turn; the last pair alone (tested against
/// [`skip_kept_pairwise`]).
#[inline(always)]
fn skip_kept(bytes: &[u8], mut i: usize) -> (usize, u8) {
    let unit = |pair: u64| RUN_UNITS.get(usize::from(pair as u16)).copied();
    // Eight bytes from `i` while `i` is below this.
    let below = bytes.len().saturating_sub(7);
    while i < below {
        let Some(&eight) = bytes.get(i..i + 8).and_then(|r| r.first_chunk())
        else {
            break;
        };
        let x = u64::from_le_bytes(eight);
        for k in 0..4 {
            let u = unit(x >> (16 * k)).unwrap_or(0);
            if u != 2 {
                return (i + 2 * k, u);
            }
        }
        i += 8;
    }
    while let Some(&two) = bytes.get(i..).and_then(|r| r.first_chunk::<2>()) {
        let u = unit(u64::from(u16::from_le_bytes(two))).unwrap_or(0);
        if u != 2 {
            return (i, u);
        }
        i += 2;
    }
    (i, 0)
}

/// Where the removed marks (tatweel and U+064B..U+065F, two bytes each)
/// that start at `i` end, if there are any and a letter run takes the
/// unit after them for good (a letter, digit or punctuation, or a space
/// or newline before a letter): the run goes on there.
#[inline]
fn marks_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while let Some(&[0xD9, b]) = bytes.get(j..).and_then(|r| r.first_chunk()) {
        if b != 0x80 && !(0x8B..=0x9F).contains(&b) {
            break;
        }
        j += 2;
    }
    (j > i && takes(bytes, j)).then_some(j)
}

/// Whether a letter run takes the unit at `i` for good: a letter, digit
/// or punctuation, or a space or newline before a letter.
#[inline]
fn takes(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i..)
        .and_then(|r| r.first_chunk::<2>())
        .and_then(|pair| RUN_UNITS.get(usize::from(u16::from_le_bytes(*pair))))
        .is_some_and(|unit| {
            unit & UNIT_STEP != 0
                && (unit & UNIT_PROVISIONAL == 0
                    || super::basic_letter_at(bytes, i + 1))
        })
}

/// A letter of the two letter ranges of the Arabic block, which
/// normalization keeps or folds into another letter of the same UTF-8
/// length.
#[inline]
const fn is_basic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// What normalization writes for the basic letter (see
/// [`is_basic_letter`]) that two bytes encode, both as big-endian `u16`
/// UTF-8 pairs (`0xD8A3` is `أ`, folded to `0xD8A7`, `ا`); 0 when the
/// bytes encode no basic letter. Tested without a branch on the lead byte.
#[cfg(test)]
fn folded_pair(pair: u16) -> u16 {
    // A lead byte 0xD8 or 0xD9, then a continuation byte.
    if pair & 0xFEC0 != 0xD880 {
        return 0;
    }
    FOLDED_PAIRS.get(pair_index(pair)).copied().unwrap_or(0)
}

/// The slot of a 0xD8/0xD9-led pair in [`FOLDED_PAIRS`]: the lead byte's
/// last bit, then the continuation byte's six bits.
#[cfg(test)]
const fn pair_index(pair: u16) -> usize {
    (((pair >> 2) & 0x40) | (pair & 0x3F)) as usize
}

/// [`RUN_UNITS`]: how many bytes the unit starting with a pair takes: 2
/// for a basic letter, 1 for a [`plain_ascii`] byte or a space before one
/// or a space or newline before a 0xD8/0xD9 lead byte; 0 for the run's
/// end.
const UNIT_STEP: u8 = 3;
/// [`RUN_UNITS`]: a space or newline before a lead byte, which belongs to
/// the run only if a letter follows (a single newline is written as it
/// is, in the same linear piece, by the char loop too).
const UNIT_PROVISIONAL: u8 = 8;
/// [`RUN_UNITS`]: the pair is a basic letter that is folded.
const UNIT_FOLDED: u8 = 4;
/// [`RUN_UNITS`]: a one-byte unit that is no word char (a space or
/// punctuation): a word ends there.
const UNIT_BREAK: u8 = 16;
/// [`RUN_UNITS`]: a one-byte unit that is an ASCII digit: a word char,
/// not an Arabic letter.
const UNIT_DIGIT: u8 = 32;
/// [`RUN_UNITS`]: the Arabic comma `،` (ends the run, step 0).
const UNIT_COMMA: u8 = 64;
/// [`RUN_UNITS`]: a one-byte [`UNIT_BREAK`] that is a [sentence break
/// byte](is_break_byte).
const UNIT_SENTENCE: u8 = 128;
/// [`RUN_UNITS`]: a removed mark (tatweel, U+064B..U+065F), which ends
/// the run (step 0) unless [`marks_end`] lets it go on after the marks.
/// The bit of [`UNIT_DIGIT`], which only units of a non-zero step use.
const UNIT_MARK: u8 = 32;
/// [`RUN_UNITS`]: of a folded letter, the index in [`FOLD_TARGETS`] of
/// its fold, in the bits from this one on (those of [`UNIT_COMMA`] and
/// [`UNIT_SENTENCE`], which only units of other steps use).
const UNIT_TARGET: u32 = 6;

/// The letters basic letters fold into, by their [`UNIT_TARGET`] bits.
const FOLD_TARGETS: [&str; 4] = ["ا", "ي", "ه", "و"];

/// What a letter run does with the unit starting with a pair of bytes,
/// indexed by the pair read little-endian (the first byte low): its
/// [`UNIT_STEP`], [`UNIT_FOLDED`], [`UNIT_PROVISIONAL`], [`UNIT_BREAK`],
/// [`UNIT_DIGIT`], [`UNIT_SENTENCE`], [`UNIT_COMMA`] and [`UNIT_MARK`]
/// bits (tested against [`folded_pair`] for every pair); a letter kept as
/// it is, 2 alone.
static RUN_UNITS: [u8; 0x10000] = run_units();

const fn run_units() -> [u8; 0x10000] {
    let mut table = [0; 0x10000];
    let mut pair: u32 = 0;
    let mut rest: &mut [u8] = &mut table;
    while let [slot, tail @ ..] = rest {
        // The big-endian pair: the first byte high.
        let p = (pair as u16).swap_bytes();
        let out = folded_pair_const(p);
        *slot = if out == p && out != 0 {
            2
        } else if out != 0 {
            2 | UNIT_FOLDED | fold_target(out) << UNIT_TARGET
        } else if p & 0xFFFE == 0x20D8 {
            // A space, then 0xD8 or 0xD9.
            1 | UNIT_PROVISIONAL | UNIT_BREAK
        } else if p & 0xFFFE == 0x0AD8 {
            // A newline, then 0xD8 or 0xD9.
            1 | UNIT_PROVISIONAL | UNIT_BREAK | UNIT_SENTENCE
        } else if plain_ascii((p >> 8) as u8) {
            if (p >> 8) as u8 >= b'0' && (p >> 8) as u8 <= b'9' {
                1 | UNIT_DIGIT
            } else if is_break_byte((p >> 8) as u8) {
                1 | UNIT_BREAK | UNIT_SENTENCE
            } else {
                1 | UNIT_BREAK
            }
        } else if p >> 8 == 0x20 && plain_ascii(p as u8) {
            1 | UNIT_BREAK
        } else if p == 0xD88C {
            UNIT_COMMA
        } else if p == 0xD980 || (p >= 0xD98B && p <= 0xD99F) {
            UNIT_MARK
        } else {
            0
        };
        pair += 1;
        rest = tail;
    }
    table
}

/// An ASCII byte that normalization keeps as it is in its own linear
/// piece, leaving the Latin-word state false, and that starts no white
/// space run: digits and punctuation but the quote marks (no letters,
/// controls, spaces or DEL).
const fn plain_ascii(b: u8) -> bool {
    b > 0x20
        && b < 0x7F
        && !b.is_ascii_alphabetic()
        && !matches!(b, b'"' | b'\'' | b'`')
}

/// [`folded_pair`] in a constant context.
const fn folded_pair_const(pair: u16) -> u16 {
    if pair & 0xFEC0 != 0xD880 {
        return 0;
    }
    match char::from_u32(
        ((pair as u32 >> 8) & 0x1F) << 6 | (pair as u32 & 0x3F),
    ) {
        Some(c) if is_basic_letter(c) => {
            let f = fold_letter(c) as u32;
            (((0xC0 | (f >> 6)) << 8) | (0x80 | (f & 0x3F))) as u16
        }
        _ => 0,
    }
}

/// [`folded_pair`] as a table, by [`pair_index`].
#[cfg(test)]
static FOLDED_PAIRS: [u16; 128] = folded_pairs();

#[cfg(test)]
const fn folded_pairs() -> [u16; 128] {
    let mut table = [0; 128];
    let mut i = 0;
    let mut rest: &mut [u16] = &mut table;
    while let [slot, tail @ ..] = rest {
        // Slot i: lead byte 0xD8 + i / 64, continuation byte 0x80 + i % 64.
        *slot =
            folded_pair_const((0xD880 + ((i >> 6) << 8) + (i & 0x3F)) as u16);
        i += 1;
        rest = tail;
    }
    table
}

/// The index in [`FOLD_TARGETS`] of the letter a pair that
/// [`folded_pair`] writes for a folded letter encodes (tested against
/// [`fold_letter`]).
const fn fold_target(pair: u16) -> u8 {
    let mut k = 0;
    let mut targets: &[&str] = &FOLD_TARGETS;
    while let [t, rest @ ..] = targets {
        if let [a, b] = *t.as_bytes() {
            if u16::from_be_bytes([a, b]) == pair {
                return k;
            }
        }
        k += 1;
        targets = rest;
    }
    0
}

/// The char a two-byte UTF-8 pair from [`folded_pair`] encodes.
#[cfg(test)]
fn pair_char(pair: u16) -> Option<char> {
    char::from_u32((u32::from(pair >> 8) & 0x1F) << 6 | u32::from(pair & 0x3F))
}

/// Folds one letter (after presentation forms are resolved).
const fn fold_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' | '\u{0675}' => {
            'ا'
        }
        'ى' | 'ئ' | 'ی' | '\u{06D0}' | '\u{06CD}' => 'ي',
        'ة' | 'ۀ' | 'ہ' | 'ە' | 'ھ' | '\u{06C3}' => 'ه',
        'ؤ' | '\u{0676}' => 'و',
        'ک' | 'ڪ' | 'گ' => 'ك',
        'پ' => 'ب',
        'چ' => 'ج',
        'ژ' => 'ز',
        'ڤ' | '\u{06A5}' => 'ف',
        other => other,
    }
}

/// The direction of a quote mark, `None` for any other char (what
/// [`classify`] makes a [`Class::Quote`]; tested for every char that no
/// other class takes first).
#[inline]
fn quote_direction(c: char) -> Option<QuoteDirection> {
    match c {
        '"' | '\'' | '`' | '\u{201C}' | '\u{201D}' | '\u{201F}'
        | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{FF02}' | '\u{FF07}' => {
            Some(QuoteDirection::Either)
        }
        '\u{00AB}' | '\u{2039}' | '\u{201E}' | '\u{201A}' => {
            Some(QuoteDirection::Open)
        }
        '\u{00BB}' | '\u{203A}' => Some(QuoteDirection::Close),
        _ => None,
    }
}

fn classify(c: char) -> Class {
    match c {
        // Letters that need no work: the common case first.
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => {
            let f = fold_letter(c);
            if f == c {
                Class::Keep
            } else {
                Class::To(f)
            }
        }
        'a'..='z' | '0'..='9' => Class::Keep,
        'A'..='Z' => Class::To(c.to_ascii_lowercase()),
        ' ' => Class::Space,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}'
        | '\u{2029}' => Class::Newline,
        '\t'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Class::Space,
        // Tashkeel, Quranic annotation marks, superscript alef, tatweel.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}'
        | '\u{0640}'
        | '\u{FE70}'..='\u{FE7F}' => Class::Delete,
        // Bidi controls, zero-width characters, soft hyphen, BOM,
        // variation selectors, Arabic letter mark.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}'
        | '\u{034F}'
        | '\u{180E}'
        | '\u{FE00}'..='\u{FE0F}' => Class::Delete,
        '\u{0660}'..='\u{0669}' => {
            Class::To(char::from(b'0' + (c as u32 - 0x0660) as u8))
        }
        '\u{06F0}'..='\u{06F9}' => {
            Class::To(char::from(b'0' + (c as u32 - 0x06F0) as u8))
        }
        '\u{066B}' | '\u{06D4}' => Class::To('.'),
        '\u{066C}' | '\u{060C}' => Class::To(','),
        '\u{061B}' => Class::To(';'),
        '\u{061F}' => Class::To('?'),
        '\u{066A}' => Class::To('%'),
        '\u{066D}' => Class::To('*'),
        '\u{FD3E}' => Class::To('('),
        '\u{FD3F}' => Class::To(')'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Class::To('-'),
        // Lam-alef ligatures.
        '\u{FEF5}'..='\u{FEFC}' => Class::Str("لا"),
        '\u{FDF2}' => Class::Str("الله"),
        '\u{FE80}'..='\u{FEF4}' => {
            let cp = c as u32;
            FORMS_B
                .iter()
                .find(|&&(first, n, _)| cp >= first && cp < first + n)
                .map_or(Class::Keep, |&(_, _, base)| {
                    Class::To(fold_letter(base))
                })
        }
        c if c.is_uppercase() => Class::Lower,
        c if c.is_whitespace() => Class::Space,
        _ => {
            if let Some(d) = quote_direction(c) {
                return Class::Quote(d);
            }
            let f = fold_letter(c);
            if f == c {
                Class::Keep
            } else {
                Class::To(f)
            }
        }
    }
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

    /// One line per case: input, expected normalized text.
    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let n = normalize($input);
                assert_eq!(n.as_str(), $expected, "input {:?}", $input);
                check_map($input, &n);
            }
        };
    }

    /// Every exact normalized range maps to an original slice on char
    /// boundaries whose normalization is the normalized slice.
    pub(crate) fn check_map(original: &str, n: &Normalized) {
        let text = n.as_str();
        let bounds: Vec<usize> =
            (0..=text.len()).filter(|&i| n.is_exact_boundary(i)).collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in bounds.iter().skip(k).take(6) {
                let span = n.original_span(a..b);
                let slice = original
                    .get(span.range())
                    .unwrap_or_else(|| panic!("span {span} off boundary"));
                let again = normalize(slice);
                let want = &text[a..b];
                // An apostrophe is a letter only between two Latin
                // letters: at a slice edge it has lost its context.
                if want.starts_with('\'') || want.ends_with('\'') {
                    continue;
                }
                // White space runs may be cut differently at the edges of
                // a slice; compare with them trimmed.
                assert_eq!(
                    again.as_str().trim_matches([' ', '\n']),
                    want.trim_matches([' ', '\n']),
                    "range {a}..{b} -> {span} of {original:?}"
                );
            }
        }
    }

    /// The byte table of the letter-run fast path answers like decoding
    /// the two bytes, for every pair.
    #[test]
    fn basic_letter_table_matches_decoding() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let decoded = core::str::from_utf8(&[a, b])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .filter(|&c| c.len_utf8() == 2 && is_basic_letter(c));
                let pair = folded_pair(u16::from_be_bytes([a, b]));
                let expected = decoded.map(fold_letter);
                assert_eq!(
                    (pair != 0).then(|| pair_char(pair)).flatten(),
                    expected,
                    "{a:#x} {b:#x}"
                );
                if let Some(f) = expected {
                    let mut buf = [0; 4];
                    assert_eq!(
                        f.encode_utf8(&mut buf).as_bytes(),
                        pair.to_be_bytes()
                    );
                }
            }
        }
    }

    /// The run-unit table says for each pair: a basic letter (folded or
    /// not) is two bytes; a space before a possible letter's lead byte
    /// one, provisionally; an ASCII digit or punctuation that normalizes
    /// to itself (no quote mark), or a space before one, one.
    #[test]
    fn run_units_match_folded_pair() {
        for pair in 0..=u16::MAX {
            let out = folded_pair(pair);
            let [hi, lo] = pair.to_be_bytes();
            let plain = |b: u8| {
                b.is_ascii()
                    && crate::text::normalize(&char::from(b).to_string())
                        .as_str()
                        == char::from(b).to_string()
                    && !b.is_ascii_alphabetic()
                    && !b.is_ascii_control()
                    && !matches!(b, b' ' | b'"' | b'\'' | b'`')
            };
            let want = if out == 0 {
                if hi == b' ' && lo & 0xFE == 0xD8 {
                    1 | UNIT_PROVISIONAL | UNIT_BREAK
                } else if hi == b'\n' && lo & 0xFE == 0xD8 {
                    1 | UNIT_PROVISIONAL | UNIT_BREAK | UNIT_SENTENCE
                } else if plain(hi) && hi.is_ascii_digit() {
                    1 | UNIT_DIGIT
                } else if plain(hi) && b"\n.!?;()[]".contains(&hi) {
                    1 | UNIT_BREAK | UNIT_SENTENCE
                } else if plain(hi) || (hi == b' ' && plain(lo)) {
                    1 | UNIT_BREAK
                } else if [hi, lo] == *"،".as_bytes() {
                    UNIT_COMMA
                } else if hi == 0xD9
                    && (lo == 0x80 || (0x8B..=0x9F).contains(&lo))
                {
                    UNIT_MARK
                } else {
                    0
                }
            } else if out == pair {
                2
            } else {
                let target = FOLD_TARGETS
                    .iter()
                    .position(|t| t.chars().next() == pair_char(out))
                    .unwrap() as u8;
                2 | UNIT_FOLDED | target << UNIT_TARGET
            };
            assert_eq!(
                RUN_UNITS[usize::from(pair.swap_bytes())],
                want,
                "{pair:#x}"
            );
        }
    }

    /// The run asks [`marks_end`] only at a [`UNIT_MARK`] unit: at any
    /// other pair it finds no marks, whatever follows.
    #[test]
    fn marks_end_only_at_mark_units() {
        for pair in 0..=u16::MAX {
            let [a, b] = pair.to_le_bytes();
            let unit = RUN_UNITS[usize::from(pair)];
            for next in ["", "ب", " ب", "،", "x", "\u{064B}ب"] {
                let mut bytes = vec![a, b];
                bytes.extend_from_slice(next.as_bytes());
                if marks_end(&bytes, 0).is_some() {
                    assert_ne!(unit & UNIT_MARK, 0, "{pair:#x} {next:?}");
                    assert_eq!(unit & UNIT_STEP, 0, "{pair:#x}");
                }
            }
        }
    }

    /// The strings written for folded letters are their folds.
    #[test]
    fn folded_strs_are_the_folds() {
        for code in 0x0600..0x0680 {
            let Some(c) = char::from_u32(code) else { continue };
            if !is_basic_letter(c) || fold_letter(c) == c {
                continue;
            }
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let pair = u16::from_be_bytes([bytes[0], bytes[1]]);
            let unit = RUN_UNITS[usize::from(pair.swap_bytes())];
            assert_ne!(unit & UNIT_FOLDED, 0, "{c}");
            let target = FOLD_TARGETS[usize::from(unit >> UNIT_TARGET)];
            assert_eq!(target, fold_letter(c).to_string(), "{c}");
            let mut b = Builder::<false> {
                out: String::new(),
                pieces: Vec::new(),
                quotes: Vec::new(),
                breaks: Vec::new(),
                words: Vec::new(),
                word_from: 0,
                not_arabic: 0,
            };
            b.push_folded(unit);
            assert_eq!(b.out, target, "{c}");
        }
    }

    /// [`skip_kept`] one pair at a time: the reference of its eight-byte
    /// reads.
    fn skip_kept_pairwise(bytes: &[u8], mut i: usize) -> (usize, u8) {
        while let [a, b, ..] = bytes[i..] {
            let u = RUN_UNITS[usize::from(u16::from_le_bytes([a, b]))];
            if u != 2 {
                return (i, u);
            }
            i += 2;
        }
        (i, 0)
    }

    /// The eight-byte reads of [`skip_kept`] stop where the pair loop
    /// does, with its unit, from every byte of every test text.
    #[test]
    fn skip_kept_matches_pairwise_on_texts() {
        for text in crate::test_texts::all() {
            let bytes = text.as_bytes();
            for i in 0..=bytes.len() {
                assert_eq!(
                    skip_kept(bytes, i),
                    skip_kept_pairwise(bytes, i),
                    "{i} of {text:?}"
                );
            }
        }
    }

    /// ... and with every pair of bytes (every two-byte code point among
    /// them) at every offset of the eight bytes read, between kept
    /// letters, from both parities and with every length of tail.
    #[test]
    fn skip_kept_matches_pairwise_on_every_pair() {
        let kept = "بابلمنيوتع".as_bytes();
        for pair in 0..=u16::MAX {
            for at in 0..8 {
                for len in [at + 2, 8, 9, 10, 11, 13, 16, 18] {
                    if len < at + 2 || len > kept.len() {
                        continue;
                    }
                    let mut buf = kept[..len].to_vec();
                    buf[at..at + 2].copy_from_slice(&pair.to_be_bytes());
                    for from in 0..2 {
                        assert_eq!(
                            skip_kept(&buf, from),
                            skip_kept_pairwise(&buf, from),
                            "{pair:#x} at {at}, {len} bytes, from {from}"
                        );
                    }
                }
            }
        }
    }

    /// Texts the fast paths must treat like the char-by-char reference:
    /// every article and peer-suite string, and hostile shapes.
    fn fast_path_material() -> Vec<String> {
        let mut texts = crate::test_texts::all();
        texts.extend(
            [
                "قصفٌ على الرَّقَّة ٢٠١٧\u{FEFF}ﻻ «قسد» ok  a\n\nإسقاط ـــ",
                "أ إ آ ى ة ؤ ئ أإآىةؤئ  أ\nة\t ى \u{A0}ئ",
                "ة",
                "أ",
                " أ",
                "أ ",
                "ب ",
                " ب",
                "بة ",
                "ب  ة",
                "ب\u{64E} ة",
                "بّة بًّ ب بـــب ب\u{64B}.ب ب\u{64B}\nب ب\u{64B} « ب\u{651}\u{64E}",
                "ب\u{64B}",
                "ب\u{64B}1 ب\u{64B} 1 ب\u{64B}،ب ب\u{64B}، ب ب\u{64B}\u{670}ب",
                "ب\u{64B} \u{64B}ب ب\u{64B}\n\nب ب\u{64B}  ب ب\u{64B} \u{64B}",
                "ب\u{64B}ـ\u{65F}\u{660}ب\u{64A}ة\u{64B}أ ى\u{64B}ٌ\u{200F}ب\u{64B}a",
                "ب\u{64B}\u{64B}",
                "ب\u{64B} ",
                "ب \u{64B}ب ب\n\u{651}ب ب \u{640}ب",
                "Don't أ'ب A'B “ة” ‘ب’ İ'À ﷲ ﻷ ٪ ، ب،ة",
                "\u{200F}ة\u{200F} \u{200F}ب",
                "",
                " ",
                "  ",
                "\n",
                "a",
                "ab cd",
                "1 ب 2 ة",
                "ب، ب،ب ،ب، ة، أ، ١، \u{64E}، ،، ب،",
                "ب،  ب، \nب،\u{A0}ب، «ب» ب، ",
                "ب، ب، ب، ب، ب",
                "ب «ب» ب\"ب\" ب “ب” ب ‘ب’. ب'ب' ب„ب‚ ‹ب› ب＂ب＇ب`ب`",
                "ب« ب »ب « ب » ب«1» ب«.» ب «(ب)» ب»  ب «  ب ب»\nب ب\n«ب",
                "ب»\u{64B}ب ب«\u{200F}ب ب»،ب ب» ،ب ب»a ب»A ب»é ب»\u{660}",
                "ب»ﻻ ب»\u{A0}ب ب \u{A0}«ب ب«« ب» «ب ب»", "ب»", "ب» ", "ب»1",
                "ب»  (ب ب» \n(ب ب «  1 ب»\u{A0}(ب",
                "ب'a a'ب a'a 1'ب ب's ب’s ب\u{64B}'ب ب \"\" ب ب\"\"ب",
                "ب\n\nب ب\n\n\nب ب \n ب ب  ب ب \n«ب ب\n \" \nب ب\n\n1 ب\n\n(ب",
                "ب\n1 ب\n(ب ب \n\u{A0}ب ب\n\r\nب ب\n\t\nب ب\n\n\u{64B}ب ب\n\n،ب",
                "ب\n\na ب\n\n\u{200F}ب ب\n\n", "ب\n\n1", "ب  \n", "ب«« ب", "ب\n“\nب",
                "ب»،ب ب»، ب ب »،1 ب\n\n،ب ب« ،ب ب،1 ب،. ب، «ب» ب،«ب ب،\n\nب",
                "ب، 1 ب،\nب ب، \u{64B}ب ب،،ب ب، ،ب ب، a ب،a ب، \n ب ب»،", "ب،", "ب، ",
                "ب، »،، ب،\u{A0}ب ب»\n،ب ب\n،\nب ب،\n،ب ب،\u{64B}ب",
                "ب\nب.\nب\n،ب\n\u{64E}ب\n\nب \nب\n بa\nﻻ\n٢\nب\n",
            ]
            .map(String::from),
        );
        for t in crate::test_texts::articles() {
            // Cut at every few bytes so runs end at odd places.
            let cuts: Vec<usize> =
                (0..t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for w in cuts.chunks(97) {
                if let (Some(&a), Some(&b)) = (w.first(), w.last()) {
                    texts.push(t[a..b].to_string());
                }
            }
        }
        texts
    }

    /// The fast paths give the reference's text, pieces, block index and
    /// quote marks.
    #[test]
    fn fast_paths_match_reference() {
        for t in &fast_path_material() {
            let (fast, fast_words) = build::<true, true>(t);
            let (slow, slow_words) = build::<false, true>(t);
            let want = crate::text::word_list(slow.as_str());
            assert_eq!(fast_words, want, "{t:?}");
            assert_eq!(slow_words, want, "{t:?}");
            assert!(build::<true, false>(t).1.is_empty());
            assert_eq!(fast.text, slow.text, "{t:?}");
            assert_eq!(fast.pieces, slow.pieces, "{t:?}");
            assert_eq!(fast.block_pieces, slow.block_pieces, "{t:?}");
            assert_eq!(fast.quotes, slow.quotes, "{t:?}");
            assert_eq!(fast.breaks, slow.breaks, "{t:?}");
            let bytes = slow.text.bytes().enumerate();
            let want: Vec<usize> = bytes
                .filter(|&(_, b)| is_break_byte(b))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(slow.breaks, want, "{t:?}");
            assert_eq!(build::<true, false>(t).0.breaks, want, "{t:?}");
            assert_eq!(fast.original_len, slow.original_len, "{t:?}");
        }
    }

    /// `quote_direction` names the quote marks `classify` finds, for
    /// every char: no other class takes a quote mark first.
    #[test]
    fn quote_direction_matches_classify() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = match classify(c) {
                Class::Quote(d) => Some(d),
                _ => None,
            };
            assert_eq!(quote_direction(c), want, "{c:?}");
        }
    }

    /// The block index finds the piece the binary search over all pieces
    /// finds, at every offset of every article and peer-suite string.
    #[test]
    fn block_index_finds_the_same_piece() {
        // The index itself: for each block, the last piece starting at or
        // before its start, as a search finds it.
        for t in &crate::test_texts::all() {
            let n = normalize(t);
            let want: Vec<usize> = (0..n.as_str().len() / BLOCK + 1)
                .map(|b| {
                    n.pieces
                        .partition_point(|p| p.norm <= b * BLOCK)
                        .saturating_sub(1)
                })
                .collect();
            assert_eq!(n.block_pieces, want, "{t}");
        }
        let mut texts = crate::test_texts::all();
        texts.push("ً".repeat(300) + &"بَ".repeat(200));
        texts.push(String::new());
        for t in &texts {
            let n = normalize(t);
            for norm in 0..=n.as_str().len() + BLOCK {
                assert_eq!(
                    n.last_piece_by_norm(norm, false),
                    n.last_piece(|p| p.norm <= norm),
                    "{t} at {norm}"
                );
                assert_eq!(
                    n.last_piece_by_norm(norm, true),
                    n.last_piece(|p| p.norm < norm),
                    "{t} at {norm} (strict)"
                );
            }
        }
    }

    /// With the letter-run fast path, the offset map stays exact over
    /// every article and peer-suite string.
    #[test]
    fn offset_map_exact_on_test_material() {
        for text in &crate::test_texts::all() {
            let n = normalize(text);
            check_map(text, &n);
        }
    }

    // Diacritics.
    t!(kasra_final, "الرقةِ", "الرقه");
    t!(shadda_fatha, "الرَّقَّة", "الرقه");
    t!(taa_marbuta_plain, "الرقة", "الرقه");
    t!(haa_plain, "الرقه", "الرقه");
    t!(tanween, "هجوماً", "هجوما");
    t!(sukun_damma, "يهاجمُ مْ", "يهاجم م");
    t!(superscript_alef, "هٰذا", "هذا");
    t!(quranic_marks, "الله\u{06D6}", "الله");
    // Tatweel.
    t!(tatweel, "الطائـرات", "الطايرات");
    t!(tatweel_many, "قـــصف", "قصف");
    // Alef forms and hamza seats.
    t!(adhar_hamza, "أذار", "اذار");
    t!(adhar_madda, "آذار", "اذار");
    t!(adhar_bare, "اذار", "اذار");
    t!(ayyar_madda, "آيار", "ايار");
    t!(ayyar_hamza, "أيار", "ايار");
    t!(isqat_kasra_hamza, "إسقاط", "اسقاط");
    t!(isqat_bare, "اسقاط", "اسقاط");
    t!(ithnayn_hamza, "الإثنين", "الاثنين");
    t!(ithnayn_bare, "الاثنين", "الاثنين");
    t!(alef_wasla, "ٱلرقة", "الرقه");
    t!(alef_maqsura, "على مستوى", "علي مستوي");
    t!(waw_hamza, "مؤتمر", "موتمر");
    t!(yaa_hamza, "الطائرات", "الطايرات");
    // Persian and Urdu letters.
    t!(persian_kaf_yeh, "کوباني ی", "كوباني ي");
    t!(persian_heh, "ۀ ھ", "ه ه");
    t!(persian_others, "گ پ چ ژ ڤ", "ك ب ج ز ف");
    // Presentation forms.
    t!(lam_alef, "ﻻ", "لا");
    t!(lam_alef_hamza, "ﻷ", "لا");
    t!(forms_b_letters, "ﺍﻟﺮﻗﺔ", "الرقه");
    // Digits of three scripts.
    t!(digits_indic, "٢٠١٧", "2017");
    t!(digits_eastern, "۲۰۱۷", "2017");
    t!(digits_ascii, "2017", "2017");
    t!(decimal_indic, "١٫٥", "1.5");
    t!(thousands_indic, "٢٬٥٠٠", "2,500");
    t!(numeric_date_indic, "٢٠١٧/٥/١٥", "2017/5/15");
    // Punctuation.
    t!(arabic_comma, "الرقة، حلب", "الرقه, حلب");
    t!(arabic_semicolon, "قصف؛ ثم", "قصف; ثم");
    t!(arabic_question, "لماذا؟", "لماذا?");
    t!(arabic_percent, "٣٥٪", "35%");
    t!(dashes, "أ–ب—ج", "ا-ب-ج");
    // Quote marks never break a name.
    t!(quotes_clitic, "و”قسد”", "و قسد ");
    t!(quotes_name, "قوات \"سوريا الديمقراطية\"", "قوات سوريا الديمقراطيه ");
    t!(guillemets, "«داعش»", " داعش ");
    t!(low_quote, "„قسد“", " قسد ");
    t!(single_quotes, "'قسد'", " قسد ");
    t!(apostrophe_latin, "Don't", "don't");
    // Bidi and zero-width marks, spaces.
    t!(rlm, "الرقة\u{200F} اليوم", "الرقه اليوم");
    t!(lrm_inside, "ال\u{200E}رقة", "الرقه");
    t!(zwnj, "می\u{200C}خواهم", "ميخواهم");
    t!(zwj, "قصف\u{200D}", "قصف");
    t!(nbsp, "قصف\u{A0}جوي", "قصف جوي");
    t!(nbsp_run, "قصف\u{A0} \u{202F}جوي", "قصف جوي");
    t!(bom, "\u{FEFF}قصف", "قصف");
    t!(bidi_embedding, "\u{202B}قصف\u{202C}", "قصف");
    t!(tabs_spaces, "قصف\t  جوي", "قصف جوي");
    t!(newline_run, "قصف \r\n\n جوي", "قصف\nجوي");
    t!(newline_single, "قصف\nجوي", "قصف\nجوي");
    // Latin.
    t!(latin_lower, "SDF (CEP)", "sdf (cep)");
    t!(latin_accented, "ÉTAT", "état");
    t!(dotted_capital_i_apostrophe, "İ'À", "i\u{307}'à");
    // Mixed.
    t!(emoji, "قصف 🔥 الرقة", "قصف 🔥 الرقه");
    t!(empty, "", "");
    t!(only_marks, "\u{064E}\u{0651}\u{200F}", "");

    #[test]
    fn quote_marks_are_recorded_with_direction() {
        let text = "قال «نعم» و\"لا\"";
        let n = normalize(text);
        let dirs: Vec<_> =
            n.quote_marks().iter().map(|q| q.direction).collect();
        assert_eq!(
            dirs,
            [
                QuoteDirection::Open,
                QuoteDirection::Close,
                QuoteDirection::Either,
                QuoteDirection::Either
            ]
        );
        for q in n.quote_marks() {
            assert_eq!(n.as_str().as_bytes()[q.normalized], b' ');
            let mark = &text[q.original];
            assert_eq!(mark.chars().count(), 1);
        }
    }

    #[test]
    fn removed_marks_at_start_belong_to_first_char() {
        let text = "\u{FEFF}\u{200F}قصف";
        let n = normalize(text);
        assert_eq!(n.original_span(0..2), Span::new(0, 8));
        assert_eq!(n.original_span(2..6), Span::new(8, 12));
    }

    #[test]
    fn trailing_marks_belong_to_last_char() {
        let text = "قصفٌ";
        let n = normalize(text);
        assert_eq!(n.original_span(0..6), Span::new(0, 8));
        assert_eq!(n.original_span(4..6), Span::new(4, 8));
    }

    /// The stepped span agrees with the two lookups on every range of up
    /// to 80 bytes (and a few longer ones from each start), at every char boundary of the test texts (and
    /// of texts heavy with marks, removed chars and folded letters).
    #[test]
    fn short_span_matches_two_lookups() {
        let mut texts = crate::test_texts::articles();
        texts.push(
            "قصفٌ على الرَّقَّة ٢٠١٧\u{FEFF}ﻻ «قسد» ok  a\n\nإسقاط ـــ".repeat(3),
        );
        let mut n = 0;
        for t in &texts {
            let norm = normalize(t);
            let text = norm.as_str();
            let b: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (k, &s) in b.iter().enumerate() {
                // Every range of up to 80 bytes, and some long ones.
                let long = b[k..].iter().skip_while(|&&e| e <= s + 80);
                let ends = b[k..].iter().take_while(|&&e| e <= s + 80);
                for &e in ends.chain(long.step_by(97).take(3)) {
                    let want = {
                        let a = norm.original_start(s);
                        Span::new(a, norm.original_end(e).max(a))
                    };
                    assert_eq!(norm.original_span(s..e), want, "{s}..{e}");
                    n += usize::from(norm.short_span(s, e).is_some());
                }
            }
        }
        assert!(n > 100_000, "{n}");
    }

    #[test]
    fn normalized_range_inverts_original_span() {
        for text in ["قصفٌ على الرَّقَّة ٢٠١٧", "\u{FEFF}ﻻ «قسد» ok", "a  b\n\nc"]
        {
            let n = normalize(text);
            for w in crate::words(n.as_str()) {
                let span = n.original_span(w.clone());
                assert_eq!(n.normalized_range(span), w, "{text:?}");
            }
        }
    }

    #[test]
    fn clamps_out_of_range() {
        let n = normalize("قصف");
        assert_eq!(n.original_span(2..100), Span::new(2, 6));
        assert_eq!(n.original_span(100..200), Span::new(6, 6));
        let e = normalize("");
        assert_eq!(e.original_span(0..0), Span::new(0, 0));
    }
}
