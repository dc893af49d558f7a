//! The extraction rules: triggers, type, arguments and attributes.
//!
//! Rules work sentence by sentence over the normalized words, with the
//! entity, quantity and time mentions placed on those words. They look at
//! bounded word windows around the trigger (so a sentence of any length
//! costs time linear in its length), never at a seed's wording.
//!
//! Arguments are filled in order of evidence: the syntax around the
//! trigger first (construct state, VSO and SVO order, target markers),
//! then the sentence (its speaker or source, the nearest actors), then the
//! document (the party named last, the place and time of the lede).

use super::lexicon::{
    EventLexicon, Pos, Reading, Referent, TriggerType, WordSet, Words,
};
use super::view;
use super::{Event, EventType, Genericity, Modality, Polarity, Tense};
use crate::extractor::Prepared;
use crate::gazetteer::Entity;
use crate::number::Quantity;
use crate::text::{for_each_clitic_split, ChromeKind, Word};
use crate::time::TimeMention;
use core::ops::Range;

/// Words that start a new clause: negation and future cues do not cross
/// them.
const CLAUSE_BREAKERS: [&str; 9] =
    ["بينما", "لكن", "لكنه", "لكنها", "فيما", "حيث", "حين", "كما", "الا"];

/// Whether a word is one of [`CLAUSE_BREAKERS`]: its length (every
/// breaker has three to five letters) and first four bytes are compared
/// before its text.
#[inline]
fn is_clause_breaker(w: &[u8]) -> bool {
    fn head(s: &[u8]) -> Option<u32> {
        let b = s.get(..4)?;
        <[u8; 4]>::try_from(b).ok().map(u32::from_le_bytes)
    }
    if !matches!(w.len(), 6 | 8 | 10) {
        return false;
    }
    let h = head(w);
    CLAUSE_BREAKERS.iter().any(|b| {
        b.len() == w.len() && head(b.as_bytes()) == h && b.as_bytes() == w
    })
}

/// One bit per clause breaker: bit `h >> 58` of its [`token_hash`] `h`
/// (9 of 64 bits), so that most words are found not to be one by their
/// hash alone.
///
/// [`token_hash`]: crate::hash::token_hash
fn clause_breaker_bits() -> u64 {
    CLAUSE_BREAKERS
        .iter()
        .fold(0, |bits, b| bits | 1 << (crate::hash::str_hash(b) >> 58))
}

/// Whether a word of the text `text` is a clause breaker: its bit in
/// `bits` ([`clause_breaker_bits`]) is tested by its hash before its
/// bytes are read.
#[inline]
fn is_clause_breaker_hashed(text: &[u8], w: &Word, bits: u64) -> bool {
    bits >> (w.hash >> 58) & 1 != 0
        && is_clause_breaker(text.get(w.range()).unwrap_or_default())
}

/// Whether the gap between two words (its bytes) holds strong
/// punctuation: it is not one space and has one of `;:.?!-(` (ASCII, so
/// its bytes are found as the chars are).
#[inline]
fn is_strong_gap(gap: &[u8]) -> bool {
    gap != b" " && gap.iter().any(|&b| is_strong_byte(b))
}

/// Whether a one-byte gap between two words is strong punctuation (as
/// [`is_strong_gap`] finds it): one load from a table of the bytes
/// `;:.?!-(`, instead of a range test and a bit test for every gap
/// (most are one space). (Tested against the `matches!` of the bytes.)
#[inline]
fn is_strong_byte(b: u8) -> bool {
    // In bounds for every byte: no check is left.
    STRONG_BYTES.get(usize::from(b)).copied().unwrap_or(false)
}

/// [`is_strong_byte`]'s answer for every byte.
static STRONG_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte: u32 = 0;
    let mut rest: &mut [bool] = &mut table;
    while let [slot, tail @ ..] = rest {
        *slot = matches!(
            byte as u8,
            b';' | b':' | b'.' | b'?' | b'!' | b'-' | b'('
        );
        byte += 1;
        rest = tail;
    }
    table
};

/// Relative pronouns (normalized).
const RELATIVES: [&str; 5] = ["التي", "الذي", "الذين", "اللتي", "اللذين"];

/// How far (in words) a cue may stand before the trigger.
const CUE_WINDOW: usize = 6;

/// How far (in words) after the trigger a target may stand.
const TARGET_WINDOW: usize = 12;

/// The words of a sentence from one of them on, as a [`WordSet`]
/// phrase reads them (each sliced from the text when asked for).
struct WordsFrom<'s, 'a>(&'s Sentence<'a>, usize);

impl<'a> Words<'a> for WordsFrom<'_, 'a> {
    fn count(&self) -> usize {
        self.0.len().saturating_sub(self.1)
    }

    fn word(&self, k: usize) -> Option<&'a str> {
        self.0.word(self.1.checked_add(k)?)
    }
}

/// What [`Sentence::cues_before`] finds before a trigger.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct CuesBefore {
    negation: bool,
    future: bool,
    disputed: bool,
}

/// A mention placed on the words of a sentence (inclusive word indices).
#[derive(Clone, Copy, Debug)]
struct Placed {
    first: usize,
    last: usize,
    idx: usize,
    /// The first word carries a preposition before the name (`لقوات`,
    /// `بغطاء`).
    prep: bool,
}

/// Where a trigger stands, with what its argument finders read.
#[derive(Clone, Copy)]
struct Site<'r, 'a> {
    inp: &'r Inputs<'a>,
    all: &'r Ents<'a>,
    s: &'r Sentence<'a>,
    /// The sentence index.
    si: usize,
    /// The trigger's first and last words.
    i: usize,
    last: usize,
}

/// Where a word's keys and readings lie in the document's lists of them
/// (both empty for most words).
#[derive(Clone, Copy, Debug, Default)]
struct Parts {
    keys: (u32, u32),
    readings: (u32, u32),
    /// How many words of the sentence before this one have keys (set
    /// per occurrence, not kept in [`Seen`]).
    rank: u32,
}

