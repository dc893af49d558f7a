//! The output model: a [`Document`] and its mentions.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::text::{ChromeLine, Sentence};
use crate::{LocText, Span};
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
    /// The original text of the span (shared with the document's other
    /// locations: see [`LocText`]).
    pub text: LocText,
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

/// Counts chars up to byte offsets in O(1) per query.
#[derive(Clone, Debug)]
pub(crate) struct CharIndex {
    /// The number of chars that start before byte `k * STEP`, for every
    /// `k` up to the text's length.
    marks: Vec<usize>,
}

const STEP: usize = 32;

/// The number of chars that start in `b[s..e]` (its bytes that are not
/// `0b10xx_xxxx`), eight bytes at a time; the last few are read as eight
/// when `b` goes on past them.
pub(crate) fn char_starts(b: &[u8], s: usize, e: usize) -> usize {
    // The number of continuation bytes (bit 7 set, bit 6 clear) among
    // eight: their bit 7, summed in the top byte.
    let continuations = |x: u64| {
        let cont = x & !(x << 1) & 0x8080_8080_8080_8080;
        ((cont >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
    };
    let eight = |i: usize| {
        b.get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            .map(u64::from_le_bytes)
    };
    let mut i = s;
    let mut n = 0;
    while i + 8 <= e {
        n += 8 - continuations(eight(i).unwrap_or_default());
        i += 8;
    }
    let rest = e.saturating_sub(i);
    match eight(i) {
        // Zero bytes in place of those past `e`: no continuation.
        Some(x) if rest > 0 => {
            n + rest - continuations(x & ((1u64 << (8 * rest)) - 1))
        }
        _ => {
            let tail = b.get(i..e).unwrap_or_default();
            n + tail.iter().filter(|&&x| (x as i8) >= -0x40).count()
        }
    }
}

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        let mut chars = 0;
        marks.push(0);
        for chunk in text.as_bytes().chunks_exact(STEP) {
            chars += char_starts(chunk, 0, STEP);
            marks.push(chars);
        }
        CharIndex { marks }
    }

    /// The number of chars before byte offset `byte` (a char boundary).
    pub(crate) fn chars_before(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        let k = byte / STEP;
        let mark = self.marks.get(k).copied().unwrap_or_default();
        mark + char_starts(text.as_bytes(), k * STEP, byte)
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::CharIndex;

    /// The index counts what `chars().count()` counts, at every boundary.
    #[test]
    fn char_index_counts_chars() {
        let mut texts = crate::test_texts::articles();
        texts.extend(crate::test_texts::peer_texts().into_iter().take(200));
        texts.extend(["".to_string(), "a".repeat(64), "ب".repeat(64)]);
        for t in &texts {
            let index = CharIndex::new(t);
            let mut chars = 0;
            for (b, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(index.chars_before(t, b), chars);
                chars += 1;
            }
            assert_eq!(index.chars_before(t, t.len() + 5), chars - 1);
            // Any slice, as a mention's char length is counted.
            let mut ends: Vec<usize> =
                t.char_indices().map(|(b, _)| b).step_by(7).collect();
            // Slices that end where the text ends, or just before.
            ends.extend(t.char_indices().rev().take(10).map(|(b, _)| b));
            ends.push(t.len());
            for w in ends.windows(3).filter(|w| w[0] <= w[2]) {
                let s = &t[w[0]..w[2]];
                assert_eq!(
                    super::char_starts(t.as_bytes(), w[0], w[2]),
                    s.chars().count()
                );
            }
        }
    }
}
