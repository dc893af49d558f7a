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

/// Counts chars up to byte offsets in O(1) per query: for every 64
/// bytes of the text, which of them start a char (a bit each) and how
/// many chars start before them.
#[derive(Clone, Debug)]
pub(crate) struct CharIndex {
    /// For block `k` (bytes `64 * k..64 * k + 64`, one more block than
    /// whole ones): the bits of its bytes that start a char, byte
    /// `8 * w + p` of the block as bit `8 * p + w` (see [`below`]; none
    /// past the text's end), and the number of chars that start before
    /// the block.
    blocks: Vec<(u64, usize)>,
}

/// For an offset `r` in a block, the bits of [`CharIndex`]'s layout
/// that stand for the block's bytes before `r`: bits `0..w` of every
/// byte for the eights before (`w = r / 8`), and bit `w` of the bytes
/// before `p = r % 8`.
const fn below_bits(r: usize) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let (w, p) = (r / 8 % 8, r % 8);
    ((1u64 << w) - 1) * ONES + ((ONES & ((1u64 << (8 * p)) - 1)) << w)
}

/// [`below_bits`] of every offset in a block.
const BELOW: [u64; 64] = {
    let mut table = [0u64; 64];
    let mut rest: &mut [u64] = &mut table;
    let mut r = 0;
    while let [slot, tail @ ..] = rest {
        *slot = below_bits(r);
        rest = tail;
        r += 1;
    }
    table
};

/// [`below_bits`] of `r` (below 64), from the table.
#[inline]
fn below(r: usize) -> u64 {
    BELOW.get(r % 64).copied().unwrap_or_default()
}

/// The bits of one 64-byte block that start a char, in [`CharIndex`]'s
/// layout: byte `p` of each eight read little-endian stays in byte `p`,
/// and the `w`th eight take bit `w` of each byte, so no bit gathering is
/// needed.
#[inline]
fn block_starts(block: &[u8; 64]) -> u64 {
    let mut cont = 0;
    for (w, eight) in block.chunks_exact(8).enumerate() {
        let x = <[u8; 8]>::try_from(eight)
            .map(u64::from_le_bytes)
            .unwrap_or_default();
        // Continuation bytes (bit 7 set, bit 6 clear): bit 7 of the byte.
        let c = x & !(x << 1) & 0x8080_8080_8080_8080;
        cont |= c >> (7 - w);
    }
    !cont
}

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut chars = 0;
        let whole = bytes.chunks_exact(64);
        let rest = whole.remainder();
        // A mapped exact-size iterator: no capacity test per block.
        blocks.extend(whole.map(|chunk| {
            let bits = <&[u8; 64]>::try_from(chunk)
                .map(block_starts)
                .unwrap_or_default();
            let before = chars;
            chars += bits.count_ones() as usize;
            (bits, before)
        }));
        // The last bytes, padded with zeros that are no bytes of the text.
        let mut last = [0u8; 64];
        if let Some(l) = last.get_mut(..rest.len()) {
            l.copy_from_slice(rest);
        }
        let valid = below(rest.len());
        blocks.push((block_starts(&last) & valid, chars));
        CharIndex { blocks }
    }

    /// The number of chars that start before byte offset `byte` (clamped
    /// to the text's length).
    #[inline]
    pub(crate) fn chars_before(&self, byte: usize) -> usize {
        // The last block holds fewer than 64 bytes: its byte 63 is none,
        // so any offset past it counts as its last.
        let last = 64 * self.blocks.len().saturating_sub(1) + 63;
        let byte = byte.min(last);
        let (bits, before) =
            self.blocks.get(byte / 64).copied().unwrap_or_default();
        before + (bits & below(byte % 64)).count_ones() as usize
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

    /// The index counts what `chars().count()` counts, at every byte
    /// offset (a char boundary or not) and past the end.
    #[test]
    fn char_index_counts_chars() {
        let mut texts = crate::test_texts::articles();
        texts.extend(crate::test_texts::peer_texts().into_iter().take(200));
        texts.extend(["".to_string(), "a".repeat(64), "ب".repeat(64)]);
        for n in 0..140 {
            texts.push("ab€ب".chars().cycle().take(n).collect());
        }
        for t in &texts {
            let index = CharIndex::new(t);
            let mut chars = 0;
            for b in 0..=t.len() {
                assert_eq!(index.chars_before(b), chars, "{b}");
                if b < t.len() && t.is_char_boundary(b) {
                    chars += 1;
                }
            }
            let all = t.chars().count();
            assert_eq!(chars, all);
            for past in [1, 63, 64, 65, 1000] {
                assert_eq!(index.chars_before(t.len() + past), all);
            }
        }
    }
}