/// A length or index of the document's analysis lists as a [`Parts`]
/// bound (lists that long hold more words than a document can).
fn bound(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The words of a document analysed so far, found by their hash: an
/// open-addressing table (top bits of the hash, linear probing) of
/// indices into the list of words, their hashes and their parts (four
/// bytes a slot, so that the table is small to clear).
struct Seen<'a> {
    /// `1 + index into words`; 0: empty.
    slots: Vec<u32>,
    shift: u32,
    words: Vec<(u64, &'a str, Parts)>,
}

impl<'a> Seen<'a> {
    /// An empty table with room for `n` words at most half full.
    fn with_room(n: usize) -> Self {
        let size = n.saturating_mul(2).next_power_of_two().max(16);
        Seen {
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
            words: Vec::with_capacity(n),
        }
    }

    /// The first slot to probe for `hash`.
    #[inline]
    fn home(&self, hash: u64) -> usize {
        usize::try_from(hash >> self.shift).unwrap_or_default()
    }

    /// The parts of `word` (its bytes, of hash `hash`), if it was
    /// analysed.
    #[inline]
    fn get(&self, hash: u64, word: &[u8]) -> Option<Parts> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        loop {
            let k = *self.slots.get(i)? as usize;
            let &(h, w, parts) = self.words.get(k.checked_sub(1)?)?;
            // Equal hashes: the bytes compared without a call for most
            // words (`same_token`).
            if h == hash && crate::hash::same_token(w.as_bytes(), word) {
                return Some(parts);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds a word not in the table (doubling the table when half full).
    fn insert(&mut self, hash: u64, word: &'a str, parts: Parts) {
        if (self.words.len() + 1) * 2 > self.slots.len() {
            let size = self.slots.len() * 2;
            self.slots = vec![0; size];
            self.shift = 64 - size.trailing_zeros();
            let words = core::mem::take(&mut self.words);
            for (k, &(h, ..)) in words.iter().enumerate() {
                self.place(h, k + 1);
            }
            self.words = words;
        }
        self.words.push((hash, word, parts));
        self.place(hash, self.words.len());
    }

    /// Puts entry `k` in the first empty slot from `hash`'s home on.
    fn place(&mut self, hash: u64, k: usize) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        while let Some(slot) = self.slots.get_mut(i) {
            if *slot == 0 {
                *slot = bound(k);
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

struct Sentence<'a> {
    text: &'a str,
    /// The words of the sentence in the document's word list.
    ranges: &'a [Word],
    /// [`clause_breaker_bits`].
    breakers: u64,
    /// The [`token_hash`](crate::hash::token_hash)es of [`RELATIVES`].
    relatives: [u64; 5],
    /// The vocabulary keys of every distinct word of the document read
    /// so far, one word after the other (kept from sentence to sentence).
    keys: Vec<u32>,
    /// The trigger readings of every distinct word of the document read
    /// so far, as `keys`.
    readings: Vec<Reading<'a, 'a>>,
    /// The analysis of each word of the document that the core filter
    /// let through, by its hash: the word and its parts of `keys` and
    /// `readings` (a word seen again is not analysed again).
    seen: Seen<'a>,
    /// The parts of `keys` and `readings` of each word of the sentence.
    parts: Vec<Parts>,
    /// The words that have readings, in order.
    with_readings: Vec<usize>,
    /// The words that have keys, in order.
    with_keys: Vec<usize>,
    /// The words `j` (in order) after which strong punctuation or a
    /// clause breaker stands, between word `j` and word `j + 1`.
    breaks: Vec<usize>,
    actors: Vec<Placed>,
    /// The actors referent words add ([`resolve_referents`]'s buffer).
    added: Vec<Placed>,
    places: Vec<Placed>,
    counts: Vec<Placed>,
    times: Vec<Placed>,
    headline: bool,
    /// Who the sentence attributes its report to.
    source: Option<usize>,
    /// An actor that opens the sentence and speaks: `روسيا: سنقصف`.
    speaker: Option<usize>,
}

impl<'a> Sentence<'a> {
    /// An empty sentence of `text`, to be filled, with room for `words`
    /// words (the document's longest sentence), so that the word
    /// buffers never grow.
    fn new(text: &'a str, words: usize, doc_words: usize) -> Self {
        const MENTIONS: usize = 16;
        Sentence {
            text,
            ranges: &[],
            breakers: clause_breaker_bits(),
            relatives: RELATIVES.map(crate::hash::str_hash),
            // About one word in five passes the core filter, and many
            // of those come back.
            seen: Seen::with_room(doc_words / 4),
            keys: Vec::with_capacity(doc_words / 4),
            readings: Vec::with_capacity(doc_words / 16),
            parts: Vec::with_capacity(words),
            with_readings: Vec::with_capacity(MENTIONS),
            with_keys: Vec::with_capacity(MENTIONS),
            breaks: Vec::with_capacity(MENTIONS),
            actors: Vec::with_capacity(MENTIONS),
            added: Vec::new(),
            places: Vec::with_capacity(MENTIONS),
            counts: Vec::with_capacity(MENTIONS),
            times: Vec::with_capacity(MENTIONS),
            headline: false,
            source: None,
            speaker: None,
        }
    }

    /// Empties the sentence, keeping its buffers and the analyses of the
    /// document's words.
    fn clear(&mut self) {
        self.ranges = &[];
        self.parts.clear();
        self.with_readings.clear();
        self.with_keys.clear();
        self.breaks.clear();
        self.actors.clear();
        self.places.clear();
        self.counts.clear();
        self.times.clear();
        self.headline = false;
        self.source = None;
        self.speaker = None;
    }

    /// Reads the words of `ranges` (the sentence's part of the
    /// document's word list) in one walk: the breaks between them (a
    /// word's index pushed when one follows it, mostly none) and their
    /// analysis (the keys and the trigger readings of their clitic
    /// splits, each word once; most words stop at the core filter).
    /// Out of line: the walk keeps more of its state in registers than
    /// inside `extract`.
    #[inline(never)]
    fn read_words(&mut self, lex: &'a EventLexicon, ranges: &'a [Word]) {
        let text = self.text;
        let bytes = text.as_bytes();
        self.ranges = ranges;
        let breakers = self.breakers;
        let breaks = &mut self.breaks;
        let (keys, readings) = (&mut self.keys, &mut self.readings);
        let seen = &mut self.seen;
        let (with_keys, with_readings) =
            (&mut self.with_keys, &mut self.with_readings);
        // The list is sized first and then written by one walk (no
        // capacity test per word; room made once, in `new`).
        self.parts.resize(ranges.len(), Parts::default());
        // How many words before this one have keys (`with_keys.len()`).
        let mut rank = bound(with_keys.len());
        // Where the word before ends; for the first word, where it
        // starts (an empty gap, which breaks nothing), so that no word
        // asks whether it has one before it.
        let mut end = ranges.first().map_or(0, |w| w.start);
        for (j, (w, part)) in ranges.iter().zip(&mut self.parts).enumerate() {
            // The gap is mostly one space, which breaks nothing: a
            // one-byte gap is found by where the word starts, and its
            // byte read alone.
            let strong = if w.start == end + 1 {
                bytes.get(end).is_some_and(|&c| is_strong_byte(c))
            } else {
                is_strong_gap(bytes.get(end..w.start).unwrap_or_default())
            };
            if strong || is_clause_breaker_hashed(bytes, w, breakers) {
                // After the word before (a clause breaker that opens the
                // sentence follows no word).
                if let Some(before) = j.checked_sub(1) {
                    breaks.push(before);
                }
            }
            end = w.end;
            part.rank = rank;
            // The whole word's hash first: its bytes are read only when
            // the filter rejects it and it may end in an enclitic.
            if !lex.may_have_stem(bytes, w) {
                continue;
            }
            let word = bytes.get(w.range()).unwrap_or_default();
            let mut parts = match seen.get(w.hash, word) {
                Some(parts) => parts,
                None => {
                    let word = text.get(w.range()).unwrap_or_default();
                    let before = (keys.len(), readings.len());
                    lex.analyse_split(word, w.hash, keys, readings);
                    let parts = Parts {
                        keys: (bound(before.0), bound(keys.len())),
                        readings: (bound(before.1), bound(readings.len())),
                        rank: 0,
                    };
                    seen.insert(w.hash, word, parts);
                    parts
                }
            };
            parts.rank = rank;
            if parts.keys.1 > parts.keys.0 {
                with_keys.push(j);
                rank = rank.saturating_add(1);
            }
            if parts.readings.1 > parts.readings.0 {
                with_readings.push(j);
            }
            *part = parts;
        }
    }

    /// Whether strong punctuation or a clause breaker stands between word
    /// `a` and word `b` (a < b).
    #[cfg(test)]
    fn clause_break(&self, a: usize, b: usize) -> bool {
        let b = b.min(self.len());
        let k = self.breaks.partition_point(|&x| x < a);
        self.breaks.get(k).is_some_and(|&x| x < b)
    }

    /// The first word `j` of `from..hi` that a break stands before (right
    /// after word `j - 1`), if any: one search of the list of breaks
    /// instead of a [`Sentence::clause_break`] test per word. (Tested
    /// against that walk.)
    fn break_before(&self, from: usize, hi: usize) -> Option<usize> {
        let from = from.max(1);
        // The first break after word `from - 1` or later; a later one
        // stands before a later word.
        let k = self.breaks.partition_point(|&x| x + 1 < from);
        self.breaks.get(k).map(|&x| x + 1).filter(|&j| j < hi)
    }

    /// The first word of the clause that holds word `i`, at most `max`
    /// words back.
    fn clause_start(&self, i: usize, max: usize) -> usize {
        let lo = i.saturating_sub(max);
        let hi = i.min(self.len());
        let k = self.breaks.partition_point(|&x| x < hi);
        k.checked_sub(1)
            .and_then(|k| self.breaks.get(k))
            .filter(|&&x| x >= lo)
            .map_or(lo, |&x| x + 1)
    }

    /// Whether a word of `range` (clipped to the sentence) is in the set.
    fn has(&self, set: &WordSet, range: Range<usize>) -> bool {
        self.keyed(range).iter().any(|&j| self.starts(j, set))
    }

    /// The words of `range` that have keys, in order: the only ones a
    /// word set can match ([`Sentence::starts`] and [`Sentence::word_in`]
    /// answer no for the others).
    fn keyed(&self, range: Range<usize>) -> &[usize] {
        let rank = |j: usize| {
            self.parts.get(j).map_or(self.with_keys.len(), |p| p.rank as usize)
        };
        let (a, b) = (rank(range.start), rank(range.end));
        self.with_keys.get(a..b.max(a)).unwrap_or_default()
    }

    /// How many words the sentence has.
    fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Word `j`, if the sentence has one (sliced from the text).
    fn word(&self, j: usize) -> Option<&'a str> {
        let w = self.ranges.get(j)?;
        Some(self.text.get(w.range()).unwrap_or_default())
    }

    /// Whether word `j` is one of [`RELATIVES`]: its hash is compared
    /// with theirs before its text.
    fn is_relative(&self, j: usize) -> bool {
        self.ranges.get(j).is_some_and(|w| self.relatives.contains(&w.hash))
            && self.word(j).is_some_and(|w| RELATIVES.contains(&w))
    }

    /// The word before word `j`, if there is one.
    fn prev(&self, j: usize) -> Option<&'a str> {
        self.word(j.checked_sub(1)?)
    }

    /// The vocabulary keys of word `j` (none past the end).
    fn keys(&self, j: usize) -> &[u32] {
        let part = self.parts.get(j).map_or((0, 0), |p| p.keys);
        self.keys.get(part.0 as usize..part.1 as usize).unwrap_or_default()
    }

    /// The trigger readings of word `j`.
    fn readings(&self, j: usize) -> &[Reading<'a, 'a>] {
        let part = self.parts.get(j).map_or((0, 0), |p| p.readings);
        let part = part.0 as usize..part.1 as usize;
        self.readings.get(part).unwrap_or_default()
    }

    /// Whether word `j` (or one of its stems) is in the set.
    fn word_in(&self, j: usize, set: &WordSet) -> bool {
        set.has_keys(self.keys(j))
    }

    /// Whether the set matches (a word or a phrase) from word `j` on.
    fn starts(&self, j: usize, set: &WordSet) -> bool {
        j < self.len() && set.starts(self.keys(j), &WordsFrom(self, j))
    }

    /// Whether word `j` is `w`.
    fn word_is(&self, j: usize, w: &str) -> bool {
        self.word(j) == Some(w)
    }

    /// The cue words before trigger word `i`, in one walk over the
    /// keyed words from the furthest window's start (the clause of ten
    /// words back, which holds those of eight and of `CUE_WINDOW`):
    /// negation in the clause from `clause` on and future from `wide` on
    /// (neither inside a quantity), a disputing word in the clause of ten
    /// words. (Tested against a walk per set.)
    fn cues_before(
        &self,
        i: usize,
        clause: usize,
        wide: usize,
        cues: &super::lexicon::Cues,
    ) -> CuesBefore {
        let far = self.clause_start(i, 10);
        let mut out = CuesBefore::default();
        for &j in self.keyed(far..i) {
            if !out.disputed {
                out.disputed = self.starts(j, &cues.disputed);
            }
            if j >= clause && !out.negation {
                out.negation =
                    self.starts(j, &cues.negation) && !self.in_count(j);
            }
            if j >= wide && !out.future {
                out.future = self.starts(j, &cues.future) && !self.in_count(j);
            }
        }
        out
    }

    /// Whether a word of `range` governs the trigger as a future light
    /// verb: `س` (after an optional `و`) before a light verb (`سيشن`,
    /// `وستبدأ`), on a word with no trigger reading of its own.
    ///
    /// The prefix is tested on the words' bytes as they lie in the text
    /// (no slice as `str`, so no char-boundary test per word); only a
    /// word that has it is sliced and asked of the set. (Tested against
    /// the walk over `str` words.)
    fn future_governor(
        &self,
        range: Range<usize>,
        lex: &EventLexicon,
    ) -> bool {
        let bytes = self.text.as_bytes();
        let range = range.start.min(self.len())..range.end.min(self.len());
        let words = self.ranges.get(range.clone()).unwrap_or_default();
        words.iter().zip(range).any(|(w, j)| {
            let word = bytes.get(w.range()).unwrap_or_default();
            let Some(rest) = after_future_prefix(word) else { return false };
            // `rest` is a suffix of the word, after whole letters.
            let rest = self.text.get(w.end - rest.len()..w.end);
            self.readings(j).is_empty()
                && rest.is_some_and(|r| lex.set_has_word(&lex.cues.light, r))
        })
    }

    /// Whether word `j` lies inside a place mention.
    fn in_place(&self, j: usize) -> bool {
        covering(&self.places, j).is_some()
    }

    /// Whether word `j` lies inside a quantity mention.
    fn in_count(&self, j: usize) -> bool {
        covering(&self.counts, j).is_some()
    }
}

/// What follows the future prefix `س` of a word (its bytes), itself
/// after an optional `و` (`وسيبدأ` → `يبدأ`); `None` for a word without
/// it. The same as stripping `'و'` then `'س'` from the `str`.
fn after_future_prefix(word: &[u8]) -> Option<&[u8]> {
    const WAW: &[u8] = "و".as_bytes();
    const SEEN: &[u8] = "س".as_bytes();
    word.strip_prefix(WAW).unwrap_or(word).strip_prefix(SEEN)
}

/// The mention of a list (sorted by first word) that covers word `j`.
fn covering(list: &[Placed], j: usize) -> Option<&Placed> {
    let k = list.partition_point(|c| c.first <= j);
    list.get(k.checked_sub(1)?).filter(|c| c.last >= j)
}

/// The mentions of a list (sorted by first word) that start at a word in
/// `lo..hi`.
fn within(list: &[Placed], lo: usize, hi: usize) -> &[Placed] {
    let a = list.partition_point(|m| m.first < lo);
    let b = list.partition_point(|m| m.first < hi);
    list.get(a..b.max(a)).unwrap_or_default()
}

/// The mentions of a list (sorted normalized ranges of the document)
/// that start inside `sentence`. The search goes on from `from`, where
/// the last sentence's ended (sentences come in order, so it moves a
/// few steps), and leaves `from` after them.
fn starting_in<'m>(
    mentions: &'m [(Range<usize>, usize)],
    from: &mut usize,
    sentence: &Range<usize>,
) -> &'m [(Range<usize>, usize)] {
    let before = |m: &(Range<usize>, usize)| m.0.start < sentence.start;
    let mut lo = *from;
    // Had the sentences gone back, all before `from` would not be before
    // this one: search the whole list then.
    if lo > 0 && !mentions.get(lo - 1).is_some_and(before) {
        lo = mentions.partition_point(before);
    }
    while mentions.get(lo).is_some_and(before) {
        lo += 1;
    }
    let mut hi = lo;
    while mentions.get(hi).is_some_and(|m| m.0.start < sentence.end) {
        hi += 1;
    }
    *from = hi;
    mentions.get(lo..hi).unwrap_or_default()
}

/// Places the mentions of a sentence (`inside`: those that start in it,
/// as [`starting_in`] finds them; those that end in it) on its words,
/// handing each to `put` with its index. The mentions come sorted by
/// start, so a mention's first word is found by going on from the last
/// one's (eight words a step, then one), and its last by going on from
/// its first (a few words each).
fn place(
    text: &str,
    ranges: &[Word],
    inside: &[(Range<usize>, usize)],
    sentence: &Range<usize>,
    mut put: impl FnMut(usize, Placed),
) {
    let mut first = 0;
    for (r, idx) in inside {
        if r.end > sentence.end {
            continue;
        }
        // The words that end before the mention starts: eight at a time
        // while the word eight on ends before it (the words are in
        // order), then one by one.
        while ranges.get(first + 8).is_some_and(|w| w.end <= r.start) {
            first += 8;
        }
        while ranges.get(first).is_some_and(|w| w.end <= r.start) {
            first += 1;
        }
        // The words that start before the mention ends (none of those
        // before `first` end after it starts).
        let mut last_excl = first;
        while ranges.get(last_excl).is_some_and(|w| w.start < r.end) {
            last_excl += 1;
        }
        if first < last_excl {
            let prefix = ranges
                .get(first)
                .and_then(|w| text.get(w.start..r.start))
                .unwrap_or("");
            let prep = has_preposition_letter(prefix.as_bytes());
            put(*idx, Placed { first, last: last_excl - 1, idx: *idx, prep });
        }
    }
}

/// Whether text (its bytes) holds `ب`, `ل` or `ك`, as
/// `contains(['ب', 'ل', 'ك'])` on the `str` would find them: two-byte
/// letters whose first byte (0xD8, 0xD9) leads a char, so a pair of
/// bytes that equals one is that char, wherever it starts.
fn has_preposition_letter(text: &[u8]) -> bool {
    text.windows(2)
        .any(|p| matches!(p, [0xD8, 0xA8] | [0xD9, 0x84] | [0xD9, 0x83]))
}

/// [`place`] as it was: two binary searches of the words per mention,
/// for the test against the walk.
#[cfg(test)]
fn place_by_search(
    out: &mut Vec<Placed>,
    text: &str,
    ranges: &[Word],
    inside: &[(Range<usize>, usize)],
    sentence: &Range<usize>,
) {
    for (r, idx) in inside {
        if r.end > sentence.end {
            continue;
        }
        let first = ranges.partition_point(|w| w.end <= r.start);
        let last_excl = ranges.partition_point(|w| w.start < r.end);
        if first < last_excl {
            let prefix = ranges
                .get(first)
                .and_then(|w| text.get(w.start..r.start))
                .unwrap_or("");
            let prep = prefix.contains(['ب', 'ل', 'ك']);
            out.push(Placed { first, last: last_excl - 1, idx: *idx, prep });
        }
    }
}

/// Everything the rules read.
pub(crate) struct Inputs<'a> {
    pub(crate) p: &'a Prepared<'a>,
    pub(crate) lex: &'a EventLexicon,
    pub(crate) gazetteer: &'a crate::Gazetteer,
    pub(crate) entities: &'a [Entity],
    pub(crate) quantities: &'a [Quantity],
    pub(crate) times: &'a [TimeMention],
}

