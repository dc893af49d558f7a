//! Page chrome: lines that are site furniture, not article text.
//!
//! Lines are marked, never deleted: their spans stay in the output so a
//! user can see what was set aside and why.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::normalize::{normalize, Normalized};
use crate::document::Loc;
use crate::Error;
use core::ops::Range;
use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};

/// Why a line was marked as chrome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChromeKind {
    /// Share, comment and navigation widgets (`شاركها`, `اترك رد`,
    /// `مقالات ذات صلة`, `لن يتم نشر عنوان بريدك الإلكتروني`).
    Widget,
    /// A bare counter (`111`, `0`): share or comment counts.
    Counter,
    /// A link to another article (`اقرأ أيضاً ...`).
    ReadAlso,
    /// An outlet signature or dateline (`روك أونلاين – قامشلو`).
    Signature,
    /// A photo caption ending in a credit (`... (رويترز)`).
    Caption,
    /// A paragraph printed again (a headline or lede repeated). Its events
    /// are still extracted, as mentions; the document view merges them.
    Repeat,
}

/// A line marked as chrome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChromeLine {
    /// The line in the original input.
    #[serde(flatten)]
    pub loc: Loc,
    /// 0-based line index (the same numbering as [`crate::Sentence::line`]).
    pub line: usize,
    /// Why the line is chrome.
    pub kind: ChromeKind,
    /// For a [`ChromeKind::Repeat`], the line it repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat_of: Option<usize>,
}

/// The chrome vocabulary, normalized.
#[derive(Clone, Debug)]
pub(crate) struct ChromeLexicon {
    /// Looked up by the word list's hashes.
    widget_words: crate::hash::WordTable<()>,
    /// The widget phrases, any of which anywhere makes a line a widget.
    widget_phrases: WidgetPhrases,
    read_also: Vec<Prefix>,
    /// One bit per value of [`head_bit`], set for the first four bytes of
    /// each `read_also` prefix (all of them if a prefix is shorter): a
    /// line whose head's bit is clear starts with none, and most lines
    /// are asked no prefix.
    read_also_heads: [u64; 64],
    credits: Vec<String>,
}

/// The bit of [`ChromeLexicon::read_also_heads`] for a line head whose
/// first eight bytes are `head8`: a hash of its first four.
#[inline(always)]
fn head_bit(head8: u64) -> usize {
    (u64::from(head8 as u32).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52)
        as usize
}

impl ChromeLexicon {
    /// Whether a line head whose first eight bytes are `head8` may start
    /// with one of the `read_also` prefixes (tested: whenever one does).
    #[inline]
    fn may_read_also(&self, head8: u64) -> bool {
        let bit = head_bit(head8);
        self.read_also_heads
            .get(bit / 64)
            .is_some_and(|b| b >> (bit % 64) & 1 != 0)
    }
}

/// A string a line may start with, and its first (up to) eight bytes as
/// [`crate::hash::load8`] reads them, with the mask of those bytes: a
/// line whose first eight bytes differ there does not start with it.
#[derive(Clone, Debug)]
struct Prefix {
    text: String,
    head: u64,
    mask: u64,
}

impl Prefix {
    fn new(text: String) -> Prefix {
        let n = text.len();
        let mask = if n >= 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        let head = crate::hash::load8(text.as_bytes(), 0) & mask;
        Prefix { text, head, mask }
    }

