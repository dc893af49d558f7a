//! The output model: a [`Document`] and its mentions.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::text::{ChromeLine, Sentence};
use crate::Span;
use serde::{Deserialize, Serialize};

/// Where a mention stands in the original input, and what it says there.
///
/// `start`/`end` are half-open UTF-8 **byte** offsets into the input
/// exactly as given; `char_start`/`char_end` are the same span counted in
/// Unicode scalar values, for users outside Rust. `text` is
/// `&input[start..end]`.
///
/// ```
/// let doc = hadath::Extractor::builtin().extract("قصف الرقة.");
/// let s = &doc.sentences[0];
/// assert_eq!(s.loc.text, "قصف الرقة.");
/// assert_eq!((s.loc.start, s.loc.end), (0, 18));
/// assert_eq!((s.loc.char_start, s.loc.char_end), (0, 10));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loc {
    /// The original text of the span.
    pub text: String,
    /// Start byte offset (inclusive).
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Start offset in chars (inclusive).
    pub char_start: usize,
    /// End offset in chars (exclusive).
    pub char_end: usize,
}

impl Loc {
    /// The byte span.
    ///
    /// ```
    /// let doc = hadath::Extractor::builtin().extract("قصف.");
    /// assert_eq!(doc.sentences[0].loc.span(), hadath::Span::new(0, 7));
    /// ```
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Counts chars up to byte offsets in O(1) amortised per query.
#[derive(Clone, Debug)]
pub(crate) struct CharIndex {
    /// Char count at every `STEP`-th byte (rounded down to a boundary).
    marks: Vec<(usize, usize)>,
}

const STEP: usize = 256;

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        marks.push((0, 0));
        let bytes = text.as_bytes();
        let (mut byte, mut chars) = (0, 0);
        loop {
            // The next mark: STEP bytes on, moved back to a char boundary.
            let mut next = byte + STEP;
            if next >= text.len() {
                break;
            }
            while !text.is_char_boundary(next) {
                next -= 1;
            }
            // Chars are counted by their first bytes (not 0b10xx_xxxx).
            chars += bytes
                .get(byte..next)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            byte = next;
            marks.push((byte, chars));
        }
        CharIndex { marks }
    }

    /// The number of chars before byte offset `byte` (a char boundary).
    pub(crate) fn chars_before(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        // The first mark is (0, 0), so the point is at least 1.
        let i = self.marks.partition_point(|&(b, _)| b <= byte);
        let (b0, c0) = i
            .checked_sub(1)
            .and_then(|i| self.marks.get(i))
            .map_or((0, 0), |&m| m);
        c0 + text.get(b0..byte).map_or(0, |s| s.chars().count())
    }
}

/// Everything hadath found in one article.
///
/// Serialize it with serde for the JSON the CLI prints. Lists are in order
/// of position in the text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Document {
    /// The document date used to resolve relative times, if one was given
    /// (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`).
    pub date: Option<String>,
    /// Length of the input in bytes.
    pub len: usize,
    /// Sentences, chrome lines included.
    pub sentences: Vec<Sentence>,
    /// Lines that are page furniture or repeats rather than article text.
    pub chrome: Vec<ChromeLine>,
    /// Actor, person and place mentions.
    pub entities: Vec<crate::gazetteer::Entity>,
    /// Numbers and amounts.
    pub quantities: Vec<crate::number::Quantity>,
    /// Dates, times and periods.
    pub times: Vec<crate::time::TimeMention>,
    /// Event mentions: one per trigger, in text order. This is the list
    /// the gold scorer reads.
    pub events: Vec<crate::event::Event>,
    /// The document-level view: mentions that report the same event
    /// (a repeated headline, a lede and its restatement) merged.
    pub document_events: Vec<crate::event::DocumentEvent>,
}