/// The document's entities, with the actors that referent words
/// (`التنظيم`, `الجهاديون`) add as the rules go.
struct Ents<'a> {
    base: &'a [Entity],
    extra: Vec<Entity>,
    /// Whether each entity (`base`, then `extra`) can act
    /// ([`view::can_act`], asked once per entity).
    acts: Vec<bool>,
    /// Whether each entity fights only from the air ([`is_air_id`]):
    /// 0 not asked yet, 1 no, 2 yes (asked once per entity).
    air: Vec<core::cell::Cell<u8>>,
}

impl State {
    /// The actors named in the last `n` sentences before sentence `si`,
    /// nearest first: what a pronoun or an implied party can point to.
    fn recent_actors(
        &self,
        si: usize,
        n: usize,
    ) -> impl Iterator<Item = usize> + '_ {
        self.actors_seen
            .iter()
            .zip(&self.seen_in)
            .rev()
            .take_while(move |(_, &at)| at + n >= si)
            .map(|(&a, _)| a)
    }
}

impl<'a> Ents<'a> {
    /// The document's entities, with no referents yet.
    fn new(base: &'a [Entity]) -> Self {
        let mut acts = Vec::with_capacity(base.len() + 16);
        acts.extend(base.iter().map(view::can_act));
        // Room for the referents' marks too (made once).
        let mut air = Vec::with_capacity(base.len() + 16);
        air.resize(base.len(), core::cell::Cell::new(0));
        Ents { base, extra: Vec::new(), acts, air }
    }

    /// Adds a referent's entity; answers its index.
    fn push(&mut self, e: Entity) -> usize {
        // Entities are large: room for the document's referents made
        // once, at the first (most documents have none).
        if self.extra.capacity() == 0 {
            self.extra.reserve(16);
        }
        self.acts.push(view::can_act(&e));
        self.air.push(core::cell::Cell::new(0));
        self.extra.push(e);
        self.base.len() + self.extra.len() - 1
    }

    /// Whether entity `idx` exists and can act ([`view::can_act`]).
    #[inline]
    fn can_act(&self, idx: usize) -> bool {
        self.acts.get(idx).copied().unwrap_or(false)
    }

    fn get(&self, idx: usize) -> Option<&Entity> {
        match idx.checked_sub(self.base.len()) {
            Some(k) => self.extra.get(k),
            None => self.base.get(idx),
        }
    }

    /// Whether entity `idx` exists and passes the test.
    fn is(&self, idx: usize, test: impl FnOnce(&Entity) -> bool) -> bool {
        self.get(idx).is_some_and(test)
    }

    /// The gazetteer id of entity `idx`.
    fn id(&self, idx: usize) -> Option<&str> {
        self.get(idx).and_then(view::entity_id)
    }
}

/// What the rules remember across sentences (entity and time indices).
#[derive(Debug, Default)]
struct State {
    /// Actors named so far, in order.
    actors_seen: Vec<usize>,
    /// The sentence each of `actors_seen` was named in.
    seen_in: Vec<usize>,
    /// The last strike: its type, agent, sentence and the word its
    /// trigger ended at (for "القصف" that refers back to it, and for the
    /// weapon named after it: "قصف ... بقذائف").
    last_strike: Option<(EventType, Option<usize>, usize, usize)>,
    /// The last place named (not a country).
    last_place: Option<usize>,
    /// The last time named earlier on the current line.
    line_time: Option<usize>,
    /// The last time named in the previous two sentences.
    recent_time: Option<usize>,
    /// The agent of the last strike, attack or clash: who caused a toll
    /// reported after it.
    last_cause: Option<usize>,
    /// The last offensive or strike: (sentence, agent, target), for the
    /// side that withdraws after it.
    last_attack: Option<(usize, Option<usize>, Option<usize>)>,
}

pub(crate) fn extract(inp: &Inputs<'_>) -> Vec<Event> {
    let p = inp.p;
    let text = p.norm.as_str();
    let norm_of = |span: crate::Span| p.norm.normalized_range(span);
    let sorted = |mut v: Vec<(Range<usize>, usize)>| {
        v.sort_by_key(|(r, i)| (r.start, *i));
        v
    };
    // An entity carries its normalized range (the one `norm_of` would
    // give back from its span; tested).
    let ents = sorted(
        inp.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (view::entity_norm(e), i))
            .collect(),
    );
    let quants = sorted(
        inp.quantities
            .iter()
            .enumerate()
            .filter(|(_, q)| view::is_count(q))
            .map(|(i, q)| (norm_of(q.loc.span()), i))
            .collect(),
    );
    let times = sorted(
        inp.times
            .iter()
            .enumerate()
            .filter(|(_, t)| view::has_event_time(t))
            .map(|(i, t)| (norm_of(t.loc.span()), i))
            .collect(),
    );

    let mut all = Ents::new(inp.entities);
    let mut listed = Listed::new(inp.lex.referents.len(), inp.entities.len());
    // Up to about two events per sentence: events are large, so the
    // vector is sized once rather than grown by copying.
    let mut events: Vec<Event> = Vec::with_capacity(2 * p.sentences.len());
    // Each sentence adds its actors (the entities, and the referents
    // that come back to them): room for the entities made once.
    let mut state = State {
        actors_seen: Vec::with_capacity(inp.entities.len()),
        seen_in: Vec::with_capacity(inp.entities.len()),
        ..State::default()
    };
    let mut line_time: Option<(usize, usize)> = None;
    // The last time of each of the last two sentences read (the older
    // first).
    let mut recent: [Option<usize>; 2] = [None, None];
    let first_line =
        p.sentences.iter().find(|s| s.chrome.is_none()).map(|s| s.line);

    // One sentence's buffers, refilled for every sentence.
    let longest = p.sentences.iter().map(|s| s.words.len()).max();
    let mut sent = Sentence::new(text, longest.unwrap_or(0), p.words.len());
    // Where the search of each mention list goes on.
    let mut from = (0, 0, 0);
    for (si, s) in p.sentences.iter().enumerate() {
        // Captions and widgets tell nothing about the article's events,
        // and nothing read in them is kept: they are not read at all.
        if matches!(s.chrome, Some(k) if k != ChromeKind::Repeat) {
            continue;
        }
        sent.clear();
        sent.read_words(
            inp.lex,
            p.words.get(s.words.clone()).unwrap_or_default(),
        );
        // The mentions of this sentence: a slice of each sorted list.
        let at = &s.norm;
        // The entities placed once for the actors and the places.
        let inside = starting_in(&ents, &mut from.0, at);
        let (actors, places) = (&mut sent.actors, &mut sent.places);
        place(text, sent.ranges, inside, at, |i, m| {
            // One read of the entity answers both (an actor is no place).
            let Some(e) = inp.entities.get(i) else { return };
            if view::is_actor(e) {
                actors.push(m);
            } else if view::is_place(e) {
                places.push(m);
            }
        });
        let inside = starting_in(&quants, &mut from.1, at);
        place(text, sent.ranges, inside, at, |_, m| sent.counts.push(m));
        let inside = starting_in(&times, &mut from.2, at);
        place(text, sent.ranges, inside, at, |_, m| sent.times.push(m));
        sent.headline = Some(s.line) == first_line;
        merge_appositions(&mut sent.actors, inp.entities);
        resolve_referents(
            inp,
            &mut sent,
            &mut all,
            &state.actors_seen,
            &mut listed,
        );
        // Only the events of a sentence read who it reports: a sentence
        // with no trigger reading has none.
        if !sent.with_readings.is_empty() {
            sent.source = find_source(inp, &all, &sent);
            sent.speaker = find_speaker(&sent);
        }
        state.line_time =
            line_time.filter(|(l, _)| *l == s.line).map(|(_, t)| t);
        let lede = if sent.headline {
            lede_time_ahead(inp, p, si, &times)
        } else {
            None
        };
        sentence_events(inp, &all, &sent, si, lede, &mut state, &mut events);
        state.actors_seen.extend(sent.actors.iter().map(|a| a.idx));
        state.seen_in.extend(sent.actors.iter().map(|_| si));
        if let Some(pl) = sent
            .places
            .iter()
            .rev()
            .find(|pl| !all.is(pl.idx, view::is_country))
        {
            state.last_place = Some(pl.idx);
        }
        if let Some(t) = sent.times.last() {
            line_time = Some((s.line, t.idx));
        }
        let [_, older] = recent;
        let newer = sent.times.last().map(|t| t.idx);
        recent = [older, newer];
        state.recent_time = newer.or(older);
    }
    // Give back the room not used (the allocator shrinks in place).
    events.shrink_to_fit();
    events
}

/// Joins a name and its alias in apposition ("تنظيم الدولة الإسلامية
/// (داعش)"): one party, not two.
fn merge_appositions(actors: &mut Vec<Placed>, entities: &[Entity]) {
    let id = |p: &Placed| entities.get(p.idx).and_then(view::entity_id);
    // Compacts in place: `actors[..kept]` are the merged ones.
    let mut kept = 0usize;
    for k in 0..actors.len() {
        let Some(&a) = actors.get(k) else { break };
        match kept.checked_sub(1).and_then(|p| actors.get_mut(p)) {
            Some(prev)
                if prev.last + 1 == a.first
                    && id(prev) == id(&a)
                    && id(&a).is_some() =>
            {
                prev.last = a.last;
            }
            _ => {
                if let Some(slot) = actors.get_mut(kept) {
                    *slot = a;
                }
                kept += 1;
            }
        }
    }
    actors.truncate(kept);
}

/// For a headline: the first firm time of the next few body sentences.
fn lede_time_ahead(
    inp: &Inputs<'_>,
    p: &Prepared<'_>,
    si: usize,
    times: &[(Range<usize>, usize)],
) -> Option<usize> {
    let body =
        p.sentences.iter().skip(si + 1).filter(|s| s.chrome.is_none()).take(3);
    let mut open = None;
    for s in body {
        let lo = times.partition_point(|(r, _)| r.start < s.norm.start);
        for (r, t) in times.get(lo..).unwrap_or_default() {
            if r.start >= s.norm.end {
                break;
            }
            if inp.times.get(*t).is_some_and(|m| !view::time_is_open(m)) {
                return Some(*t);
            }
            open = open.or(Some(*t));
        }
    }
    open
}

/// How many actors a referent looks back over.
const LOOK_BACK: usize = 40;