    /// Whether `s`, whose first eight bytes are `head8`, starts with the
    /// prefix.
    #[inline]
    fn starts(&self, s: &str, head8: u64) -> bool {
        head8 & self.mask == self.head && s.starts_with(self.text.as_str())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChromeFile {
    version: u32,
    widget_words: Vec<String>,
    widget_phrases: Vec<String>,
    read_also: Vec<String>,
    credits: Vec<String>,
}

impl ChromeLexicon {
    /// Parses a chrome vocabulary file (TOML).
    pub(crate) fn from_toml(file: &str, src: &str) -> Result<Self, Error> {
        let raw: ChromeFile = crate::data::parse(file, src)?;
        crate::data::check_version(file, raw.version)?;
        let norm = |v: Vec<String>| -> Vec<String> {
            let mut out: Vec<String> = v
                .iter()
                .map(|s| normalize(s).as_str().trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            out.sort();
            out.dedup();
            out
        };
        let widget_phrases = WidgetPhrases::new(&norm(raw.widget_phrases));
        let read_also: Vec<Prefix> =
            norm(raw.read_also).into_iter().map(Prefix::new).collect();
        let mut read_also_heads = [0u64; 64];
        for p in &read_also {
            if p.text.len() < 4 {
                read_also_heads = [u64::MAX; 64];
                break;
            }
            let bit = head_bit(p.head);
            if let Some(x) = read_also_heads.get_mut(bit / 64) {
                *x |= 1 << (bit % 64);
            }
        }
        Ok(ChromeLexicon {
            widget_words: crate::hash::WordTable::new(
                10,
                norm(raw.widget_words).into_iter().map(|w| (w, ())),
            ),
            widget_phrases,
            read_also,
            read_also_heads,
            credits: norm(raw.credits),
        })
    }
}

/// The widget phrases, found in a text in one of two ways. A phrase with
/// an anchor, a word that has non-word chars on both sides inside the
/// phrase, is found from the text's word list: wherever the phrase
/// occurs, its anchor is a whole word of the text, so only words with
/// the anchor's hash are tried. Other phrases (`©`) are searched for over
/// the whole text.
#[derive(Clone, Debug)]
struct WidgetPhrases {
    anchored: Vec<Anchored>,
    /// One bit per value of a hash's top twelve bits, set for the
    /// anchors (few enough that most lines hold no word with a bit set).
    anchor_bits: [u64; 64],
    bare: Vec<Finder<'static>>,
}

/// A widget phrase and its anchor.
#[derive(Clone, Debug)]
struct Anchored {
    phrase: String,
    /// The anchor's byte range in the phrase.
    anchor: Range<usize>,
    /// `token_hash` of the anchor.
    hash: u64,
}

impl WidgetPhrases {
    fn new(phrases: &[String]) -> WidgetPhrases {
        let mut out = WidgetPhrases {
            anchored: Vec::new(),
            anchor_bits: [0; 64],
            bare: Vec::new(),
        };
        for p in phrases {
            // The longest word inside (the rarest, most likely).
            let anchor = super::segment::words(p)
                .filter(|r| r.start > 0 && r.end < p.len())
                .max_by_key(|r| (r.len(), core::cmp::Reverse(r.start)));
            match anchor {
                Some(anchor) => {
                    let hash = crate::hash::token_hash(
                        p.as_bytes(),
                        anchor.start,
                        anchor.end,
                    );
                    let bit = anchor_bit(hash);
                    if let Some(x) = out.anchor_bits.get_mut(bit / 64) {
                        *x |= 1 << (bit % 64);
                    }
                    out.anchored.push(Anchored {
                        phrase: p.clone(),
                        anchor,
                        hash,
                    });
                }
                None => out.bare.push(Finder::new(p).into_owned()),
            }
        }
        out
    }
}

/// The bit of [`WidgetPhrases::anchor_bits`] for a word hash.
#[inline(always)]
fn anchor_bit(hash: u64) -> usize {
    (hash >> 52) as usize
}

impl WidgetPhrases {
    /// [`WidgetPhrases::anchor_bits`] at a word hash's bit, in bit 0 (the
    /// other bits are those of other hashes).
    #[inline(always)]
    fn anchor_word(&self, hash: u64) -> u64 {
        let bit = anchor_bit(hash);
        self.anchor_bits.get(bit / 64).map_or(0, |b| b >> (bit % 64))
    }
}

/// A line of the normalized text, as found by [`detect_chrome`].
pub(crate) struct ChromeHit {
    pub(crate) norm: Range<usize>,
    pub(crate) line: usize,
    pub(crate) kind: ChromeKind,
    pub(crate) repeat_of: Option<usize>,
}

/// Marks the chrome lines of a normalized text.
#[inline(never)]
pub(crate) fn detect_chrome(
    n: &Normalized,
    words: &[super::Word],
    lex: &ChromeLexicon,
) -> Vec<ChromeHit> {
    let text = n.as_str();
    // Lines, trimmed, with their ranges; white space runs are already one
    // char, so blank lines are gone and a line is a paragraph.
    let bytes = text.as_bytes();
    // The newlines, from the break bytes normalization listed.
    let newlines = n.break_bytes().iter().copied();
    let ends = newlines
        .filter(|&at| bytes.get(at) == Some(&b'\n'))
        .chain(core::iter::once(text.len()));
    let mut start = 0;
    // News text makes about one line per 300 bytes.
    let mut lines: Vec<Range<usize>> =
        Vec::with_capacity(text.len() / 256 + 4);
    lines.extend(
        ends.map(|end| {
            let r = start..end;
            start = end + 1;
            r
        })
        .map(|r| {
            // Trimmed on bytes: normalized text holds no white space but
            // space and newline (tested in `segment`).
            let s = bytes.get(r.clone()).unwrap_or_default();
            let white = |b: &&u8| matches!(b, b' ' | b'\n');
            let lead = s.iter().take_while(white).count();
            let trail = s.iter().rev().take_while(white).count();
            r.start + lead..(r.end - trail).max(r.start + lead)
        }),
    );
    let (line_words, mut widget) =
        line_words(text, &lines, words, &lex.widget_phrases);
    bare_phrase_lines(text, &lines, &lex.widget_phrases, &mut widget);
    let first = first_long_lines(text, &lines, &line_words);
    let mut hits = Vec::new();
    // Chrome at the end of the page does not make the article's last
    // paragraph a signature: find the last line that is not chrome.
    let mut kinds: Vec<Option<ChromeKind>> = Vec::with_capacity(lines.len());
    for (idx, r) in lines.iter().enumerate() {
        let line = text.get(r.clone()).unwrap_or_default();
        let kind = if line.is_empty() {
            None
        } else {
            let phrase = widget.get(idx).copied().unwrap_or(false);
            let ws = line_words
                .get(idx)
                .and_then(|r| words.get(r.clone()))
                .unwrap_or_default();
            classify(text, r, ws, idx, phrase, lex)
        };
        kinds.push(kind);
    }
    let last_body = (0..lines.len()).rev().find(|&i| {
        lines.get(i).is_some_and(|l| !l.is_empty())
            && kinds.get(i).is_some_and(Option::is_none)
    });
    for (idx, r) in lines.iter().enumerate() {
        let line = text.get(r.clone()).unwrap_or_default();
        if line.is_empty() {
            continue;
        }
        let mut kind = kinds.get(idx).copied().flatten();
        let n_words = line_words.get(idx).map_or(0, ExactSizeIterator::len);
        let mut repeat_of = None;
        if kind.is_none()
            && Some(idx) == last_body
            && idx > 0
            && is_signature_shaped(line, n_words)
        {
            kind = Some(ChromeKind::Signature);
        }
        // The first line with the same text (asked only of lines of three
        // words or more).
        let first = first.get(idx).copied().unwrap_or(idx);
        if kind.is_none() && n_words >= 3 && first != idx {
            kind = Some(ChromeKind::Repeat);
            repeat_of = Some(first);
        }
        if let Some(kind) = kind {
            hits.push(ChromeHit {
                norm: r.clone(),
                line: idx,
                kind,
                repeat_of,
            });
        }
    }
    hits
}

/// Marks in `out` each line (trimmed, in order) that one of the phrases
/// without an anchor occurs inside (the anchored ones are found by
/// [`line_words`]).
fn bare_phrase_lines(
    text: &str,
    lines: &[Range<usize>],
    phrases: &WidgetPhrases,
    out: &mut [bool],
) {
    let bytes = text.as_bytes();
    for f in &phrases.bare {
        let mut from = 0;
        while let Some(at) = bytes.get(from..).and_then(|h| f.find(h)) {
            let start = from + at;
            let end = start + f.needle().len();
            let k = lines.partition_point(|l| l.end < end);
            if lines.get(k).is_some_and(|l| l.start <= start) {
                if let Some(flag) = out.get_mut(k) {
                    *flag = true;
                }
            }
            // Occurrences may overlap.
            from = start + 1;
        }
    }
}

/// Whether the word `w` is the anchor of an anchored phrase that occurs
/// inside the line `r` of `bytes`.
#[inline(never)]
fn anchors_phrase_in(
    bytes: &[u8],
    r: &Range<usize>,
    w: &super::Word,
    phrases: &WidgetPhrases,
) -> bool {
    phrases.anchored.iter().filter(|a| a.hash == w.hash).any(|a| {
        // Where the phrase would start if this word were its anchor.
        let Some(start) = w.start.checked_sub(a.anchor.start) else {
            return false;
        };
        let end = start + a.phrase.len();
        w.end - w.start == a.anchor.len()
            && r.start <= start
            && end <= r.end
            && bytes.get(start..end) == Some(a.phrase.as_bytes())
    })
}

/// The number of words of `s`, counted up to `cap` (a line's length
/// matters only up to the thresholds of the rules).
fn words_up_to(s: &str, cap: usize) -> usize {
    super::segment::words(s).take(cap).count()
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '?', '!', ';', ':'])
}

/// The most words any rule counts in a line: longer lines are body.
const MAX_WORDS: usize = 16;

/// The most words any rule but the caption rule counts in a line.
const MAX_SHORT_WORDS: usize = 6;

/// The words of each line (in order, trimmed), as index ranges of the
/// text's word list: the words that start in the line (a line ends at a
/// line break or white space, which no word holds); and for each line
/// whether one of the anchored phrases occurs inside it, asked of its
/// words only when one has its anchor bit set (a phrase inside a line
/// holds its anchor, a word that starts in that line). A line's words
/// are found by a galloping search.
fn line_words(
    text: &str,
    lines: &[Range<usize>],
    words: &[super::Word],
    phrases: &WidgetPhrases,
) -> (Vec<Range<usize>>, Vec<bool>) {
    let bytes = text.as_bytes();
    let mut widget = vec![false; lines.len()];
    let mut w = 0;
    let ranges = lines
        .iter()
        .zip(&mut widget)
        .map(|(r, flag)| {
            let first = crate::text::first_word_from(words, w, r.start);
            w = crate::text::first_word_from(words, first, r.end);
            let ws = words.get(first..w).unwrap_or_default();
            // The anchor bits of the line's words, without a branch: a
            // line with none set (most) holds no anchor.
            let any =
                ws.iter().fold(0, |acc, x| acc | phrases.anchor_word(x.hash));
            // Only the words with their anchor bit set can be an anchor
            // (a line with one mostly holds one such word among dozens).
            if any & 1 != 0 {
                *flag = ws.iter().any(|x| {
                    phrases.anchor_word(x.hash) & 1 != 0
                        && anchors_phrase_in(bytes, r, x, phrases)
                });
            }
            first..w
        })
        .collect();
    (ranges, widget)
}

/// For each line of three words or more (`line_words` holds their
/// words), the index of the first line with the same text (its own index
/// when none before it has it); other lines map to themselves. Lines of
/// equal text have equal words, so no line of fewer words equals one of
/// these. Lines are sorted by a hash of their length and ends, then
/// their text, so that equal lines stand together.
fn first_long_lines(
    text: &str,
    lines: &[Range<usize>],
    line_words: &[Range<usize>],
) -> Vec<usize> {
    let b = text.as_bytes();
    let line = |i: usize| lines.get(i).and_then(|r| b.get(r.clone()));
    // Sized once: most lines have three words or more.
    let mut keys: Vec<(u64, usize)> = Vec::with_capacity(lines.len());
    keys.extend(
        lines
            .iter()
            .zip(line_words)
            .enumerate()
            .filter(|(_, (_, ws))| ws.len() >= 3)
            .map(|(i, (r, _))| {
                (crate::hash::token_hash(b, r.start, r.end), i)
            }),
    );
    keys.sort_unstable();
    // Lines of equal hash (mostly equal lines) by text, then index.
    for run in keys.chunk_by_mut(|x, y| x.0 == y.0) {
        if run.len() > 1 {
            run.sort_unstable_by(|x, y| {
                line(x.1).cmp(&line(y.1)).then(x.1.cmp(&y.1))
            });
        }
    }
    let mut first: Vec<usize> = (0..lines.len()).collect();
    for pair in keys.windows(2) {
        if let [(h, i), (g, j)] = *pair {
            if h == g && line(i) == line(j) {
                let f = first.get(i).copied().unwrap_or(i);
                if let Some(x) = first.get_mut(j) {
                    *x = f;
                }
            }
        }
    }
    first
}

/// A short line (of `n_words` words) with no sentence punctuation and no
/// digits.
fn is_signature_shaped(line: &str, n_words: usize) -> bool {
    (1..=4).contains(&n_words)
        && !ends_sentence(line)
        && !line.bytes().any(|b| b.is_ascii_digit())
}

/// The kind of chrome the line `r` of `text` is, if any (not empty);
/// `words` are its words (from the text's word list).
fn classify(
    text: &str,
    r: &Range<usize>,
    words: &[super::Word],
    idx: usize,
    widget_phrase: bool,
    lex: &ChromeLexicon,
) -> Option<ChromeKind> {
    let line = text.get(r.clone()).unwrap_or_default();
    let n_words = words.len();
    // A bare counter: digits and separators only.
    if line.len() <= 16
        && line.bytes().any(|b| b.is_ascii_digit())
        && line.bytes().all(|b| b.is_ascii_digit() || b" .,:%+-/".contains(&b))
    {
        return Some(ChromeKind::Counter);
    }
    // The line from its first word char on: from its first word.
    let head = words
        .first()
        .and_then(|w| text.get(w.start..r.end))
        .unwrap_or_default();
    let head8 = crate::hash::load8(head.as_bytes(), 0);
    if lex.may_read_also(head8)
        && lex.read_also.iter().any(|p| p.starts(head, head8))
    {
        return Some(ChromeKind::ReadAlso);
    }
    if widget_phrase {
        return Some(ChromeKind::Widget);
    }
    if n_words > 0 && n_words <= MAX_SHORT_WORDS && !ends_sentence(line) {
        let bytes = text.as_bytes();
        let known = words
            .iter()
            .filter(|w| {
                bytes.get(w.range()).is_some_and(|b| {
                    lex.widget_words.get_hashed(b, w.hash).is_some()
                })
            })
            .count();
        if known * 4 >= n_words * 3 {
            return Some(ChromeKind::Widget);
        }
    }
    // A caption: a short line ending in a parenthesized credit.
    if n_words <= MAX_WORDS {
        if let Some(inner) = line
            .strip_suffix(')')
            .and_then(|s| s.rfind('(').and_then(|p| s.get(p + 1..)))
        {
            let inner = inner.trim();
            if words_up_to(inner, 5) <= 4
                && lex.credits.iter().any(|c| contains_word(inner, c))
            {
                return Some(ChromeKind::Caption);
            }
        }
    }
    // A dateline or outlet signature: "outlet – place", short.
    if idx > 0
        && n_words <= MAX_SHORT_WORDS
        && !ends_sentence(line)
        && (line.contains(" - ") || line.contains(" | "))
    {
        return Some(ChromeKind::Signature);
    }
    // A signature right under the headline: one or two words.
    if idx == 1 && n_words <= 2 && is_signature_shaped(line, n_words) {
        return Some(ChromeKind::Signature);
    }
    None
}

/// Whether `needle` occurs in `hay` as whole words: of its occurrences
/// that `match_indices` finds (left to right, none overlapping the one
/// before), one with no word char on either side. Found by the needle's
/// first byte with memchr and a compare, without the setup of a
/// substring searcher (the hay is a short caption credit, asked of every
/// credit of the lexicon; tested against `match_indices`).
fn contains_word(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return hay
            .match_indices(needle)
            .any(|(i, _)| word_bounded(hay, i, i));
    };
    let mut from = 0;
    while let Some(p) = h.get(from..).and_then(|r| memchr::memchr(first, r)) {
        let i = from + p;
        if h.get(i..).is_some_and(|r| r.starts_with(n)) {
            if word_bounded(hay, i, i + n.len()) {
                return true;
            }
            from = i + n.len();
        } else {
            from = i + 1;
        }
    }
    false
}