/// Which id of a referent's list each entity has (its own id, else the
/// first of its ancestors that is listed), found once per entity and
/// referent of a document: referents look back over the same actors.
struct Listed {
    /// Per entity, one mark per referent: 0 not asked yet, 1 none,
    /// `2 + k` the referent's `ids[k]`.
    /// (Made at the first question, if one comes.)
    marks: Vec<u8>,
    referents: usize,
    /// The room the marks are made with.
    room: usize,
}

impl Listed {
    fn new(referents: usize, entities: usize) -> Self {
        let room = referents * (entities + 16);
        Listed { marks: Vec::new(), referents, room }
    }

    /// The id of referent `r` (number `ri`) that entity `x` has, if any.
    fn get<'r>(
        &mut self,
        all: &Ents<'_>,
        ri: usize,
        r: &'r Referent,
        x: usize,
    ) -> Option<&'r str> {
        let e = all.get(x)?;
        let slot = x * self.referents + ri;
        if self.marks.len() <= slot {
            let room = self.room.max(slot + 1 + 16 * self.referents);
            self.marks.resize(room, 0);
        }
        let mark = self.marks.get(slot).copied().unwrap_or(0);
        let k = match mark {
            0 => {
                let k = listed_id(e, r);
                // A list too long to mark is asked every time.
                let mark = k.map_or(Some(1), |k| u8::try_from(k + 2).ok());
                if let (Some(m), Some(slot)) = (mark, self.marks.get_mut(slot))
                {
                    *slot = m;
                }
                k
            }
            1 => None,
            m => Some(usize::from(m) - 2),
        };
        r.ids.get(k?).map(String::as_str)
    }
}

/// The place in referent `r`'s ids of the entity's id, else of its first
/// listed ancestor.
fn listed_id(e: &Entity, r: &Referent) -> Option<usize> {
    view::entity_id(e)
        .into_iter()
        .chain(view::entity_ancestors(e))
        .find_map(|id| r.ids.iter().position(|l| l == id))
}

/// Adds the referent words of a sentence (`التنظيم` = the organisation
/// named last) as actors, resolved against the actors named before them.
fn resolve_referents(
    inp: &Inputs<'_>,
    s: &mut Sentence<'_>,
    all: &mut Ents<'_>,
    seen: &[usize],
    listed: &mut Listed,
) {
    if inp.lex.referents.is_empty() {
        return;
    }
    // The actors added, kept apart until the end (the search reads the
    // sentence's own): a buffer of the sentence, not a list per call.
    s.added.clear();
    // Most words are in no word set: only those with keys are looked at.
    for &j in &s.with_keys {
        let keys = s.keys(j);
        if !inp.lex.may_be_referent(keys) {
            continue;
        }
        // The word's text is read only for a word that may be one.
        let (Some(w), Some(word)) = (s.word(j), s.ranges.get(j)) else {
            continue;
        };
        let Some((ri, r)) = inp
            .lex
            .referents
            .iter()
            .enumerate()
            .find(|(_, r)| r.words.has_keys(keys))
        else {
            continue;
        };
        if covering(&s.actors, j).is_some() || covering(&s.places, j).is_some()
        {
            continue;
        }
        // "المرحلة الأخيرة" is an adjective; "تقدم الأخيرة" a referent.
        if r.any && s.prev(j).is_some_and(|p| p.starts_with("ال")) {
            continue;
        }
        // The actors before this word: earlier in the sentence, then the
        // document, nearest first; a bounded look back.
        // The last 40 of them, those that can act kept.
        let mut room = [0usize; LOOK_BACK];
        let mut n = 0;
        let here = within(&s.actors, 0, j);
        let here = here.get(here.len().saturating_sub(LOOK_BACK)..);
        let here = here.unwrap_or_default();
        let back = seen.len().saturating_sub(LOOK_BACK - here.len());
        let back = seen.get(back..).unwrap_or_default();
        let mut keep = |x: usize| {
            if all.can_act(x) {
                if let Some(slot) = room.get_mut(n) {
                    *slot = x;
                    n += 1;
                }
            }
        };
        here.iter().rev().for_each(|a| keep(a.idx));
        back.iter().rev().for_each(|&x| keep(x));
        // On the stack: at most 40 of them.
        let earlier = room.get(..n).unwrap_or_default();
        // An id of the list, or the listed ancestor of a descendant.
        let by_id = earlier
            .iter()
            .find_map(|&x| listed.get(all, ri, r, x).map(|id| (x, id)));
        let by_type = || {
            earlier.iter().copied().find(|&x| {
                r.any
                    || all.is(x, |e| {
                        r.types.iter().any(|t| view::entity_type(e) == Some(t))
                    })
            })
        };
        // The referent's span leaves out its proclitics.
        let mut stem = None;
        for_each_clitic_split(w, |sp| {
            if stem.is_none()
                && !sp.proclitics.is_empty()
                && r.words.has_word(sp.stem)
            {
                stem = Some(sp);
            }
        });
        let start =
            stem.map_or(word.start, |sp| word.start + sp.proclitics.len());
        let norm = start..word.end;
        let kind = crate::EntityKind::Actor;
        let from_gazetteer = |id: &str| {
            let g = inp.gazetteer;
            g.entry_index(kind, id).and_then(|k| {
                crate::gazetteer::entity_for(
                    inp.p,
                    g,
                    k,
                    norm.clone(),
                    crate::EntityForm::Name,
                )
            })
        };
        let entity = match by_id {
            Some((x, id)) if all.id(x) != Some(id) => from_gazetteer(id),
            Some((x, _)) => all.get(x).cloned(),
            None => match by_type() {
                Some(x) => all.get(x).cloned(),
                None => r.default.as_deref().and_then(from_gazetteer),
            },
        };
        let Some(mut e) = entity else { continue };
        e.loc = inp.p.loc(norm.clone());
        e.norm = norm;
        let idx = all.push(e);
        s.added.push(Placed {
            first: j,
            last: j,
            idx,
            prep: stem
                .is_some_and(|sp| sp.proclitics.contains(['ب', 'ل', 'ك'])),
        });
    }
    if !s.added.is_empty() {
        s.actors.extend_from_slice(&s.added);
        s.actors.sort_by_key(|a| (a.first, a.idx));
    }
}

#[allow(clippy::too_many_arguments)]
fn sentence_events(
    inp: &Inputs<'_>,
    all: &Ents<'_>,
    s: &Sentence<'_>,
    si: usize,
    lede_time: Option<usize>,
    state: &mut State,
    out: &mut Vec<Event>,
) {
    let lex = inp.lex;
    let first_out = out.len();
    // The sentence's original span, found for its first event.
    let mut sentence_span = None;
    let mut i = 0;
    // Only words with readings can be triggers.
    for &t in &s.with_readings {
        if t < i {
            continue;
        }
        i = t;
        // The first reading of the word whose conditions hold.
        let accepted = s
            .readings(i)
            .iter()
            .find_map(|r| accept(inp, s, i, r).map(|last| (*r, last)));
        let Some((reading, last)) = accepted else {
            i += 1;
            continue;
        };
        let (form, proclitics, enclitic) =
            (reading.form, reading.proclitics, reading.enclitic);
        let Some(entry) = lex.entries.get(form.entry) else {
            i = last + 1;
            continue;
        };
        let strike_entry = matches!(
            entry.ty,
            TriggerType::Strike
                | TriggerType::Fixed(
                    EventType::Shelling | EventType::Airstrike
                )
        );
        // The weapon of a strike just told ("قصف ... بقذائف الهاون") is
        // not a second strike.
        let weapon = strike_entry
            && proclitics.contains('ب')
            && state
                .last_strike
                .is_some_and(|(_, _, at, end)| at == si && i <= end + 4);
        if weapon {
            i = last + 1;
            continue;
        }
        let verb = matches!(form.pos, Pos::PastVerb | Pos::PresentVerb);

        // Who did it.
        let at = Site { inp, all, s, si, i, last };
        let found =
            find_agent(&at, entry_type_hint(entry), verb, enclitic, state);
        let agent_air = found.is_some_and(|(idx, placed)| match placed {
            Some(a) => is_air(inp, all, s, &a),
            None => is_air_id(inp, all, idx),
        });
        let mut agent = found.map(|(idx, _)| idx);
        let ev_type = match entry.ty {
            TriggerType::Fixed(t) => t,
            TriggerType::Strike => {
                let window =
                    i.saturating_sub(CUE_WINDOW)..last + 1 + CUE_WINDOW;
                // Cue words inside a place name ("مطار الطبقة العسكري",
                // "قاعدة حميميم الجوية") say nothing about the strike.
                let cue = |set: &WordSet| {
                    s.keyed(window.clone())
                        .iter()
                        .any(|&j| s.starts(j, set) && !s.in_place(j))
                };
                let mut air_cue = cue(&lex.cues.air) || agent_air;
                let ground_cue = cue(&lex.cues.ground);
                // "القصف" with no cue of its own refers back to the strike
                // told just before: it takes that strike's kind and agent.
                let back = state.last_strike.filter(|&(_, _, at, _)| {
                    reading.article && !ground_cue && !air_cue && at + 1 >= si
                });
                if let Some((kind, back_agent, ..)) = back {
                    air_cue = kind == EventType::Airstrike;
                    if back_agent.is_some() {
                        agent = back_agent;
                    }
                }
                // Armed groups without aircraft shell; they do not bomb
                // from the air.
                let ground_agent =
                    agent.is_some_and(|a| all.is(a, view::is_ground_only));
                if air_cue && !ground_agent && (!ground_cue || agent_air) {
                    EventType::Airstrike
                } else if ground_cue || !entry.needs_cue {
                    EventType::Shelling
                } else {
                    i = last + 1;
                    continue;
                }
            }
        };
        // A battle launched by a side is an offensive.
        let ev_type = if ev_type == EventType::Clash
            && s.has(&lex.cues.light, i.saturating_sub(2)..i)
        {
            EventType::Offensive
        } else {
            ev_type
        };
        if ev_type == EventType::Withdrawal {
            // Attackers do not withdraw: after an attack, the side that
            // leaves is the one attacked.
            if let Some((at_si, Some(attacker), attacked)) = state.last_attack
            {
                let same_side =
                    agent.is_some_and(|a| all.id(a) == all.id(attacker));
                if si <= at_si + 1 && (agent.is_none() || same_side) {
                    agent = attacked.or(agent.filter(|_| !same_side));
                }
            }
        }
        if ev_type == EventType::Displacement {
            agent = None;
        }
        let mut target = find_target(&at, ev_type, agent);
        if ev_type == EventType::Clash {
            if let Some((a, b)) = clash_sides(&at) {
                agent = Some(a);
                target = Some(b);
            }
        }
        if ev_type == EventType::Casualties
            && (agent.is_none() || agent == target)
        {
            // Who killed: the agent of the event this toll follows.
            agent = state
                .last_cause
                .filter(|&c| target.is_none_or(|t| all.id(c) != all.id(t)));
        }
        if agent.is_some() && agent == target {
            target = None;
        }
        // Only attacks, fights, tolls and deadlines have an opposing side
        // to guess; a capture or a reinforcement names its target or has
        // none.
        if target.is_none()
            && !matches!(
                ev_type,
                EventType::Displacement
                    | EventType::Withdrawal
                    | EventType::TerritoryCapture
                    | EventType::Surrender
                    | EventType::Reinforcement
            )
        {
            target = fallback_target(&at, ev_type, agent, state);
        }

        let place = find_place(&at).or(state.last_place);
        let time = nearest_time(&at)
            .or(if s.headline { lede_time } else { None })
            .or(state.line_time)
            .or(state.recent_time);
        let count = find_count(&at, ev_type);

        // Attributes.
        let clause = s.clause_start(i, CUE_WINDOW);
        let wide = s.clause_start(i, 8);
        let cues = s.cues_before(i, clause, wide, &lex.cues);
        let negated =
            cues.negation || i > 0 && s.word_in(i - 1, &lex.cues.cessation);
        let polarity =
            if negated { Polarity::Negative } else { Polarity::Positive };
        let future_prefix =
            proclitics.contains('س') && form.pos == Pos::PresentVerb;
        let future_governor = s.future_governor(wide..i, lex);
        let tense = if future_prefix || future_governor || cues.future {
            Tense::Future
        } else {
            match form.pos {
                Pos::PastVerb => Tense::Past,
                Pos::PresentVerb => Tense::Present,
                _ => Tense::Unspecified,
            }
        };
        let generic = tense != Tense::Future
            && polarity == Polarity::Positive
            && is_generic(&at, wide, form.pos, count.is_some());
        let modality =
            if cues.disputed { Modality::Other } else { Modality::Asserted };

        let rule = entry.rule_name(ev_type, verb);
        let (Some(from), Some(to), Some(first_word), Some(last_word)) = (
            s.ranges.get(i),
            s.ranges.get(last),
            s.ranges.first(),
            s.ranges.last(),
        ) else {
            i = last + 1;
            continue;
        };
        let sentence = *sentence_span.get_or_insert_with(|| {
            inp.p.norm.original_span(first_word.start..last_word.end)
        });
        let fields = Fields {
            event_type: ev_type,
            trigger: from.start..to.end,
            agent,
            target,
            place,
            time,
            count,
            source: s.source,
            polarity,
            tense,
            genericity: if generic {
                Genericity::Generic
            } else {
                Genericity::Specific
            },
            modality,
            rule,
            sentence,
            sentence_index: si,
        };
        new_event(inp, all, fields, out);
        if matches!(
            ev_type,
            EventType::Airstrike
                | EventType::Shelling
                | EventType::Offensive
                | EventType::Clash
        ) && agent.is_some()
        {
            state.last_cause = agent;
        }
        if matches!(
            ev_type,
            EventType::Airstrike | EventType::Shelling | EventType::Offensive
        ) {
            state.last_attack = Some((si, agent, target));
        }
        if matches!(ev_type, EventType::Airstrike | EventType::Shelling) {
            state.last_strike = Some((ev_type, agent, si, last));
        }
        i = last + 1;
    }
    // A toll reported before its cause in the same sentence ("مقتل 12
    // عنصراً بهجوم لتنظيم داعش") takes the cause's agent.
    let attack = |e: &Event| {
        matches!(
            e.event_type,
            EventType::Airstrike | EventType::Shelling | EventType::Offensive
        )
    };
    let cause = out
        .iter()
        .enumerate()
        .skip(first_out)
        .find(|(_, e)| attack(e) && e.agent.is_some())
        .map(|(k, _)| k);
    fn agent_of(out: &[Event], k: usize) -> Option<&Entity> {
        out.get(k).and_then(|e| e.agent.as_ref())
    }
    if let Some(c) = cause {
        for k in first_out..out.len() {
            // The cause's agent is cloned only for a toll that takes it.
            let takes = out.get(k).is_some_and(|e| {
                let victim_side = e.target.as_ref().is_some_and(|t| {
                    agent_of(out, c).is_some_and(|a| view::same_side(t, a))
                });
                e.event_type == EventType::Casualties
                    && e.agent.is_none()
                    && !victim_side
            });
            if takes {
                let agent = agent_of(out, c).cloned();
                if let Some(e) = out.get_mut(k) {
                    e.agent = agent;
                }
            }
        }
    }
}

/// What an event is made of, by index into the document's mentions,
/// before [`new_event`] writes it.
struct Fields {
    event_type: EventType,
    /// The trigger's normalized range.
    trigger: Range<usize>,
    agent: Option<usize>,
    target: Option<usize>,
    place: Option<usize>,
    /// Into [`Inputs::times`].
    time: Option<usize>,
    /// Into [`Inputs::quantities`].
    count: Option<usize>,
    source: Option<usize>,
    polarity: Polarity,
    tense: Tense,
    genericity: Genericity,
    modality: Modality,
    rule: crate::SharedStr,
    sentence: crate::Span,
    sentence_index: usize,
}

/// Pushes the event `f` describes onto `out`, its entities cloned into
/// it where it stands, each only when it has one. Out of line: built
/// inline, each optional part (a `None` entity as 368 bytes) was copied
/// in whole; here the event is copied in once and a clone once.
#[inline(never)]
fn new_event(
    inp: &Inputs<'_>,
    all: &Ents<'_>,
    f: Fields,
    out: &mut Vec<Event>,
) {
    out.push(Event {
        event_type: f.event_type,
        trigger: inp.p.loc(f.trigger),
        agent: None,
        target: None,
        place: None,
        time: f.time.and_then(|t| {
            let t = view::event_time(inp.times.get(t)?)?;
            // A deadline is the end of its window ("حتى نهاية الشهر").
            Some(if f.event_type == EventType::Deadline {
                view::time_end_point(t)
            } else {
                t
            })
        }),
        count: f.count.and_then(|c| inp.quantities.get(c)).cloned(),
        source: None,
        polarity: f.polarity,
        tense: f.tense,
        genericity: f.genericity,
        modality: f.modality,
        rule: f.rule,
        sentence: f.sentence,
        sentence_index: f.sentence_index,
    });
    if let Some(e) = out.last_mut() {
        let entity = |k: Option<usize>, slot: &mut Option<Entity>| {
            if let Some(x) = k.and_then(|k| all.get(k)) {
                *slot = Some(x.clone());
            }
        };
        entity(f.agent, &mut e.agent);
        entity(f.target, &mut e.target);
        entity(f.place, &mut e.place);
        entity(f.source, &mut e.source);
    }
}

/// The event type a trigger entry gives before cues decide between
/// airstrike and shelling (either is a strike for the agent rules).
fn entry_type_hint(entry: &super::lexicon::Entry) -> EventType {
    match entry.ty {
        TriggerType::Fixed(t) => t,
        TriggerType::Strike => EventType::Airstrike,
    }
}

/// Habitual or aggregate statements: a generic cue; a trigger followed by
/// a relative clause in the present (`الغارات التي تشنها`); a plural
/// trigger carried by a present verb (`تنفذ ... ضربات`, `يوجه ضربات`);
/// a present verb trigger outside the headline with no time.
fn is_generic(
    at: &Site<'_, '_>,
    clause: usize,
    pos: Pos,
    counted: bool,
) -> bool {
    let Site { inp, s, i, last, .. } = *at;
    let lex = inp.lex;
    if s.keyed(clause..i).iter().any(|&j| s.starts(j, &lex.cues.generic)) {
        return true;
    }
    let relative_present = s.is_relative(last + 1)
        && s.word(last + 2).is_some_and(|w| w.starts_with(['ي', 'ت']));
    if relative_present {
        return true;
    }
    let plural =
        s.word(i).is_some_and(|w| w.ends_with("ات") || w.ends_with("اتها"));
    // Asked only of a plural trigger with no count.
    let present_governor = || {
        s.keyed(clause..i).iter().any(|&j| {
            let Some(w) = s.word(j) else { return false };
            let bare = w.strip_prefix('و').unwrap_or(w);
            bare.starts_with(['ي', 'ت', 'ن'])
            && s.word_in(j, &lex.cues.light)
            // After لم/لن a present form reads as past or future.
            && !matches!(s.prev(j), Some("لم" | "لن" | "ولم" | "ولن"))
        })
    };
    if plural && !counted && present_governor() {
        return true;
    }
    pos == Pos::PresentVerb && !s.headline && s.times.is_empty()
}

/// Whether a reading of word `i` is a trigger here; if so, the index of
/// the trigger's last word.
///
/// Kept out of line: inlined, it slows the loop over every word of a
/// sentence that calls it for the few words with readings.
#[inline(never)]
fn accept(
    inp: &Inputs<'_>,
    s: &Sentence<'_>,
    i: usize,
    r: &Reading<'_, '_>,
) -> Option<usize> {
    let lex = inp.lex;
    let entry = lex.entries.get(r.form.entry)?;
    // Multi-word triggers.
    let mut last = i;
    if !r.form.rest.is_empty() {
        let ok = r.form.rest.iter().enumerate().all(|(k, w)| {
            s.word(i + 1 + k).is_some_and(|t| {
                t == w || t.strip_prefix("ال") == Some(w.as_str())
            })
        });
        if !ok {
            return None;
        }
        last = i + r.form.rest.len();
    }
    let next = last + 1;
    if !entry.needs_next.is_empty() {
        if s.word_in(next, &entry.needs_next) {
            last = next;
        } else {
            return None;
        }
    }
    if !entry.not_next.is_empty() && s.has(&entry.not_next, next..next + 1) {
        return None;
    }
    // A launch verb right before the trigger, or before the subject that
    // stands between them: "أطلقت قوات سوريا الديمقراطية معركة".
    if !entry.needs_prev.is_empty() {
        // The subject may be followed by "من": "تمكنت قسد من السيطرة".
        let gap = usize::from(i > 0 && s.word_is(i - 1, "من"));
        let subject_first = within(&s.actors, 0, i)
            .last()
            .filter(|a| a.last + 1 + gap == i)
            .map_or(i, |a| a.first);
        let from = subject_first.min(i).saturating_sub(2);
        if !s.has(
            &entry.needs_prev,
            from..subject_first.max(i.saturating_sub(2)),
        ) && !s.has(&entry.needs_prev, i.saturating_sub(2)..i)
        {
            return None;
        }
    }
    let near = i.saturating_sub(4)..last + 7;
    if !entry.needs_near.is_empty() && !s.has(&entry.needs_near, near.clone())
    {
        return None;
    }
    if entry.needs_people && !s.has(&lex.cues.people, near) {
        return None;
    }
    if entry.needs_actor && s.actors.is_empty() {
        return None;
    }
    // A verb right after a relative pronoun describes a noun already
    // named ("الأهداف التي تقصفها"): the noun, if any, is the mention.
    let verb = matches!(r.form.pos, Pos::PastVerb | Pos::PresentVerb);
    if verb && i > 0 && s.is_relative(i - 1) {
        return None;
    }
    // A strike adjective right after a noun trigger joins it: "ضربات
    // جوية". After a verb the same word is its subject ("قصفت المدفعية").
    if next < s.len()
        && last == i
        && !verb
        && matches!(entry.ty, TriggerType::Strike)
        && s.word_in(next, &lex.cues.strike_modifiers)
    {
        last = next;
    }
    Some(last)
}

/// Whether an actor strikes from the air: an air-only actor (or one of its
/// descendants), or named with an aircraft noun ("طائرات التحالف").
fn is_air(
    inp: &Inputs<'_>,
    all: &Ents<'_>,
    s: &Sentence<'_>,
    a: &Placed,
) -> bool {
    is_air_id(inp, all, a.idx)
        || s.keyed(a.first..a.last.min(s.len() - 1) + 1)
            .iter()
            .any(|&j| s.word_in(j, &inp.lex.cues.aircraft))
        || s.has(&inp.lex.cues.aircraft, a.first.saturating_sub(2)..a.first)
}

/// Whether an actor or one of its ancestors fights only from the air
/// (found the first time an entity is asked about, then kept in
/// `all.air`).
fn is_air_id(inp: &Inputs<'_>, all: &Ents<'_>, entity: usize) -> bool {
    let Some(known) = all.air.get(entity) else {
        return is_air_id_slow(inp, all, entity);
    };
    match known.get() {
        0 => {
            let air = is_air_id_slow(inp, all, entity);
            known.set(if air { 2 } else { 1 });
            air
        }
        k => k == 2,
    }
}

/// [`is_air_id`] asked of the entity's ids.
fn is_air_id_slow(inp: &Inputs<'_>, all: &Ents<'_>, entity: usize) -> bool {
    let Some(e) = all.get(entity) else { return false };
    view::entity_id(e)
        .into_iter()
        .chain(view::entity_ancestors(e))
        .any(|id| inp.lex.is_air_actor(id))
}

/// Whether the words before an actor mark it as a target, a beneficiary
/// or a source rather than a doer.
fn is_marked(inp: &Inputs<'_>, s: &Sentence<'_>, a: &Placed) -> bool {
    let cues = &inp.lex.cues;
    let lo = a.first.saturating_sub(2);
    // A name that opens with a marker noun: "عناصر تنظيم الدولة".
    let opens_marked =
        a.last > a.first && s.word_in(a.first, &cues.target_markers);
    opens_marked
        || a.prep
        || s.keyed(lo..a.first).iter().any(|&j| {
            s.word_in(j, &cues.target_markers)
                || s.word_in(j, &cues.source)
                || s.word_in(j, &cues.support)
        })
        || s.prev(a.first) == Some("من")
}