/// Whether no word char stands right before byte `start` or right at
/// byte `end` of `hay`.
fn word_bounded(hay: &str, start: usize, end: usize) -> bool {
    let before = hay.get(..start).unwrap_or_default().chars().next_back();
    let after = hay.get(end..).unwrap_or_default().chars().next();
    !before.is_some_and(super::is_word_char)
        && !after.is_some_and(super::is_word_char)
}

impl ChromeHit {
    pub(crate) fn to_line(&self, loc: Loc) -> ChromeLine {
        ChromeLine {
            loc,
            line: self.line,
            kind: self.kind,
            repeat_of: self.repeat_of,
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
    use crate::text::word_list;

    fn lex() -> ChromeLexicon {
        ChromeLexicon::from_toml(
            "chrome.toml",
            include_str!("../../gazetteers/chrome.toml"),
        )
        .unwrap()
    }

    /// `contains_word` as it was, on `match_indices`.
    fn contains_word_by_matches(hay: &str, needle: &str) -> bool {
        hay.match_indices(needle).any(|(i, m)| {
            let before = hay.get(..i).unwrap_or_default().chars().next_back();
            let after =
                hay.get(i + m.len()..).unwrap_or_default().chars().next();
            !before.is_some_and(crate::text::is_word_char)
                && !after.is_some_and(crate::text::is_word_char)
        })
    }

    /// `contains_word` answers like `match_indices` for every credit of
    /// the lexicon and overlapping, bordered and empty needles, in every
    /// line of the test texts, its parenthesized tails and every suffix
    /// and prefix of shapes built around the needles.
    #[test]
    fn contains_word_matches_match_indices() {
        let mut needles: Vec<String> = lex().credits.clone();
        needles.extend(
            ["", "a", "aa", "a-a", "ab ab", "ا", "وكالة", "(", "x y"]
                .map(String::from),
        );
        let mut hays: Vec<String> = crate::test_texts::all()
            .iter()
            .flat_map(|t| {
                normalize(t)
                    .as_str()
                    .lines()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        for n in needles.clone() {
            for shape in [
                n.clone(),
                format!("{n}{n}"),
                format!("x{n} {n}"),
                format!("{n}x {n}y ({n})"),
                format!("a-a-a aaa {n}-{n}"),
                format!("ab ab ab،{n}."),
            ] {
                for (k, _) in shape.char_indices() {
                    hays.push(shape[k..].to_string());
                    hays.push(shape[..k].to_string());
                }
            }
        }
        let mut found = 0;
        for h in &hays {
            for n in &needles {
                let want = contains_word_by_matches(h, n);
                assert_eq!(contains_word(h, n), want, "{h:?} {n:?}");
                found += usize::from(want);
            }
        }
        assert!(found > 100, "{found}");
    }

    /// The chrome kind of each line of a text (None for body lines).
    fn kinds(text: &str) -> Vec<(String, Option<ChromeKind>)> {
        let n = normalize(text);
        let hits = detect_chrome(&n, &word_list(n.as_str()), &lex());
        n.as_str()
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let k = hits.iter().find(|h| h.line == i).map(|h| h.kind);
                (l.trim().to_string(), k)
            })
            .collect()
    }

    /// A line's words read from the word list are the words of the line
    /// alone, on every line of the test texts (as `detect_chrome` cuts
    /// them) and on lines of white space and punctuation.
    #[test]
    fn line_words_are_the_words_of_each_line() {
        let mut texts = crate::test_texts::all();
        texts.push("صورة (ا ب ج د ه و ز ح ط ي)\n\n .. \n،\nx".into());
        let lex = lex();
        let mut checked = 0;
        for t in &texts {
            let n = normalize(t);
            let text = n.as_str();
            let mut start = 0;
            let lines: Vec<Range<usize>> = text
                .split('\n')
                .map(|l| {
                    let lead = l.len() - l.trim_start().len();
                    let r = start + lead..start + l.trim_end().len().max(lead);
                    start += l.len() + 1;
                    r
                })
                .collect();
            let list = word_list(text);
            let (ranges, _) =
                line_words(text, &lines, &list, &lex.widget_phrases);
            for (r, ws) in lines.iter().zip(ranges) {
                let from_list: Vec<Range<usize>> =
                    list[ws.clone()].iter().map(|w| w.range()).collect();
                let alone: Vec<Range<usize>> = crate::words(&text[r.clone()])
                    .map(|x| x.start + r.start..x.end + r.start)
                    .collect();
                assert_eq!(from_list, alone, "{t}");
                checked += ws.len();
            }
        }
        assert!(checked > 5_000, "{checked}");
    }

    /// The widget flags of [`line_words`] and [`bare_phrase_lines`]
    /// without the word list: each phrase searched for
    /// over the whole text.
    fn phrase_lines_slow(
        text: &str,
        lines: &[Range<usize>],
        phrases: &[String],
    ) -> Vec<bool> {
        let mut out = vec![false; lines.len()];
        for p in phrases {
            for (start, _) in text.match_indices(p.as_str()) {
                let end = start + p.len();
                if let Some(k) =
                    lines.iter().position(|l| l.start <= start && end <= l.end)
                {
                    out[k] = true;
                }
            }
            // Overlapping occurrences.
            for start in 0..text.len() {
                if text.as_bytes()[start..].starts_with(p.as_bytes()) {
                    let end = start + p.len();
                    if let Some(k) = lines
                        .iter()
                        .position(|l| l.start <= start && end <= l.end)
                    {
                        out[k] = true;
                    }
                }
            }
        }
        out
    }

    /// The trimmed lines of a text, as `detect_chrome` cuts them.
    fn trimmed_lines(text: &str) -> Vec<Range<usize>> {
        let mut start = 0;
        text.split('\n')
            .map(|l| {
                let lead = l.len() - l.trim_start().len();
                let r = start + lead..start + l.trim_end().len().max(lead);
                start += l.len() + 1;
                r
            })
            .collect()
    }

    /// The phrases found from the word list's anchors (and the bare ones
    /// over the text) mark the lines the whole-text search marks: the
    /// vocabulary's phrases on every test text and on texts they are
    /// planted in (inside words, at the ends, overlapping, across lines),
    /// and phrases cut from the test texts themselves.
    #[test]
    fn phrase_lines_match_whole_text_search() {
        let lex = lex();
        let phrases: Vec<String> =
            lex.widget_phrases
                .anchored
                .iter()
                .map(|a| a.phrase.clone())
                .chain(
                    lex.widget_phrases.bare.iter().map(|f| {
                        String::from_utf8(f.needle().to_vec()).unwrap()
                    }),
                )
                .collect();
        assert!(lex.widget_phrases.anchored.len() >= 5);
        assert!(!lex.widget_phrases.bare.is_empty());
        let mut texts = crate::test_texts::all();
        for p in &phrases {
            texts.push(p.clone());
            texts.push(format!("و{p}ة\n{p} {p}\n{p}{p}. ©{p}©"));
            texts.push(format!("عنوان\n{BODY} {p}.\nقال {p}"));
            let cut = p.find(' ').unwrap_or(p.len());
            texts.push(format!("{}\n{}", &p[..cut], &p[cut..]));
        }
        let check = |text: &str, ps: &[String], wp: &WidgetPhrases| -> usize {
            let lines = trimmed_lines(text);
            let (_, mut fast) = line_words(text, &lines, &word_list(text), wp);
            bare_phrase_lines(text, &lines, wp, &mut fast);
            let slow = phrase_lines_slow(text, &lines, ps);
            assert_eq!(fast, slow, "{text}");
            slow.iter().filter(|&&b| b).count()
        };
        let mut found = 0;
        for t in &texts {
            let n = normalize(t);
            found += check(n.as_str(), &phrases, &lex.widget_phrases);
        }
        assert!(found >= 4 * phrases.len(), "{found}");
        // Phrases of two to five words cut from the texts.
        let mut found = 0;
        for t in &crate::test_texts::all() {
            let n = normalize(t);
            let text = n.as_str();
            let ws: Vec<_> = crate::words(text).collect();
            let ps: Vec<String> = (0..ws.len().saturating_sub(5))
                .step_by(7)
                .map(|i| text[ws[i].start..ws[i + 1 + i % 4].end].to_string())
                .collect();
            let wp = WidgetPhrases::new(&ps);
            found += check(text, &ps, &wp);
        }
        assert!(found > 200, "{found}");
    }

    /// The widget words found by their hashes are the words of the list:
    /// every word of the test texts and every widget word.
    #[test]
    fn widget_words_found_by_hash_are_the_list() {
        let lex = lex();
        let mut list: Vec<&str> =
            lex.widget_words.entries().map(|(w, _)| w).collect();
        list.sort_unstable();
        assert!(list.len() > 50);
        let mut known = 0;
        let mut texts = crate::test_texts::all();
        texts.push(list.join(" "));
        for t in &texts {
            let n = normalize(t);
            let text = n.as_str();
            for w in word_list(text) {
                let b = &text.as_bytes()[w.range()];
                let slow = list.binary_search(&&text[w.range()]).is_ok();
                let fast = lex.widget_words.get_hashed(b, w.hash).is_some();
                assert_eq!(fast, slow, "{}", &text[w.range()]);
                known += usize::from(slow);
            }
        }
        assert!(known > 200, "{known}");
    }

    /// The first line of each line of three words or more is the one
    /// `first_occurrences` finds, on every test text and on texts made of
    /// repeated and near-repeated lines.
    #[test]
    fn first_long_lines_match_first_occurrences() {
        let mut texts = crate::test_texts::all();
        let a = "قصف الطيران مواقع في الرقة";
        let b = "قصف الطيران مواقع في الرقه";
        let c = "قصف الطيران مواقع قرب الرقة";
        texts.push([a, b, a, c, "قصف", b, a, c, "x y z", "x y z"].join("\n"));
        let lex = lex();
        let mut repeats = 0;
        for t in &texts {
            let n = normalize(t);
            let text = n.as_str();
            let lines = trimmed_lines(text);
            let list = word_list(text);
            let (ws, _) = line_words(text, &lines, &list, &lex.widget_phrases);
            let texts: Vec<&str> =
                lines.iter().map(|r| &text[r.clone()]).collect();
            let slow = crate::text::first_occurrences(&texts);
            let fast = first_long_lines(text, &lines, &ws);
            for i in 0..lines.len() {
                if ws[i].len() >= 3 {
                    assert_eq!(fast[i], slow[i], "{t}");
                    repeats += usize::from(slow[i] != i);
                }
            }
        }
        assert!(repeats >= 5, "{repeats}");
    }

    /// A line's head read from its first word, and the prefix test on
    /// its first eight bytes, find the read-also lines that trimming the
    /// line by chars and `starts_with` find: every line of the test texts
    /// and lines made from the prefixes.
    #[test]
    fn read_also_heads_match_trimming() {
        let lex = lex();
        let mut texts = crate::test_texts::all();
        for p in &lex.read_also {
            let t = &p.text;
            texts.push(format!(
                "{t}\n- {t}: x\n«{t}»\n{}\n،",
                &t[..t.char_indices().last().unwrap().0]
            ));
        }
        let mut found = 0;
        for t in &texts {
            let n = normalize(t);
            let text = n.as_str();
            let lines = trimmed_lines(text);
            let list = word_list(text);
            let (ranges, _) =
                line_words(text, &lines, &list, &lex.widget_phrases);
            for (r, ws) in lines.iter().zip(ranges) {
                let line = &text[r.clone()];
                let slow_head = line.trim_start_matches(|c: char| {
                    !crate::text::is_word_char(c)
                });
                let head = list[ws.clone()]
                    .first()
                    .map_or("", |w| &text[w.start..r.end]);
                assert_eq!(head, slow_head, "{line}");
                let head8 = crate::hash::load8(head.as_bytes(), 0);
                for p in &lex.read_also {
                    let slow = slow_head.starts_with(p.text.as_str());
                    assert_eq!(p.starts(head, head8), slow, "{line}");
                    assert!(!slow || lex.may_read_also(head8), "{line}");
                    found += usize::from(slow);
                }
            }
        }
        assert!(found >= 2 * lex.read_also.len(), "{found}");
    }

    /// One line per case: a page, and the kind its line `line` must get.
    macro_rules! t {
        ($name:ident, $text:expr, $line:expr, $kind:expr) => {
            #[test]
            fn $name() {
                let k = kinds($text);
                assert_eq!(k[$line].1, $kind, "{:?}", k);
            }
        };
    }

    const BODY: &str = "قصفت الطائرات الروسية مواقع في ريف الرقة الشمالي أمس.";

    t!(
        share_widget,
        &format!("عنوان الخبر هنا\n{BODY}\nشاركها"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        leave_reply,
        &format!("عنوان\n{BODY}\nاترك رد"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        leave_comment,
        &format!("عنوان\n{BODY}\nاترك تعليقاً"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        comments,
        &format!("عنوان\n{BODY}\nالتعليقات"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        no_comment,
        &format!("عنوان\n{BODY}\nبدون تعليق"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        related,
        &format!("عنوان\n{BODY}\nمقالات ذات صلة"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        back_to_top,
        &format!("عنوان\n{BODY}\nزر الذهاب إلى الأعلى"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(email_notice, &format!("عنوان\n{BODY}\nلن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"), 2, Some(ChromeKind::Widget));
    t!(
        counter,
        &format!("عنوان\n111\n0\n{BODY}"),
        1,
        Some(ChromeKind::Counter)
    );
    t!(
        zero_counter,
        &format!("عنوان\n111\n0\n{BODY}"),
        2,
        Some(ChromeKind::Counter)
    );
    t!(
        read_also,
        &format!("عنوان\n{BODY}\nاقرأ أيضاً: غارات على إدلب"),
        2,
        Some(ChromeKind::ReadAlso)
    );
    t!(
        read_also_slash,
        &format!("عنوان\n{BODY}\nاقرأ/ي ايضًا| صور من الرقة"),
        2,
        Some(ChromeKind::ReadAlso)
    );
    t!(
        dateline,
        &format!("عنوان\nوكالة ما – حلب\n{BODY}"),
        1,
        Some(ChromeKind::Signature)
    );
    t!(
        outlet_under_headline,
        &format!("عنوان الخبر هنا\nسيريانيوز\n{BODY}"),
        1,
        Some(ChromeKind::Signature)
    );
    t!(
        outlet_at_end,
        &format!("عنوان\n{BODY}\n{BODY}\nعنب بلدي"),
        3,
        Some(ChromeKind::Signature)
    );
    t!(
        caption,
        &format!("عنوان\nمقاتلون في الرقة (رويترز)\n{BODY}"),
        1,
        Some(ChromeKind::Caption)
    );
    t!(repeated_headline, &format!("توقف القصف على المدينة الكبيرة\n{BODY}\nتوقف القصف على المدينة الكبيرة\n{BODY}"), 2, Some(ChromeKind::Repeat));
    t!(
        repeated_lede,
        &format!("عنوان\n{BODY}\nعنوان\n{BODY}"),
        3,
        Some(ChromeKind::Repeat)
    );
    // Body text is never chrome.
    t!(headline_is_body, &format!("روسيا: سنقصف عناصر داعش\n{BODY}"), 0, None);
    t!(body_is_body, &format!("عنوان\n{BODY}\nشاركها"), 1, None);
    t!(
        short_body_line_mid_article,
        &format!("عنوان\n{BODY}\nالمرحلة الثانية\n{BODY}\n{BODY}"),
        2,
        None
    );
    t!(
        numbers_in_body,
        &format!("عنوان\nقتل 12 عنصراً في 2017.\n{BODY}"),
        1,
        None
    );
    t!(
        parenthesis_not_credit,
        &format!("عنوان\nقال المتحدث (أبو محمد)\n{BODY}"),
        1,
        None
    );

    #[test]
    fn repeat_names_its_original() {
        let text = format!("توقف القصف على المدينة الكبيرة\n{BODY}\nتوقف القصف على المدينة الكبيرة");
        let n = normalize(&text);
        let hits = detect_chrome(&n, &word_list(n.as_str()), &lex());
        let rep = hits.iter().find(|h| h.kind == ChromeKind::Repeat).unwrap();
        assert_eq!(rep.repeat_of, Some(0));
    }

    /// A read-also prefix shorter than the four bytes the head filter
    /// hashes turns the filter off: its lines are still found, and the
    /// filter passes every head.
    #[test]
    fn short_read_also_prefix_passes_the_head_filter() {
        let lex = ChromeLexicon::from_toml(
            "c.toml",
            "version = 1\nwidget_words = []\nwidget_phrases = []\n\
             read_also = [\"rd\", \"اقرأ أيضا\"]\ncredits = []",
        )
        .unwrap();
        for head in ["rd x", "اقرا ايضا", "قصف", "", "a"] {
            let head8 = crate::hash::load8(head.as_bytes(), 0);
            assert!(lex.may_read_also(head8), "{head}");
        }
        let n = normalize("عنوان الخبر\nrd more here\nنص الخبر الطويل هنا.");
        let hits = detect_chrome(&n, &word_list(n.as_str()), &lex);
        assert!(
            hits.iter().any(|h| h.line == 1 && h.kind == ChromeKind::ReadAlso),
            "{:?}",
            hits.iter().map(|h| (h.line, h.kind)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn bad_vocabulary_is_a_typed_error() {
        let err = ChromeLexicon::from_toml("c.toml", "version = 2\nwidget_words=[]\nwidget_phrases=[]\nread_also=[]\ncredits=[]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.toml: unsupported version 2, expected 1"
        );
        let err = ChromeLexicon::from_toml(
            "c.toml",
            "version = 1\nwidget_words = 3",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
    }
}