/// An ally rather than a target: after a support word (`بدعم من X`), or
/// named by its support (`دعم جوي روسي`).
fn is_supported(inp: &Inputs<'_>, s: &Sentence<'_>, a: &Placed) -> bool {
    s.keyed(a.first.saturating_sub(3)..a.first + 1)
        .iter()
        .any(|&j| s.word_in(j, &inp.lex.cues.support))
}

/// The agent: the entity index, with its place in the sentence when it
/// is named there.
fn find_agent(
    at: &Site<'_, '_>,
    ty: EventType,
    verb: bool,
    enclitic: bool,
    state: &State,
) -> Option<(usize, Option<Placed>)> {
    let Site { inp, all, s, si, i, last } = *at;
    let cues = &inp.lex.cues;
    let found = |a: &Placed| Some((a.idx, Some(*a)));
    // A demonym on the trigger itself: "القصف الروسي", "قصف روسي".
    if let Some(a) = covering(&s.actors, i).filter(|a| all.can_act(a.idx)) {
        return found(a);
    }
    // Elsewhere, a party named by its support ("بغطاء جوي روسي") is an
    // ally, not the doer.
    let actor = |a: &&Placed| {
        all.can_act(a.idx) && !s.word_in(a.first, &inp.lex.cues.support)
    };
    if ty == EventType::Casualties {
        // Who killed is named only with "على يد", "برصاص", "بغارة لـ";
        // otherwise it is the cause reported around the toll.
        let by = s
            .keyed(last + 1..(last + TARGET_WINDOW).min(s.len()))
            .iter()
            .copied()
            .find(|&j| s.word_in(j, &cues.killed_by));
        if let Some(a) =
            by.and_then(|j| within(&s.actors, j + 1, j + 4).iter().find(actor))
        {
            return found(a);
        }
        // "أدت العمليات ... إلى تصفية": the subject of the causal verb,
        // unless an attack told earlier in the sentence is the cause.
        let cause_here = state.last_attack.is_some_and(|(at, ..)| at == si);
        if cause_here || !s.has(&cues.causal, i.saturating_sub(2)..i) {
            return None;
        }
    }
    // Construct state or adjective right after a noun ("هجوم التنظيم",
    // "هجوم لتنظيم داعش"); the subject right after a verb (VSO).
    let reach = if verb { 4 } else { 2 };
    let possessive = |a: &Placed| {
        !verb
            && a.first == last + 1
            && s.word(a.first).is_some_and(|w| w.starts_with('ل'))
    };
    if let Some(a) = within(&s.actors, last + 1, last + reach)
        .iter()
        .find(|a| !is_marked(inp, s, a) || possessive(a))
        .filter(actor)
    {
        return found(a);
    }
    // "هجوم ... شنه تنظيم الدولة": a light verb with a pronoun after the
    // trigger, then the actor.
    if let Some(j) = s
        .keyed(last + 1..(last + 4).min(s.len()))
        .iter()
        .copied()
        .find(|&j| s.word_in(j, &cues.light))
    {
        if let Some(a) = within(&s.actors, j + 1, j + 4).iter().find(actor) {
            return found(a);
        }
    }
    let before = within(&s.actors, 0, i);
    // A pronoun on the trigger ("انسحابها", "هجومه"): the last party named.
    if enclitic {
        if let Some(a) = before.iter().rev().filter(actor).find(|a| a.last < i)
        {
            return found(a);
        }
    }
    // A relative clause: "التحالف ... الذي يوجه ضربات" acts through its
    // antecedent.
    if let Some(r) = (i.saturating_sub(4)..i).rev().find(|&j| s.is_relative(j))
    {
        if let Some(a) = within(before, r.saturating_sub(4), r)
            .iter()
            .rev()
            .filter(actor)
            .find(|a| !is_marked(inp, s, a))
        {
            return found(a);
        }
    }
    // SVO or a light verb before a noun: the nearest unmarked actor before
    // the trigger, in the same clause.
    let clause = s.clause_start(i, 16);
    let in_clause = within(before, clause, i);
    let subject =
        in_clause.iter().rev().filter(|a| a.last < i).filter(actor).find(
            |a| !is_marked(inp, s, a) || is_support_free_source(inp, s, a),
        );
    // Who withdraws may stand as an object before: "أجبر قوات النظام على
    // التراجع".
    let object = || {
        (ty == EventType::Withdrawal)
            .then(|| {
                in_clause
                    .iter()
                    .rev()
                    .filter(|a| a.last < i)
                    .filter(actor)
                    .find(|a| !is_supported(inp, s, a))
            })
            .flatten()
    };
    // A deadline is set by the party that announces it; an actor further
    // back is the subject of another verb ("أعلنت تركيا ... على أن تنسحب
    // قسد ... قبل انتهاء المهلة").
    let far = subject.is_some_and(|a| a.last + 4 < i);
    if ty == EventType::Deadline && (subject.is_none() || far) {
        if let Some(src) = s.source.filter(|&x| all.can_act(x)) {
            return Some((src, None));
        }
    }
    if let Some(a) = subject.or_else(object) {
        return found(a);
    }
    // The sentence's speaker ("روسيا: سنقصف"), or who it reports
    // ("قالت وزارة الدفاع إنها ستقصف").
    if let Some(sp) = s.speaker.or(s.source).filter(|&x| all.can_act(x)) {
        return Some((sp, None));
    }
    // The party named last, in the sentences just before.
    state
        .recent_actors(si, 3)
        .take(20)
        .find(|&x| all.can_act(x))
        .map(|x| (x, None))
}

/// A source cue before an actor that is also the subject of the clause
/// ("أعلنت قوات سوريا الديمقراطية انطلاق ...") still makes it the doer.
fn is_support_free_source(
    inp: &Inputs<'_>,
    s: &Sentence<'_>,
    a: &Placed,
) -> bool {
    let cues = &inp.lex.cues;
    !a.prep
        && !is_supported(inp, s, a)
        && s.keyed(a.first.saturating_sub(1)..a.first)
            .iter()
            .any(|&j| s.word_in(j, &cues.source))
        && !s
            .keyed(a.first.saturating_sub(2)..a.first)
            .iter()
            .any(|&j| s.word_in(j, &cues.target_markers))
}

fn find_target(
    at: &Site<'_, '_>,
    ty: EventType,
    agent: Option<usize>,
) -> Option<usize> {
    let Site { inp, all, s, i, last, .. } = *at;
    let cues = &inp.lex.cues;
    let other = |x: usize| {
        let Some(e) = all.get(x) else { return false };
        view::can_fight(e)
            && agent.is_none_or(|a| !all.is(a, |a| view::same_side(a, e)))
    };
    let clause_end = s
        .break_before(last + 2, (last + 1 + TARGET_WINDOW).min(s.len()))
        .unwrap_or(last + 1 + TARGET_WINDOW);
    // The parties after the trigger in its clause (a fresh iterator for
    // each use; only one is taken).
    let after = || {
        within(&s.actors, last + 1, clause_end)
            .iter()
            .filter(|a| other(a.idx) && !is_supported(inp, s, a))
    };
    let from = |a: &Placed| s.prev(a.first) == Some("من");
    if ty == EventType::Casualties {
        // Victims: "مقتل 76 عنصراً من القوات", "مقتل عناصر التنظيم", or
        // named before the toll: "لقي ثلاثة عناصر من الشرطة ... حتفهم".
        let killer = s
            .keyed(last + 1..clause_end.min(s.len()))
            .iter()
            .copied()
            .find(|&j| s.word_in(j, &cues.killed_by))
            .unwrap_or(usize::MAX);
        return after().find(|a| a.first < killer).map(|a| a.idx).or_else(
            || {
                within(&s.actors, s.clause_start(i, 8), i)
                    .iter()
                    .rev()
                    .find(|a| from(a) && other(a.idx))
                    .map(|a| a.idx)
            },
        );
    }
    let marked = |a: &&Placed| {
        a.prep
            || from(a)
            || s.keyed(a.first.saturating_sub(2)..a.first)
                .iter()
                .any(|&j| s.word_in(j, &cues.target_markers))
    };
    if matches!(
        ty,
        EventType::Withdrawal
            | EventType::Displacement
            | EventType::Deadline
            | EventType::TerritoryCapture
            | EventType::Surrender
            | EventType::Reinforcement
    ) {
        return after().find(marked).map(|a| a.idx);
    }
    after()
        .find(|a| {
            marked(a)
                && !s
                    .keyed(a.first.saturating_sub(2)..a.first)
                    .iter()
                    .any(|&j| s.word_in(j, &cues.source))
        })
        .map(|a| a.idx)
}

/// A target when the syntax gives none: for a toll, the target of the
/// attack it follows; else the nearest party of the other side in the
/// sentence, then in the document.
fn fallback_target(
    at: &Site<'_, '_>,
    ty: EventType,
    agent: Option<usize>,
    state: &State,
) -> Option<usize> {
    let Site { inp, all, s, si, i, last } = *at;
    let other = |x: usize| {
        let Some(e) = all.get(x) else { return false };
        view::can_fight(e)
            && view::entity_type(e) != Some("civilians")
            && view::entity_id(e).is_some()
            && agent.is_none_or(|a| !all.is(a, |a| view::same_side(a, e)))
    };
    if ty == EventType::Casualties {
        if let Some((at, _, Some(t))) = state.last_attack {
            if si <= at + 1 && other(t) {
                return Some(t);
            }
        }
    }
    let near = within(
        &s.actors,
        i.saturating_sub(TARGET_WINDOW),
        last + 1 + TARGET_WINDOW,
    );
    let ally = |a: &Placed| {
        s.word_in(a.first, &inp.lex.cues.support)
            || a.first > last && is_supported(inp, s, a)
    };
    // The nearest, the one after the trigger on a tie (`min_by_key` keeps
    // the first of equal ones, as a stable sort would).
    near.iter()
        .filter(|a| other(a.idx) && !ally(a))
        .min_by_key(|a| (a.first.abs_diff(i), a.first < i))
        .map(|a| a.idx)
        .or_else(|| state.recent_actors(si, 2).take(20).find(|&x| other(x)))
}

/// The two sides of a clash: "بين X و Y", or the actors around it.
fn clash_sides(at: &Site<'_, '_>) -> Option<(usize, usize)> {
    let Site { all, s, i, last, .. } = *at;
    let between =
        (last + 1..(last + 3).min(s.len())).find(|&j| s.word_is(j, "بين"));
    let fighter = |a: &&Placed| all.is(a.idx, view::can_fight);
    // The fighters after "بين" in order, else those around the trigger
    // nearest first (ties in order): the first, and the first after it
    // of another id (no list made: the nearest is the first minimum).
    let (pool, near) = match between {
        Some(j) => (within(&s.actors, j + 1, j + 12), None),
        None => (within(&s.actors, i.saturating_sub(10), last + 11), Some(i)),
    };
    let rank = |a: &&Placed| near.map_or(0, |i| a.first.abs_diff(i));
    let a = pool.iter().filter(fighter).min_by_key(rank)?;
    let b = pool
        .iter()
        .filter(fighter)
        .filter(|b| all.id(b.idx) != all.id(a.idx))
        .min_by_key(rank)?;
    Some((a.idx, b.idx))
}

/// The place: a place after the trigger, then before it, preferring
/// anything more precise than a country.
fn find_place(at: &Site<'_, '_>) -> Option<usize> {
    let Site { all, s, i, last, .. } = *at;
    let after = within(&s.places, last + 1, usize::MAX);
    let before = within(&s.places, 0, i);
    let precise = |p: &&Placed| !all.is(p.idx, view::is_country);
    after
        .iter()
        .find(precise)
        .or_else(|| before.iter().rev().filter(|p| p.last < i).find(precise))
        .or_else(|| after.first())
        .or_else(|| before.iter().rev().find(|p| p.last < i))
        .map(|p| p.idx)
}

/// The time nearest the trigger in the sentence, preferring firm times to
/// open ones (`منذ عامين` is rarely when an event happened).
fn nearest_time(at: &Site<'_, '_>) -> Option<usize> {
    let Site { inp, s, i, last, .. } = *at;
    let distance = |t: &Placed| {
        if t.first > last {
            t.first - last
        } else {
            i.saturating_sub(t.last)
        }
    };
    let near = within(&s.times, i.saturating_sub(20), last + 20);
    let firm = near
        .iter()
        .filter(|t| {
            inp.times.get(t.idx).is_some_and(|m| !view::time_is_open(m))
        })
        .min_by_key(|t| distance(t));
    let open = near.iter().min_by_key(|t| distance(t));
    firm.filter(|f| open.is_none_or(|o| distance(f) <= distance(o) + 6))
        .or(open)
        .map(|t| t.idx)
}

/// A count next to the trigger: "مقتل 76", "35 هجوماً", "274 ألف من
/// النازحين", "قتل ما لا يقل عن 120"; for a toll also the count of the
/// victims named before it ("لقي ثلاثة عناصر من ... حتفهم").
fn find_count(at: &Site<'_, '_>, ty: EventType) -> Option<usize> {
    let Site { s, i, last, .. } = *at;
    covering(&s.counts, i)
        .or_else(|| within(&s.counts, last + 1, last + 2).first())
        .or_else(|| {
            // A count with its qualifier may be long: "ما لا يقل عن 35".
            within(&s.counts, i.saturating_sub(12), i).iter().find(|c| {
                c.last + 1 == i || c.last + 2 == i && s.prev(i) == Some("من")
            })
        })
        .or_else(|| {
            let clause = s.clause_start(i, 8);
            (ty == EventType::Casualties)
                .then(|| within(&s.counts, clause, i).last())
                .flatten()
        })
        .map(|c| c.idx)
}

/// The source: the actor or person right after an attribution cue.
fn find_source(
    inp: &Inputs<'_>,
    all: &Ents<'_>,
    s: &Sentence<'_>,
) -> Option<usize> {
    let cues = &inp.lex.cues;
    s.actors
        .iter()
        .find(|a| {
            s.keyed(a.first.saturating_sub(2)..a.first)
                .iter()
                .any(|&j| s.word_in(j, &cues.source))
                && (all.is(a.idx, view::is_person) || a.first > 0)
        })
        .map(|a| a.idx)
}

/// An actor that opens the sentence followed by a colon: the speaker.
fn find_speaker(s: &Sentence<'_>) -> Option<usize> {
    let a = s.actors.first().filter(|a| a.first == 0)?;
    let after = s.ranges.get(a.last + 1)?;
    let gap = s.text.get(s.ranges.get(a.last)?.end..after.start)?;
    gap.contains(':').then_some(a.idx)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The built-in event vocabulary.
    fn builtin_lexicon() -> Result<EventLexicon, crate::Error> {
        EventLexicon::from_toml(
            "events.toml",
            include_str!("../../gazetteers/events.toml"),
        )
    }

    /// The quick clause breaker test answers as the list does, on every
    /// word of the articles and peer texts and on the breakers.
    #[test]
    fn clause_breakers_are_found_as_in_the_list() {
        let texts = crate::test_texts::all();
        let n = crate::text::normalize(&texts.join("\n"));
        let mut found = 0;
        let bits = clause_breaker_bits();
        for r in crate::words(n.as_str()) {
            let w = &n.as_str()[r];
            assert_eq!(
                is_clause_breaker(w.as_bytes()),
                CLAUSE_BREAKERS.contains(&w),
                "{w}"
            );
            // The hash bit filter changes no answer.
            let h = crate::hash::str_hash(w);
            let word = Word { start: 0, end: w.len(), hash: h, arabic: false };
            assert_eq!(
                is_clause_breaker_hashed(w.as_bytes(), &word, bits),
                CLAUSE_BREAKERS.contains(&w),
                "{w}"
            );
            found += usize::from(is_clause_breaker(w.as_bytes()));
        }
        assert!(found > 10, "{found}");
        for b in CLAUSE_BREAKERS {
            assert!(is_clause_breaker(b.as_bytes()), "{b}");
            let h = crate::hash::str_hash(b);
            let word = Word { start: 0, end: b.len(), hash: h, arabic: false };
            assert!(
                is_clause_breaker_hashed(b.as_bytes(), &word, bits),
                "{b}"
            );
        }
    }

    /// The byte test of a gap answers as the char test, on every gap
    /// between two words of the test texts, and the test of a one-byte
    /// gap's byte as the gap test, on every byte.
    #[test]
    fn strong_gaps_are_found_as_by_chars() {
        let text = crate::test_texts::all().join("\n");
        let n = crate::text::normalize(&text);
        let t = n.as_str();
        let words: Vec<_> = crate::words(t).collect();
        let mut strong = 0;
        for pair in words.windows(2) {
            let gap = &t[pair[0].end..pair[1].start];
            let by_chars = gap != " "
                && gap.contains([';', ':', '.', '?', '!', '-', '(']);
            assert_eq!(is_strong_gap(gap.as_bytes()), by_chars, "{gap:?}");
            strong += usize::from(by_chars);
        }
        assert!(strong > 100, "{strong}");
        // A one-byte gap is tested by its byte (as `read_words` does).
        for b in 0..=u8::MAX {
            assert_eq!(is_strong_byte(b), is_strong_gap(&[b]), "{b}");
            let listed =
                matches!(b, b';' | b':' | b'.' | b'?' | b'!' | b'-' | b'(');
            assert_eq!(is_strong_byte(b), listed, "{b}");
        }
    }

    /// The mentions found from where the last sentence's search ended are
    /// those a binary search of the whole list finds, for every sentence
    /// of the test texts, in order and then in reverse.
    #[test]
    fn mentions_of_a_sentence_are_found_as_by_binary_search() {
        let x = crate::Extractor::builtin();
        let mut seen = 0;
        for t in &crate::test_texts::all() {
            let p = x.prepare(t.as_str().into());
            let mut ents: Vec<(Range<usize>, usize)> = x
                .entities(&p)
                .iter()
                .enumerate()
                .map(|(i, e)| (view::entity_norm(e), i))
                .collect();
            ents.sort_by_key(|(r, i)| (r.start, *i));
            let slow = |s: &Range<usize>| {
                let lo = ents.partition_point(|(r, _)| r.start < s.start);
                let hi = ents.partition_point(|(r, _)| r.start < s.end);
                ents.get(lo..hi.max(lo)).unwrap_or_default()
            };
            let order: Vec<_> = p.sentences.iter().collect();
            for sentences in [order.clone(), order.into_iter().rev().collect()]
            {
                let mut from = 0;
                for s in sentences {
                    let fast = starting_in(&ents, &mut from, &s.norm);
                    assert_eq!(fast, slow(&s.norm), "{t}");
                    seen += fast.len();
                }
            }
        }
        assert!(seen > 100, "{seen}");
    }

    /// The mentions placed by walking on from the last one are those two
    /// binary searches of the words place, for the entities, counts and
    /// times of every sentence of the test texts.
    #[test]
    fn mentions_are_placed_as_by_binary_search() {
        let x = crate::Extractor::builtin();
        let mut placed = 0;
        for t in &crate::test_texts::all() {
            let p = x.prepare(t.as_str().into());
            let text = p.norm.as_str();
            let norm_of = |span| p.norm.normalized_range(span);
            let lists: Vec<Vec<(Range<usize>, usize)>> = vec![
                x.entities(&p).iter().map(view::entity_norm).collect(),
                crate::number::extract(&p)
                    .iter()
                    .map(|q| norm_of(q.loc.span()))
                    .collect(),
                crate::time::extract(&p)
                    .iter()
                    .map(|m| norm_of(m.loc.span()))
                    .collect(),
            ]
            .into_iter()
            .map(|rs: Vec<Range<usize>>| {
                let mut v: Vec<_> = rs.into_iter().zip(0..).collect();
                v.sort_by_key(|(r, i)| (r.start, *i));
                v
            })
            .collect();
            for list in &lists {
                let mut from = 0;
                for s in &p.sentences {
                    let ranges = &p.words[s.words.clone()];
                    let inside = starting_in(list, &mut from, &s.norm);
                    let mut fast = Vec::new();
                    place(text, ranges, inside, &s.norm, |i, m| {
                        assert_eq!(i, m.idx);
                        fast.push(m);
                    });
                    let mut slow = Vec::new();
                    place_by_search(&mut slow, text, ranges, inside, &s.norm);
                    let key = |m: &Placed| (m.first, m.last, m.idx, m.prep);
                    assert_eq!(
                        fast.iter().map(key).collect::<Vec<_>>(),
                        slow.iter().map(key).collect::<Vec<_>>(),
                        "{t}"
                    );
                    placed += fast.len();
                }
            }
        }
        assert!(placed > 1000, "{placed}");
    }

    /// [`has_preposition_letter`] answers as `str::contains` of the three
    /// letters, on every prefix of every word of the test texts and on
    /// letters next to the three (same first byte, or same second).
    #[test]
    fn preposition_letters_are_found_as_by_chars() {
        let slow = |s: &str| s.contains(['ب', 'ل', 'ك']);
        let mut found = 0usize;
        let mut check = |s: &str| {
            assert_eq!(has_preposition_letter(s.as_bytes()), slow(s), "{s}");
            found += usize::from(slow(s));
        };
        for s in [
            "", "ب", "ل", "ك", "بال", "ت", "م", "ة", "ن", "وب", "xلy", "ئ",
            "ب ", "ثم",
        ] {
            check(s);
        }
        for t in crate::test_texts::all() {
            for w in t.split_whitespace() {
                for (k, _) in w.char_indices().take(4) {
                    check(&w[..k]);
                }
            }
        }
        assert!(found > 1000, "{found}");
    }

    /// The marks of which listed id each entity has, kept per document,
    /// answer as the ids and ancestors do (asked in two orders, twice,
    /// with a table sized for none), and the entities' acting flags as
    /// `can_act`, on every entity of the test texts.
    #[test]
    fn listed_ids_and_acting_flags_answer_as_the_entities(
    ) -> Result<(), crate::Error> {
        let x = crate::Extractor::builtin();
        let lex = builtin_lexicon()?;
        let slow = |e: &Entity, r: &Referent| {
            view::entity_id(e)
                .into_iter()
                .chain(view::entity_ancestors(e))
                .find(|id| r.ids.iter().any(|l| l == id))
                .map(str::to_string)
        };
        let (mut found, mut air) = (0, 0);
        for id in &lex.air_actors {
            assert!(lex.is_air_actor(id), "{id}");
        }
        for t in &crate::test_texts::all() {
            let p = x.prepare(t.as_str().into());
            let entities = x.entities(&p);
            let all = Ents::new(&entities);
            for (k, e) in entities.iter().enumerate() {
                assert_eq!(all.can_act(k), view::can_act(e));
                // The air filter changes no answer.
                let ids = view::entity_id(e).into_iter();
                for id in ids.chain(view::entity_ancestors(e)) {
                    let want = lex.air_actors.contains(id);
                    assert_eq!(lex.is_air_actor(id), want, "{id}");
                    air += usize::from(want);
                }
            }
            assert!(!all.can_act(entities.len()));
            for room in [entities.len(), 0] {
                let mut listed = Listed::new(lex.referents.len(), room);
                let n = entities.len();
                let order = (0..n).rev().chain(0..n).chain(0..n + 2);
                for k in order {
                    for (ri, r) in lex.referents.iter().enumerate() {
                        let fast = listed.get(&all, ri, r, k);
                        let want = entities.get(k).and_then(|e| slow(e, r));
                        assert_eq!(fast, want.as_deref(), "{t}");
                        found += usize::from(fast.is_some());
                    }
                }
            }
        }
        assert!(found > 100, "{found}");
        assert!(air > 10, "{air}");
        Ok(())
    }

    /// The air-only answer kept per entity is the one asked of its ids,
    /// asked first and again, for every entity of every test text and
    /// past the end.
    #[test]
    fn air_only_kept_answers_as_asked() -> Result<(), crate::Error> {
        let x = crate::Extractor::builtin();
        let lex = builtin_lexicon()?;
        let mut air = 0;
        for t in &crate::test_texts::all() {
            let p = x.prepare(t.as_str().into());
            let entities = x.entities(&p);
            let inp = Inputs {
                p: &p,
                lex: &lex,
                gazetteer: x.gazetteer(),
                entities: &entities,
                quantities: &[],
                times: &[],
            };
            let all = Ents::new(&entities);
            for round in 0..2 {
                for k in (0..entities.len() + 2).rev() {
                    let want = entities.get(k).is_some_and(|e| {
                        view::entity_id(e)
                            .into_iter()
                            .chain(view::entity_ancestors(e))
                            .any(|id| lex.air_actors.contains(id))
                    });
                    assert_eq!(is_air_id(&inp, &all, k), want, "{t}");
                    air += usize::from(want && round == 0);
                }
            }
        }
        assert!(air > 10, "{air}");
        Ok(())
    }

    /// The words with keys of a range are the words of the range whose
    /// keys are not empty, and a word set matches none of the others, for
    /// every range (empty, reversed and past the end ones too) of every
    /// sentence of the test texts.
    /// The breaks kept as a list of the words they follow answer as one
    /// flag per word found from each gap's and word's text would: every
    /// clause start and clause break of every sentence of the test
    /// texts, at every distance.
    #[test]
    fn breaks_listed_answer_as_flags_per_word() -> Result<(), crate::Error> {
        let x = crate::Extractor::builtin();
        let lex = builtin_lexicon()?;
        let mut breaks = 0;
        for t in crate::test_texts::all() {
            let p = x.prepare(t.as_str().into());
            let text = p.norm.as_str();
            let mut sent = Sentence::new(text, 0, p.words.len());
            for s in &p.sentences {
                sent.clear();
                let ws = &p.words[s.words.clone()];
                sent.read_words(&lex, ws);
                let n = ws.len();
                // `flags[j]`: a break between word `j` and word `j + 1`.
                let flags: Vec<bool> = (0..n)
                    .map(|j| {
                        j + 1 < n && {
                            let gap = &text[ws[j].end..ws[j + 1].start];
                            let next = &text[ws[j + 1].range()];
                            is_strong_gap(gap.as_bytes())
                                || CLAUSE_BREAKERS.contains(&next)
                        }
                    })
                    .collect();
                breaks += flags.iter().filter(|&&b| b).count();
                for a in 0..n + 3 {
                    for b in 0..n + 3 {
                        let slow = flags
                            .get(a..b.min(n))
                            .is_some_and(|bs| bs.contains(&true));
                        assert_eq!(sent.clause_break(a, b), slow, "{a} {b}");
                    }
                    for max in 0..20 {
                        let (i, lo) = (a, a.saturating_sub(max));
                        let slow = flags
                            .get(lo..i.min(n))
                            .and_then(|bs| bs.iter().rposition(|&b| b))
                            .map_or(lo, |k| lo + k + 1);
                        assert_eq!(sent.clause_start(i, max), slow, "{i}");
                    }
                }
            }
        }
        assert!(breaks > 500, "{breaks}");
        Ok(())
    }

    /// Calls `f` with every sentence of `texts`, prepared by the built-in
    /// extractor and read by [`Sentence::read_words`] with `lex`.
    fn each_read_sentence<'t>(
        texts: impl Iterator<Item = &'t String>,
        lex: &EventLexicon,
        mut f: impl FnMut(
            &mut Sentence<'_>,
            &crate::extractor::Prepared<'_>,
            &crate::extractor::SentenceInfo,
        ),
    ) {
        let x = crate::Extractor::builtin();
        for t in texts {
            let p = x.prepare(t.as_str().into());
            let mut sent = Sentence::new(p.norm.as_str(), 0, p.words.len());
            for s in &p.sentences {
                sent.clear();
                sent.read_words(lex, &p.words[s.words.clone()]);
                f(&mut sent, &p, s);
            }
        }
    }

    /// The first break before a word of a range found by one search
    /// answers as a [`Sentence::clause_break`] test per word, for every
    /// range of every sentence of the test texts (empty, reversed and
    /// past the end ones too).
    #[test]
    fn break_before_answers_as_a_test_per_word() -> Result<(), crate::Error> {
        let lex = builtin_lexicon()?;
        let mut found = 0usize;
        each_read_sentence(
            crate::test_texts::all().iter(),
            &lex,
            |sent, _, _| {
                let n = sent.len();
                for from in 0..n + 3 {
                    for hi in 0..n + 3 {
                        let slow = (from..hi)
                            .find(|&j| j > 0 && sent.clause_break(j - 1, j));
                        assert_eq!(sent.break_before(from, hi), slow);
                        found += usize::from(slow.is_some());
                    }
                }
            },
        );
        assert!(found > 1000, "{found}");
        Ok(())
    }

    /// The cue words before a trigger found in one walk answer as a walk
    /// per set, before every word of every sentence of the test texts.
    #[test]
    fn cues_before_answer_as_a_walk_per_set() -> Result<(), crate::Error> {
        let lex = builtin_lexicon()?;
        let c = &lex.cues;
        let mut found = [0usize; 3];
        let texts = crate::test_texts::all();
        each_read_sentence(texts.iter(), &lex, |sent, p, s| {
            // The mentions too: the quantity test needs them.
            let (a, b) = (s.norm.start, s.norm.end);
            let counts = p.words[s.words.clone()]
                .iter()
                .enumerate()
                .filter(|(_, w)| w.start >= a && w.end <= b)
                .map(|(j, _)| Placed {
                    first: j,
                    last: j,
                    idx: 0,
                    prep: false,
                })
                .step_by(5);
            sent.counts.extend(counts);
            for i in 0..sent.len() + 1 {
                let (clause, wide) = (
                    sent.clause_start(i, CUE_WINDOW),
                    sent.clause_start(i, 8),
                );
                let walk = |from: usize, set: &WordSet, counted: bool| {
                    (from..i).any(|j| {
                        sent.starts(j, set) && !(counted && sent.in_count(j))
                    })
                };
                let want = CuesBefore {
                    negation: walk(clause, &c.negation, true),
                    future: walk(wide, &c.future, true),
                    disputed: walk(
                        sent.clause_start(i, 10),
                        &c.disputed,
                        false,
                    ),
                };
                assert_eq!(sent.cues_before(i, clause, wide, c), want);
                found[0] += usize::from(want.negation);
                found[1] += usize::from(want.future);
                found[2] += usize::from(want.disputed);
            }
        });
        assert!(found.iter().all(|&n| n > 10), "{found:?}");
        Ok(())
    }

    /// The future governor found on bytes answers as the walk over the
    /// words as `str`, for every window of up to ten words before every
    /// word of every sentence of the test texts (and past the end).
    #[test]
    fn future_governor_answers_as_a_walk_over_str_words(
    ) -> Result<(), crate::Error> {
        let lex = builtin_lexicon()?;
        let slow = |sent: &Sentence<'_>, range: Range<usize>| {
            range.into_iter().any(|j| {
                let Some(w) = sent.word(j) else { return false };
                let bare = w.strip_prefix('و').unwrap_or(w);
                bare.starts_with('س')
                    && sent.readings(j).is_empty()
                    && lex.set_has_word(&lex.cues.light, &bare[2..])
            })
        };
        let (mut prefixed, mut found) = (0usize, 0usize);
        each_read_sentence(
            crate::test_texts::all().iter(),
            &lex,
            |sent, _, _| {
                for j in 0..sent.len() {
                    let w = sent.word(j).unwrap_or_default().as_bytes();
                    prefixed += usize::from(after_future_prefix(w).is_some());
                }
                for i in 0..sent.len() + 2 {
                    for back in [1, 3, 8, 10] {
                        let range = i.saturating_sub(back)..i;
                        let want = slow(sent, range.clone());
                        assert_eq!(sent.future_governor(range, &lex), want);
                        found += usize::from(want);
                    }
                }
            },
        );
        assert!(prefixed > 50 && found > 10, "{prefixed} {found}");
        Ok(())
    }

    /// [`after_future_prefix`] strips as `str::strip_prefix` does.
    #[test]
    fn future_prefix_is_stripped_as_on_str() {
        for w in [
            "سيبدأ",
            "وسيبدأ",
            "وس",
            "س",
            "و",
            "",
            "وو",
            "ساعة",
            "ووسيبدأ",
            "بسيط",
            "abc",
        ] {
            let bare = w.strip_prefix('و').unwrap_or(w);
            let want = bare.strip_prefix('س').map(str::as_bytes);
            assert_eq!(after_future_prefix(w.as_bytes()), want, "{w}");
        }
    }

    #[test]
    fn keyed_words_are_those_a_set_can_match() -> Result<(), crate::Error> {
        let lex = builtin_lexicon()?;
        let (mut keyed, mut relatives) = (0, 0);
        each_read_sentence(
            crate::test_texts::articles().iter().take(20),
            &lex,
            |sent, _, _| {
                let n = sent.len();
                for j in 0..n {
                    if sent.keys(j).is_empty() {
                        let c = &lex.cues;
                        let sets = [
                            &c.air,
                            &c.ground,
                            &c.negation,
                            &c.killed_by,
                            &c.causal,
                            &c.support,
                            &c.generic,
                            &c.disputed,
                            &c.source,
                            &c.light,
                            &c.target_markers,
                            &c.aircraft,
                        ];
                        for set in sets {
                            assert!(!sent.starts(j, set));
                            assert!(!sent.word_in(j, set));
                        }
                    }
                }
                // The relatives' hashes change no answer.
                for j in 0..n + 2 {
                    let slow =
                        sent.word(j).is_some_and(|w| RELATIVES.contains(&w));
                    assert_eq!(sent.is_relative(j), slow);
                    relatives += usize::from(slow);
                }
                for lo in 0..n + 3 {
                    for hi in 0..n + 3 {
                        let slow: Vec<usize> = (lo..hi)
                            .filter(|&j| !sent.keys(j).is_empty())
                            .collect();
                        assert_eq!(sent.keyed(lo..hi), slow.as_slice());
                        keyed += slow.len();
                    }
                }
            },
        );
        assert!(keyed > 1000, "{keyed}");
        assert!(relatives > 10, "{relatives}");
        Ok(())
    }

    /// A sentence's words read with the document's analyses kept from
    /// sentence to sentence (each distinct word analysed once) have the
    /// keys and readings that analysing each word gives, on every
    /// sentence of the test texts, with the table sized for the document
    /// and grown from its smallest size.
    #[test]
    fn words_analysed_once_answer_as_each_word() -> Result<(), crate::Error> {
        let x = crate::Extractor::builtin();
        let lex = builtin_lexicon()?;
        let key = |r: &Reading<'_, '_>| {
            let pro = r.proclitics.to_string();
            (r.form as *const _, pro, r.article, r.enclitic)
        };
        let (mut words, mut again) = (0, 0);
        for t in &crate::test_texts::all() {
            let p = x.prepare(t.as_str().into());
            let text = p.norm.as_str();
            for room in [p.words.len(), 0] {
                let mut sent = Sentence::new(text, 0, room);
                for s in &p.sentences {
                    sent.clear();
                    let ranges = &p.words[s.words.clone()];
                    let before = sent.seen.words.len();
                    sent.read_words(&lex, ranges);
                    for (j, w) in ranges.iter().enumerate() {
                        let word = &text[w.range()];
                        let (mut k, mut r) = (Vec::new(), Vec::new());
                        lex.analyse(word, w.hash, &mut k, &mut r);
                        assert_eq!(sent.keys(j), k.as_slice(), "{word}");
                        let fast: Vec<_> =
                            sent.readings(j).iter().map(key).collect();
                        let slow: Vec<_> = r.iter().map(key).collect();
                        assert_eq!(fast, slow, "{word}");
                        assert_eq!(sent.with_keys.contains(&j), !k.is_empty());
                        assert_eq!(
                            sent.with_readings.contains(&j),
                            !r.is_empty()
                        );
                        words += usize::from(!k.is_empty() || !r.is_empty());
                    }
                    let analysed = sent.seen.words.len() - before;
                    again += ranges.len().saturating_sub(analysed);
                }
            }
        }
        assert!(words > 1000 && again > 1000, "{words} {again}");
        Ok(())
    }

    /// An entity's normalized range is the one its span maps back to, on
    /// every entity of the articles and peer texts.
    #[test]
    fn entity_norm_is_the_range_of_its_span() {
        let texts = crate::test_texts::all();
        let x = crate::Extractor::builtin();
        let mut seen = 0;
        for t in &texts {
            let p = x.prepare(t.as_str().into());
            for e in x.entities(&p) {
                assert_eq!(
                    view::entity_norm(&e),
                    p.norm.normalized_range(e.loc.span()),
                    "{t}"
                );
                seen += 1;
            }
        }
        assert!(seen > 100, "{seen}");
    }
}
