//! The clitic-aware matcher: Aho-Corasick over the normalized text, with
//! explicit word-boundary and proclitic checks.
//!
//! Every hit must end at a word boundary, and whatever precedes it inside
//! its word must be a proclitic chain: an optional conjunction (`و`, `ف`)
//! then an optional preposition (`ب`, `ك`, and `ل` before a name without
//! the article). A name with the article also has a contracted pattern
//! (`الرقه` → `لرقه`) that only hits after the preposition `ل` (`للرقه`,
//! `وللرقه`); its reported span starts at the article's `ل`. Names take no
//! enclitic pronouns. So `بالرقه`, `وبالرقه`, `فالرقه`, `كالرقه`, `للرقه`
//! hit; `ورقه`, `الرقابه` and `الحلبه` do not.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::data::{
    name_forms, norm_name, role, spelling_variants, Context, EntityKind, Entry,
};
use crate::hash::{load8, str_hash, WordHash, WordTable};
use crate::text::{char_at, Word};
use crate::Error;
use aho_corasick::{AhoCorasick, MatchKind};
use core::ops::Range;
use std::collections::HashMap;

/// How a pattern relates to an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A name as written.
    Name,
    /// A name whose article `ال` is written `ل` after the preposition `ل`.
    Contracted,
    /// A demonym adjective (`الروسيه`).
    Demonym,
}

/// How freely a name hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Anywhere.
    Plain,
    /// Not when followed by an adjective (`الطبقه السياسيه`).
    Weak,
    /// Only after a locative cue or a classifier (`في الباب`).
    Cued,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Use {
    pub(crate) entry: usize,
    pub(crate) class: Class,
    pub(crate) strength: Strength,
    /// The entry's kind, and whether it is a country (a place that
    /// [`Entry::is_country`]), read here without the entry.
    pub(crate) kind: EntityKind,
    pub(crate) country: bool,
}

impl Class {
    /// The order of a pattern's uses: contracted, name, demonym. Each
    /// set of classes [`Classes::allowed`] gives is a run of it, so the
    /// uses valid after some proclitics are a run of the pattern's uses.
    fn rank(self) -> u8 {
        match self {
            Class::Contracted => 0,
            Class::Name => 1,
            Class::Demonym => 2,
        }
    }
}

/// A hit that passed the boundary and proclitic checks.
#[derive(Clone, Debug)]
pub(crate) struct Cand<'m> {
    /// Normalized byte range of the name (without proclitics).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Start of the word the name begins in (its proclitics start here).
    pub(crate) word_start: usize,
    /// The word before that one, as the scan read it (a run of word
    /// chars; empty when not known): see [`Cand::prev_word`].
    prev: (usize, usize),
    /// The uses of the pattern valid with these proclitics (a run of
    /// its uses, in [`Class::rank`] order), and how many of them are not
    /// demonyms (the first ones).
    valid: &'m [Use],
    names: usize,
}

impl<'m> Cand<'m> {
    /// The valid name and contracted uses.
    pub(crate) fn name_uses(&self) -> &'m [Use] {
        self.valid.get(..self.names).unwrap_or_default()
    }

    /// The valid demonym uses.
    pub(crate) fn demonym_uses(&self) -> &'m [Use] {
        self.valid.get(self.names..).unwrap_or_default()
    }

    pub(crate) fn is_demonym(&self) -> bool {
        self.names == 0
    }

    pub(crate) fn has_demonym(&self) -> bool {
        self.names < self.valid.len()
    }

    /// The word right before the hit's word when one space is between
    /// them and it is at most 41 bytes long (so no longer than
    /// [`prev_word`](super::phrases::prev_word) reads): then it is the word
    /// `prev_word` finds, without reading it again.
    pub(crate) fn prev_word(&self, text: &str) -> Option<(usize, usize)> {
        let (s, e) = self.prev;
        let spaced =
            e + 1 == self.word_start && text.as_bytes().get(e) == Some(&b' ');
        (s < e && e - s <= 41 && spaced).then_some(self.prev)
    }
}

/// A set of [`Class`]es.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Classes(u8);

/// A word that may start a hit, read after a proclitic chain: 1 + the
/// index in [`Matcher::firsts`] of the group of the rest (0 when the rest
/// is no first token), and the classes the chain allows before a pattern
/// without and with the article ([`Classes::allowed`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Start {
    group: u32,
    classes: [Classes; 2],
}

/// A word of [`Matcher::starts`]: what follows its first 0, 2 and 4
/// bytes read as a proclitic chain, and whether it is a spot
/// ([`Matcher::is_spot`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct StartWord {
    starts: [Start; 3],
    spot: bool,
}

/// A pattern's uses valid for each set of classes (indexed by its bits),
/// as [`Cand::new`] finds them: the run's first use, end (0 when none is
/// valid) and its number of name uses.
type Runs = [[u32; 3]; 8];

impl Classes {
    fn bit(c: Class) -> u8 {
        match c {
            Class::Name => 1,
            Class::Contracted => 2,
            Class::Demonym => 4,
        }
    }

    fn has(self, c: Class) -> bool {
        self.0 & Self::bit(c) != 0
    }

    /// The classes of use the proclitics `prefix` allow before a pattern
    /// (`with_article`: the pattern starts with `ال`): after a chain of an
    /// optional conjunction and an optional preposition, a name (with the
    /// article, not after `ل`), a contracted name (only after `ل`), a
    /// demonym (after nothing or `و`).
    fn allowed(prefix: &[u8], with_article: bool) -> Classes {
        let rest = match prefix {
            [a, b, rest @ ..] if is_conjunction(&[*a, *b]) => rest,
            _ => prefix,
        };
        let lam = match rest {
            [] => false,
            _ if is_preposition(rest) => rest == LAM,
            _ => return Classes(0),
        };
        let name = !(with_article && lam);
        let demonym = prefix.is_empty() || prefix == WAW;
        let mut set = 0;
        for (ok, c) in [
            (name, Class::Name),
            (lam, Class::Contracted),
            (demonym, Class::Demonym),
        ] {
            if ok {
                set |= Self::bit(c);
            }
        }
        Classes(set)
    }
}

/// The patterns of a gazetteer and their index.
///
/// A name hit must start at most two letters into a word, after valid
/// proclitics, and end at a word end: so its first token (up to its first
/// char that is not a word char) is the rest of that word. The matcher
/// looks each whole word up in a table of the first tokens after every
/// proclitic chain ([`Matcher::starts`]), behind one bit of the word's
/// hash ([`Matcher::sieve`]). Patterns that do not start with a word
/// char, and unknown-place classifiers that are not one word, are
/// searched for in the whole text instead.
#[derive(Debug)]
pub(crate) struct Matcher {
    pats: Vec<(String, Vec<Use>)>,
    /// The patterns that start with a word char, grouped by first token
    /// (each group longest first).
    firsts: Vec<(String, Vec<Follow>)>,
    /// For each pattern, the run of its uses valid after proclitics that
    /// allow each set of classes ([`Runs`]).
    runs: Vec<Runs>,
    /// Every word that may start a hit: a first token after each
    /// proclitic chain the scan strips ([`CHAINS`]).
    starts: WordTable<StartWord>,
    /// One bit for the top [`SIEVE_LOG`] bits of a word's
    /// [`token_hash`](crate::hash::token_hash): set for every key of
    /// `starts` and every word of Arabic letters ([`Word::arabic`]) that
    /// is a spot ([`Matcher::is_spot`]), so that the scan passes over
    /// most words on this bit alone.
    sieve: Box<[u64; SIEVE_WORDS]>,
    /// Patterns that do not start with a word char, and their automaton.
    odd: Option<(AhoCorasick, Vec<usize>)>,
    /// Unknown-place classifiers that are one word, and the others.
    word_classifiers: Vec<String>,
    odd_classifiers: Vec<String>,
    /// The context words a proclitic strip looks for (`Context::known`),
    /// and those with the article keyed without it (for `لل` read as
    /// `ل` + `ال`).
    pub(crate) known: WordTable<Known>,
    pub(crate) known_after_article: WordTable<Known>,
    /// A filter on the last four bytes of the one-word classifiers, if
    /// they all have four ([`Matcher::is_spot`]).
    spot_tails: Option<[u64; 64]>,
    /// The last bytes of the one-word classifiers, as bits looked up with
    /// a word's last bytes ([`Matcher::is_spot`]).
    spot_ends: SpotEnds,
    /// The ends of the known words that are classifiers, and of those
    /// that are demonym heads ([`Matcher::may_be`]); `None` when one of
    /// them is only the article.
    classifier_ends: Option<SpotEnds>,
    head_ends: Option<SpotEnds>,
}

/// The ends of the one-word unknown-place classifiers: each one's last
/// `k = min(len, 8)` bytes as a bit (of the bytes and `k`), and the
/// distinct `k`. A word that ends with a classifier has the bit of its
/// own last `k` bytes for that classifier's `k`.
#[derive(Clone, Debug)]
struct SpotEnds {
    /// Each distinct `k` (1 to 8) and the shift `8 * (8 - k)` that keeps
    /// the last `k` of eight bytes.
    lens: Vec<(usize, u32)>,
    bits: [u64; 64],
}

impl SpotEnds {
    fn new<'a>(classifiers: impl Iterator<Item = &'a str>) -> SpotEnds {
        let mut ends = SpotEnds { lens: Vec::new(), bits: [0; 64] };
        for c in classifiers.filter(|c| !c.is_empty()) {
            let k = c.len().min(8);
            let tail = load8(c.as_bytes(), c.len() - k);
            let i = end_bit(tail, k);
            if let Some(x) = ends.bits.get_mut(i / 64) {
                *x |= 1 << (i % 64);
            }
            let len = (k, 8 * (8 - k) as u32);
            if !ends.lens.contains(&len) {
                ends.lens.push(len);
            }
        }
        ends
    }

    /// Whether a word of `n` bytes whose last eight bytes (from the text,
    /// so reaching before a shorter word) are `last8` may end with a
    /// classifier: for some `k`, it has `k` bytes and its last `k` have
    /// their bit.
    #[inline(always)]
    fn may_end(&self, n: usize, last8: u64) -> bool {
        self.lens.iter().any(|&(k, shift)| {
            let i = end_bit(last8 >> shift, k);
            n >= k
                && self
                    .bits
                    .get(i / 64)
                    .is_some_and(|x| x >> (i % 64) & 1 != 0)
        })
    }
}

/// The bit of a classifier's last `k` bytes `tail` in [`SpotEnds`].
#[inline(always)]
fn end_bit(tail: u64, k: usize) -> usize {
    ((tail ^ (k as u64) << 60).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52)
        as usize
}

/// A word of the context vocabulary: its [`role`](super::data::role) bits
/// (never 0) and the word itself.
#[derive(Clone, Debug)]
pub(crate) struct Known {
    pub(crate) roles: u8,
    pub(crate) word: String,
}

/// A pattern in [`Matcher::firsts`], with up to eight of its bytes
/// after the first token, to reject most patterns that do not follow in
/// the text with one comparison.
#[derive(Clone, Copy, Debug)]
struct Follow {
    pat: usize,
    /// The bytes after the first token (little-endian, zero-padded) and
    /// the mask of those that exist.
    tail: u64,
    mask: u64,
}

/// The proclitic letters in UTF-8: the conjunctions `و` `ف` and the
/// prepositions `ب` `ك` `ل`. A proclitic chain is an optional conjunction
/// then an optional preposition (`وب`, `فل` ...).
pub(crate) const WAW: &[u8] = "و".as_bytes();
pub(crate) const FA: &[u8] = "ف".as_bytes();
pub(crate) const BA: &[u8] = "ب".as_bytes();
pub(crate) const KAF: &[u8] = "ك".as_bytes();
pub(crate) const LAM: &[u8] = "ل".as_bytes();

/// Two bytes as a big-endian number (0 for any other length).
#[inline(always)]
pub(crate) const fn pair(c: &[u8]) -> u16 {
    match c {
        &[x, y] => u16::from_be_bytes([x, y]),
        _ => 0,
    }
}

/// The two bytes of `b` at `at` as a big-endian number (0 past the end;
/// no proclitic letter is 0).
#[inline(always)]
pub(crate) fn pair_at(b: &[u8], at: usize) -> u16 {
    pair(b.get(at..at + 2).unwrap_or_default())
}

pub(crate) fn is_conjunction(c: &[u8]) -> bool {
    c == WAW || c == FA
}

pub(crate) fn is_preposition(c: &[u8]) -> bool {
    c == BA || c == KAF || c == LAM
}

/// The proclitic chains the scan strips before a first token: none, a
/// conjunction or a preposition, a conjunction then a preposition.
const CHAINS: [&str; 12] =
    ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"];

/// The size of [`Matcher::sieve`]: 2^18 bits (32 KiB), about one bit in
/// sixteen set for the built-in gazetteers (5 658 start words and 9 035
/// Arabic spots). Fixed, so that the scan's index needs no bound check
/// and its shift is a constant; a larger gazetteer sets more of its bits
/// (more words probed, the same hits).
const SIEVE_LOG: u32 = 18;

/// The sieve's 64-bit words.
const SIEVE_WORDS: usize = 1 << (SIEVE_LOG - 6);

/// The bit of a [`token_hash`](crate::hash::token_hash) in the sieve (its
/// top [`SIEVE_LOG`] bits).
#[inline(always)]
fn sieve_bit(h: u64) -> usize {
    (h >> (64 - SIEVE_LOG)) as usize
}

/// Pattern `pat` (with `uses`) hit at `s..e` in the word starting at `ws`
/// after the proclitics `prefix`, if it has uses valid after them.
fn cand_at<'m>(
    ws: usize,
    s: usize,
    e: usize,
    pat: &str,
    uses: &'m [Use],
    prefix: &[u8],
) -> Option<Cand<'m>> {
    let classes = Classes::allowed(prefix, pat.starts_with("ال"));
    Cand::new(ws, s, e, uses, classes)
}

impl<'m> Cand<'m> {
    /// [`Cand::new`] with the pattern's run for `classes` read from its
    /// [`Runs`].
    #[inline(always)]
    fn from_run(
        ws: usize,
        s: usize,
        e: usize,
        uses: &'m [Use],
        runs: &Runs,
        classes: Classes,
    ) -> Option<Cand<'m>> {
        let &[first, end, names] = runs.get(usize::from(classes.0))?;
        let valid = uses.get(first as usize..end as usize)?;
        if valid.is_empty() {
            return None;
        }
        Some(Cand::with_uses(ws, s, e, valid, names as usize))
    }

    /// A hit of a pattern with `uses` (in [`Class::rank`] order) after
    /// proclitics that allow `classes`, if one of its uses is valid.
    fn new(
        ws: usize,
        s: usize,
        e: usize,
        uses: &'m [Use],
        classes: Classes,
    ) -> Option<Cand<'m>> {
        let [first, end, names] = run(uses, classes)?;
        let valid = uses.get(first..end).unwrap_or_default();
        Some(Cand::with_uses(ws, s, e, valid, names))
    }

    /// A hit of `s..e` in the word starting at `ws`, with its `valid`
    /// uses (the first `names` of them not demonyms).
    #[inline(always)]
    fn with_uses(
        ws: usize,
        s: usize,
        e: usize,
        valid: &'m [Use],
        names: usize,
    ) -> Cand<'m> {
        Cand { start: s, end: e, word_start: ws, prev: (0, 0), valid, names }
    }
}

impl Matcher {
    pub(crate) fn build(
        entries: &[Entry],
        context: &Context,
    ) -> Result<Matcher, Error> {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<(String, Vec<Use>)> = Vec::new();
        let mut add = |text: String, u: Use| {
            let k = *ids.entry(text.clone()).or_insert_with(|| {
                pats.push((text, Vec::new()));
                pats.len() - 1
            });
            if let Some((_, uses)) = pats.get_mut(k) {
                match uses
                    .iter_mut()
                    .find(|x| x.entry == u.entry && x.class == u.class)
                {
                    Some(x) => x.strength = x.strength.min(u.strength),
                    None => uses.push(u),
                }
            }
        };
        for (i, e) in entries.iter().enumerate() {
            let country = e.kind == EntityKind::Place && e.is_country();
            for name in e.names_ar() {
                let base = norm_name(name);
                let strength = if e.cued.contains(&base) {
                    Strength::Cued
                } else if e.weak.contains(&base) {
                    Strength::Weak
                } else {
                    Strength::Plain
                };
                for v in spelling_variants(&base, context) {
                    if let Some(rest) = v.strip_prefix("ال") {
                        if !rest.is_empty() {
                            add(
                                joined("ل", rest),
                                Use {
                                    entry: i,
                                    class: Class::Contracted,
                                    strength,
                                    kind: e.kind,
                                    country,
                                },
                            );
                        }
                    }
                    add(
                        v,
                        Use {
                            entry: i,
                            class: Class::Name,
                            strength,
                            kind: e.kind,
                            country,
                        },
                    );
                }
            }
            for d in &e.demonyms_ar {
                for n in spelling_variants(&norm_name(d), context) {
                    if n.is_empty() {
                        continue;
                    }
                    add(
                        n,
                        Use {
                            entry: i,
                            class: Class::Demonym,
                            strength: Strength::Plain,
                            kind: e.kind,
                            country,
                        },
                    );
                }
            }
        }
        // A pattern's uses in class order, each class in the order given.
        for (_, uses) in &mut pats {
            uses.sort_by_key(|u| u.class.rank());
        }
        // Keep `name_forms` and the patterns in step (used by validation).
        debug_assert!(entries.iter().all(|e| name_forms(e, context)
            .iter()
            .all(|f| ids.contains_key(f))));
        let mut by_first: HashMap<String, Vec<Follow>, WordHash> =
            HashMap::default();
        let mut odd = Vec::new();
        for (k, (t, _)) in pats.iter().enumerate() {
            let first = t.split(|c: char| !is_word_char(c)).next();
            let Some(f) = first.filter(|f| !f.is_empty()) else {
                odd.push(k);
                continue;
            };
            let n = (t.len() - f.len()).min(8);
            let follow = Follow {
                pat: k,
                tail: load8(t.as_bytes(), f.len()),
                mask: u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0),
            };
            by_first.entry(f.to_string()).or_default().push(follow);
        }
        // Longest first, so that the hits of a word come longest first.
        for follows in by_first.values_mut() {
            follows.sort_by_key(|f| {
                core::cmp::Reverse(pats.get(f.pat).map_or(0, |(t, _)| t.len()))
            });
        }
        let mut firsts: Vec<(String, Vec<Follow>)> =
            by_first.into_iter().collect();
        firsts.sort_by(|a, b| a.0.cmp(&b.0));
        let mut starts: HashMap<String, StartWord, WordHash> =
            HashMap::default();
        for (g, (first, _)) in firsts.iter().enumerate() {
            let group = u32::try_from(g + 1).unwrap_or(u32::MAX);
            for chain in CHAINS {
                let at = starts.entry(joined(chain, first)).or_default();
                let prefix = chain.as_bytes();
                let classes =
                    [false, true].map(|a| Classes::allowed(prefix, a));
                if let Some(x) = at.starts.get_mut(chain.len() / 2) {
                    *x = Start { group, classes };
                }
            }
        }
        let runs = pats.iter().map(|(_, uses)| runs_of(uses)).collect();
        let odd = if odd.is_empty() {
            None
        } else {
            let texts = odd
                .iter()
                .filter_map(|&k| pats.get(k).map(|(t, _)| t.as_str()));
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(texts)
                .map_err(|e| {
                    Error::data("<gazetteer>", None, None, None, e.to_string())
                })?;
            Some((ac, odd))
        };
        let (mut word_classifiers, mut odd_classifiers) = (vec![], vec![]);
        for c in &context.unknown_classifiers {
            if !c.is_empty() && c.chars().all(is_word_char) {
                word_classifiers.push(c.clone());
            } else {
                odd_classifiers.push(c.clone());
            }
        }
        let known =
            |w: &String| Known { roles: context.roles(w), word: w.clone() };
        let mut spot_tails = Some([0u64; 64]);
        for c in &word_classifiers {
            let tail = last4(c.as_bytes()).map(tail_bit);
            match (tail, spot_tails.as_mut()) {
                (Some(i), Some(bits)) => {
                    if let Some(x) = bits.get_mut(i / 64) {
                        *x |= 1 << (i % 64);
                    }
                }
                _ => spot_tails = None,
            }
        }
        let spot_ends =
            SpotEnds::new(word_classifiers.iter().map(|c| c.as_str()));
        for (w, start) in &mut starts {
            start.spot = is_spot_word(&word_classifiers, w);
        }
        let mut sieve = Box::new([0u64; SIEVE_WORDS]);
        let mut sift = |w: &str| {
            let i = sieve_bit(str_hash(w));
            if let Some(x) = sieve.get_mut(i / 64) {
                *x |= 1 << (i % 64);
            }
        };
        starts.keys().for_each(|w| sift(w));
        arabic_spots(&word_classifiers, sift);
        // A word whose base has a role ends with that known word, or
        // (`لل` read as `ل` + `ال`) with it less its article.
        let role_ends = |r: u8| {
            let ends = context
                .known
                .iter()
                .filter(|w| context.roles(w) & r != 0)
                .map(|w| w.strip_prefix("ال").unwrap_or(w))
                .collect::<Vec<_>>();
            (!ends.contains(&"")).then(|| SpotEnds::new(ends.into_iter()))
        };
        let classifier_ends = role_ends(role::CLASSIFIER);
        let head_ends = role_ends(role::FORCE_HEAD | role::PLACE_HEAD);
        Ok(Matcher {
            pats,
            spot_ends,
            classifier_ends,
            head_ends,
            firsts,
            runs,
            // Probed past the sieve only: its own filter is not asked.
            starts: WordTable::new(6, starts),
            sieve,
            odd,
            word_classifiers,
            odd_classifiers,
            spot_tails,
            known: WordTable::new(
                12,
                context.known.iter().map(|w| (w.clone(), known(w))),
            ),
            known_after_article: WordTable::new(
                12,
                context.known.iter().filter_map(|w| {
                    Some((w.strip_prefix("ال")?.to_string(), known(w)))
                }),
            ),
        })
    }

    /// The number of patterns in the automaton.
    pub(crate) fn len(&self) -> usize {
        self.pats.len()
    }

    /// One pass over the words of `text` (all of them, in order, as
    /// [`crate::text::word_list`] finds them: the matcher's word chars are
    /// those of [`crate::words`]): hands every name hit that passes the
    /// boundary and proclitic checks to `found`, in order of start,
    /// longest first, and returns every word made of at most two letters
    /// and an unknown-place classifier (`قريه`, `وبقريه`), in order.
    ///
    /// `found` answers with the offset before which it takes no more hit
    /// words (the end of the last mention it took; 0 to take every hit):
    /// the hits of a word that starts before it are not looked for.
    ///
    /// Always inlined into its one caller: whether the compiler inlines
    /// it otherwise depends on how the crate falls into codegen units,
    /// which edits elsewhere change, and the scan out of line costs about
    /// 0.1 M instructions per MiB (its hit path no longer shares the
    /// caller's registers).
    #[inline(always)]
    pub(crate) fn scan<'m>(
        &'m self,
        text: &str,
        words: &[Word],
        mut found: impl FnMut(Cand<'m>) -> usize,
    ) -> Vec<Range<usize>> {
        let mut spots = Vec::new();
        // Word hits come in order of start, longest first (each word's
        // patterns are listed longest first); the others are sorted and
        // merged in.
        let mut odd = Vec::new();
        if let Some((ac, ids)) = &self.odd {
            self.odd_hits(text, ac, ids, &mut odd);
            odd.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        }
        let merge = !odd.is_empty();
        let mut odd = odd.into_iter().peekable();
        // Where `found` takes hit words again.
        let mut resume = 0;
        // The words are sifted eight at a time into a mask of those that
        // pass ([`Matcher::passes`]), and only the words of its bits are
        // visited: no branch on each word's bit, and most words cost the
        // few instructions of their bit.
        let full = words.chunks_exact(8);
        let rest = self.pass_mask(full.remainder());
        let masks = full.map(|c| self.pass_mask(c)).chain([rest]);
        for (n, mut mask) in masks.enumerate() {
            while mask != 0 {
                let i = 8 * n + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let Some(w) = words.get(i) else { break };
                // The word before, as a pair of offsets ((0, 0) for none).
                let prev = i
                    .checked_sub(1)
                    .and_then(|j| words.get(j))
                    .map_or((0, 0), |p| (p.start, p.end));
                let (ws, we) = (w.start, w.end);
                let word = text.as_bytes().get(ws..we).unwrap_or_default();
                let start = if ws >= resume && self.sifted(w.hash) {
                    self.starts.probe(word, w.hash)
                } else {
                    None
                };
                // A word of the table knows whether it is a spot.
                let spot = if let Some(start) = start {
                    // Whether `found` still takes hits of this word.
                    let mut emit = |c: Cand<'m>| {
                        if merge {
                            while let Some(o) = odd.next_if(|o| {
                                o.start < c.start
                                    || (o.start == c.start && o.end > c.end)
                            }) {
                                resume = found(o);
                            }
                        }
                        resume = found(Cand { prev, ..c });
                        ws >= resume
                    };
                    self.word_hits(text, ws, we, &start.starts, &mut emit);
                    start.spot
                } else {
                    self.is_spot(text, ws, we)
                };
                if spot {
                    spots.push(ws..we);
                }
            }
        }
        odd.for_each(|o| {
            found(o);
        });
        if !self.odd_classifiers.is_empty() {
            odd_spots(text, &self.odd_classifiers, &mut spots);
            spots.sort_by_key(|r| r.start);
            spots.dedup();
        }
        spots
    }

    /// Whether a word's hash has its bit in the sieve.
    #[inline(always)]
    fn sifted(&self, h: u64) -> bool {
        let i = sieve_bit(h);
        self.sieve.get(i / 64).is_some_and(|x| x >> (i % 64) & 1 != 0)
    }

    /// Whether the scan visits a word: on the sieve (it may start a hit,
    /// or be a spot), or not all Arabic letters (the sieve holds only the
    /// Arabic spots). A word off the sieve starts no hit, and is no spot
    /// when it is Arabic letters.
    #[inline(always)]
    fn passes(&self, w: &Word) -> bool {
        self.sifted(w.hash) | !w.arabic
    }

    /// A bit for each of up to eight words that [`Matcher::passes`]
    /// (bit `k` for `ws[k]`), with no branch on any word's bit.
    #[inline(always)]
    fn pass_mask(&self, ws: &[Word]) -> u32 {
        // A full chunk as a fixed-size array, so its loop is unrolled.
        match <&[Word; 8]>::try_from(ws) {
            Ok(eight) => self.mask_of(eight.iter()),
            Err(_) => self.mask_of(ws.iter().take(8)),
        }
    }

    /// Bit `k` set for the `k`th word of `ws` that [`Matcher::passes`].
    #[inline(always)]
    fn mask_of<'w>(&self, ws: impl Iterator<Item = &'w Word>) -> u32 {
        ws.enumerate().fold(0, |m, (k, w)| m | u32::from(self.passes(w)) << k)
    }

    /// The hits whose first token is the rest of the word `ws..we` after
    /// its proclitics (none, a conjunction, a preposition, or both: the
    /// word's `starts`), until `out` answers that it takes no more.
    #[inline(always)]
    fn word_hits<'m>(
        &'m self,
        text: &str,
        ws: usize,
        we: usize,
        starts: &[Start; 3],
        out: &mut impl FnMut(Cand<'m>) -> bool,
    ) {
        for (k, st) in starts.iter().enumerate() {
            if st.group != 0
                && !self.token_hits(text, ws, ws + 2 * k, we, st, out)
            {
                return;
            }
        }
    }

    /// The hits of the patterns of the group of `st`, whose first token
    /// is `s..we`, after the proclitics `ws..s` (which allow the classes
    /// of `st`); false once `out` takes no more.
    #[inline(always)]
    fn token_hits<'m>(
        &'m self,
        text: &str,
        ws: usize,
        s: usize,
        we: usize,
        st: &Start,
        out: &mut impl FnMut(Cand<'m>) -> bool,
    ) -> bool {
        let group = st.group.checked_sub(1);
        let Some((_, follows)) =
            group.and_then(|g| self.firsts.get(g as usize))
        else {
            return true;
        };
        let b = text.as_bytes();
        let after = load8_near_end_cold(b, we);
        for f in follows {
            if after & f.mask != f.tail {
                continue;
            }
            let Some((pat, uses)) = self.pats.get(f.pat) else { continue };
            let e = s + pat.len();
            // The first token and up to eight more bytes are checked.
            let checked = we - s + 8;
            if pat.len() > checked
                && !same_from(
                    b.get(s..e).unwrap_or_default(),
                    pat.as_bytes(),
                    checked,
                )
            {
                continue;
            }
            // A one-token pattern ends where the word does.
            if e != we && class_at(text, e).0 {
                continue;
            }
            let article = usize::from(pat.starts_with("ال"));
            let Some(&classes) = st.classes.get(article) else { continue };
            let Some(runs) = self.runs.get(f.pat) else { continue };
            if let Some(c) = Cand::from_run(ws, s, e, uses, runs, classes) {
                if !out(c) {
                    return false;
                }
            }
        }
        true
    }

    /// The hits of the patterns that do not start with a word char.
    fn odd_hits<'m>(
        &'m self,
        text: &str,
        ac: &AhoCorasick,
        ids: &[usize],
        out: &mut Vec<Cand<'m>>,
    ) {
        for m in ac.find_overlapping_iter(text) {
            let Some(&k) = ids.get(m.pattern().as_usize()) else { continue };
            let Some(ws) = word_start(text, m.start()) else { continue };
            let Some((pat, uses)) = self.pats.get(k) else { continue };
            let (s, e) = (m.start(), m.end());
            if class_at(text, e).0 {
                continue;
            }
            let prefix = text.as_bytes().get(ws..s).unwrap_or_default();
            out.extend(cand_at(ws, s, e, pat, uses, prefix));
        }
    }

    /// Whether the word `s..e` of `text` may have one of the [`role`]
    /// bits `r` when read with the context vocabulary: false only when no
    /// known word with one of them (less its article) ends it, so the
    /// word's reading has none of them. Filtered are a classifier
    /// ([`role::CLASSIFIER`]) and a demonym head ([`role::FORCE_HEAD`] `|`
    /// [`role::PLACE_HEAD`]); any other `r` may always be.
    #[inline(always)]
    pub(crate) fn may_be(
        &self,
        text: &str,
        s: usize,
        e: usize,
        r: u8,
    ) -> bool {
        let ends = if r == role::CLASSIFIER {
            &self.classifier_ends
        } else if r == role::FORCE_HEAD | role::PLACE_HEAD {
            &self.head_ends
        } else {
            return true;
        };
        let last8 = e
            .checked_sub(8)
            .and_then(|a| text.as_bytes().get(a..e))
            .and_then(|x| <[u8; 8]>::try_from(x).ok())
            .map(u64::from_le_bytes);
        match (ends, last8) {
            (Some(ends), Some(x)) => ends.may_end(e.saturating_sub(s), x),
            _ => true,
        }
    }

    /// Whether the word `ws..we` is at most two letters and a one-word
    /// unknown-place classifier.
    #[inline(always)]
    fn is_spot(&self, text: &str, ws: usize, we: usize) -> bool {
        // A word that ends like no classifier is none: when they all have
        // four bytes, its last four (none when it is shorter) are looked
        // up in one bit, most words' only test.
        if let Some(bits) = &self.spot_tails {
            if we - ws < 4 {
                return false;
            }
            let b = text.as_bytes();
            let tail = b.get(we - 4..we).and_then(|x| x.try_into().ok());
            let Some(i) = tail.map(u32::from_le_bytes).map(tail_bit) else {
                return false;
            };
            if bits.get(i / 64).is_none_or(|x| x & (1 << (i % 64)) == 0) {
                return false;
            }
        }
        self.is_spot_ends(text, ws, we)
    }

    /// [`Matcher::is_spot`] past its bit filter: the word's last bytes
    /// against the classifiers' ends ([`SpotEnds`]), then the whole test.
    #[inline(never)]
    fn is_spot_ends(&self, text: &str, ws: usize, we: usize) -> bool {
        let b = text.as_bytes();
        let last8 = we
            .checked_sub(8)
            .and_then(|s| b.get(s..we))
            .and_then(|x| <[u8; 8]>::try_from(x).ok())
            .map(u64::from_le_bytes);
        if let Some(x) = last8 {
            if !self.spot_ends.may_end(we - ws, x) {
                return false;
            }
        }
        self.is_spot_slow(text, ws, we)
    }

    /// [`Matcher::is_spot`] without its filters.
    #[inline(never)]
    fn is_spot_slow(&self, text: &str, ws: usize, we: usize) -> bool {
        let w = text.get(ws..we).unwrap_or_default();
        is_spot_word(&self.word_classifiers, w)
    }
}

/// Whether the word `w` is at most two letters and one of the one-word
/// `classifiers` ([`Matcher::is_spot`] without its filters).
fn is_spot_word(classifiers: &[String], w: &str) -> bool {
    let (wb, n) = (w.as_bytes(), w.len());
    classifiers.iter().any(|c| {
        let (cb, m) = (c.as_bytes(), c.len());
        // Length and last two bytes first: most words fail them
        // (two more chars take at most eight bytes).
        (m..=m + 8).contains(&n)
            && (m < 2 || wb.get(n - 2..) == cb.get(m - 2..))
            && w.strip_suffix(c.as_str())
                .is_some_and(|p| p.chars().count() <= 2)
    })
}

/// The run of a pattern's `uses` (in [`Class::rank`] order) valid after
/// proclitics that allow `classes`, if one is: its first use, its end,
/// and how many of it are not demonyms (the first ones).
fn run(uses: &[Use], classes: Classes) -> Option<[usize; 3]> {
    let first = uses.iter().position(|u| classes.has(u.class))?;
    let end = uses.iter().rposition(|u| classes.has(u.class))? + 1;
    let valid = uses.get(first..end).unwrap_or_default();
    let names = valid
        .iter()
        .position(|u| u.class == Class::Demonym)
        .unwrap_or(valid.len());
    Some([first, end, names])
}

/// The [`Runs`] of a pattern's `uses`: [`run`] for each set of classes.
fn runs_of(uses: &[Use]) -> Runs {
    let mut runs = [[0; 3]; 8];
    for (bits, r) in (0u8..).zip(runs.iter_mut()) {
        if let Some(x) = run(uses, Classes(bits)) {
            *r = x.map(|x| u32::try_from(x).unwrap_or(u32::MAX));
        }
    }
    runs
}

/// Hands `f` every word of Arabic letters (U+0621..U+064A) that is a
/// spot: at most two of them and a one-word classifier (written in one
/// buffer: there are thousands).
fn arabic_spots(classifiers: &[String], mut f: impl FnMut(&str)) {
    let mut w = String::new();
    for c in classifiers {
        f(c);
        for x in '\u{0621}'..='\u{064A}' {
            w.clear();
            w.push(x);
            w.push_str(c);
            f(&w);
            for y in '\u{0621}'..='\u{064A}' {
                w.truncate(x.len_utf8());
                w.push(y);
                w.push_str(c);
                f(&w);
            }
        }
    }
}

/// `a` then `b` in one string (without the formatting machinery: the
/// build makes tens of thousands).
fn joined(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

/// Unknown-place classifiers that are not one word, found by substring
/// search: the span from at most two word chars before to the end.
fn odd_spots(
    text: &str,
    classifiers: &[String],
    spots: &mut Vec<Range<usize>>,
) {
    for c in classifiers {
        for (i, _) in text.match_indices(c.as_str()) {
            let end = i + c.len();
            if text
                .get(end..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_word_char)
            {
                continue;
            }
            if let Some(start) = word_start(text, i) {
                spots.push(start..end);
            }
        }
    }
}

/// [`load8`] with the read of fewer than eight bytes (at the end of
/// the text) out of line: inlined, the short read's offsets are worked
/// out before it is known to be needed.
#[inline(always)]
fn load8_near_end_cold(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(c) => u64::from_le_bytes(c),
        None => load8_out_of_line(b, at),
    }
}

/// [`load8`], never inlined.
#[cold]
#[inline(never)]
fn load8_out_of_line(b: &[u8], at: usize) -> u64 {
    load8(b, at)
}

/// Whether `a` and `b` are the same bytes, given that they are from
/// `from` on (they are equal before it: `a` starts like `b`): compared
/// eight at a time without a call, the last eight read where they end.
#[inline(always)]
fn same_from(a: &[u8], b: &[u8], from: usize) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a == b;
    }
    let mut i = from;
    while i + 8 < n {
        if load8(a, i) != load8(b, i) {
            return false;
        }
        i += 8;
    }
    load8(a, n - 8) == load8(b, n - 8)
}

/// The last four bytes of `b`, if it has four.
fn last4(b: &[u8]) -> Option<u32> {
    let n = b.len();
    let t: [u8; 4] = b.get(n.checked_sub(4)?..)?.try_into().ok()?;
    Some(u32::from_le_bytes(t))
}

/// The bit of four bytes in the filter of [`Matcher::spot_tails`].
fn tail_bit(t: u32) -> usize {
    (t.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// Whether two bytes are an Arabic letter, U+0621..U+064A (in UTF-8,
/// big-endian, D8 A1 to D9 8A: contiguous, as a trail byte is at most BF).
#[inline(always)]
pub(crate) fn is_arabic_letter(c: &[u8]) -> bool {
    match c {
        &[lead, trail] => {
            u16::from_be_bytes([lead, trail]).wrapping_sub(0xD8A1)
                <= 0xD98A - 0xD8A1
        }
        _ => false,
    }
}

/// Whether the char at byte `pos` is a word char ([`is_word_char`]), and
/// its length (0 at the end of the text). ASCII and the Arabic letters
/// are read from the bytes.
#[inline(always)]
fn class_at(text: &str, pos: usize) -> (bool, usize) {
    let b = text.as_bytes();
    let (Some(&b0), b1) = (b.get(pos), b.get(pos + 1).copied()) else {
        return (false, 0);
    };
    match (b0, b1) {
        (0..=0x7F, _) => (b0.is_ascii_alphanumeric(), 1),
        // U+0621..U+063F and U+0640..U+064A.
        (0xD8, Some(0xA1..=0xBF)) | (0xD9, Some(0x80..=0x8A)) => (true, 2),
        _ => char_at(text, pos)
            .map_or((false, 1), |(c, len)| (is_word_char(c), len)),
    }
}

/// Whether `c` belongs to a word (as in [`crate::words`]), with a fast
/// path for ASCII and the Arabic letters.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{0621}'..='\u{064A}').contains(&c)
        || (!c.is_ascii() && crate::text::is_word_char(c))
}

/// The start of the word `s` lies in, if at most two letters precede `s`
/// in it (the longest proclitic chain).
fn word_start(text: &str, s: usize) -> Option<usize> {
    let mut ws = s;
    for (n, c) in text.get(..s).unwrap_or("").chars().rev().enumerate() {
        if !is_word_char(c) {
            break;
        }
        if n >= 2 {
            return None;
        }
        ws -= c.len_utf8();
    }
    Some(ws)
}
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::hash::token_hash;

    /// What one pass of the matcher over a text finds.
    struct Scan<'m> {
        cands: Vec<Cand<'m>>,
        spots: Vec<Range<usize>>,
        /// The slow scan's hits: all uses of the pattern, and the classes
        /// allowed.
        from: HashMap<Key, (&'m [Use], Classes)>,
    }

    /// The scan done the slow way: words split by chars, every proclitic
    /// chain tried as a string, every first token looked up in a map of
    /// the patterns made here,
    /// patterns compared in full, classes from the lists of chains.
    fn slow_scan<'m>(m: &'m Matcher, text: &str) -> Scan<'m> {
        const CHAINS: [&str; 12] =
            ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"];
        // First token → the patterns that start with it.
        let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, (pat, _)) in m.pats.iter().enumerate() {
            let first = pat.split(|c: char| !is_word_char(c)).next().unwrap();
            if !first.is_empty() {
                by_first.entry(first).or_default().push(k);
            }
        }
        const WITH_ARTICLE: [&str; 9] =
            ["", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"];
        let allowed = |prefix: &str, article: bool| {
            let name = CHAINS.contains(&prefix)
                && (!article || WITH_ARTICLE.contains(&prefix));
            let contracted = ["ل", "ول", "فل"].contains(&prefix);
            let demonym = prefix.is_empty() || prefix == "و";
            Classes(
                u8::from(name)
                    | u8::from(contracted) << 1
                    | u8::from(demonym) << 2,
            )
        };
        let ends_word =
            |e: usize| !text[e..].chars().next().is_some_and(is_word_char);
        let mut cands = Vec::new();
        let mut from = HashMap::new();
        let mut spots = Vec::new();
        let mut words = Vec::new();
        let mut ws = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (is_word_char(c), ws) {
                (true, None) => ws = Some(i),
                (false, Some(w)) => {
                    words.push(w..i);
                    ws = None;
                }
                _ => {}
            }
        }
        for r in words {
            let w = &text[r.clone()];
            for p in CHAINS {
                let Some(token) = w.strip_prefix(p).filter(|t| !t.is_empty())
                else {
                    continue;
                };
                let s = r.start + p.len();
                let mut hits = Vec::new();
                for &k in by_first.get(token).into_iter().flatten() {
                    let (pat, uses) = &m.pats[k];
                    let e = s + pat.len();
                    if text[s..].starts_with(pat.as_str()) && ends_word(e) {
                        let classes = allowed(p, pat.starts_with("ال"));
                        if uses.iter().any(|u| classes.has(u.class)) {
                            let c = Cand::new(r.start, s, e, uses, classes)
                                .unwrap();
                            from.insert(key(&c), (&uses[..], classes));
                            hits.push(c);
                        }
                    }
                }
                cands.extend(hits);
            }
            let spot = m.word_classifiers.iter().any(|c| {
                w.strip_suffix(c.as_str())
                    .is_some_and(|p| p.chars().count() <= 2)
            });
            if spot {
                spots.push(r);
            }
        }
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        Scan { cands, spots, from }
    }

    type Key = (usize, usize, usize, *const Use, usize, usize);

    fn key(c: &Cand<'_>) -> Key {
        (
            c.start,
            c.end,
            c.word_start,
            c.valid.as_ptr(),
            c.valid.len(),
            c.names,
        )
    }

    /// Texts of every shape for the word tests: the test texts and
    /// hostile ones (empty, no word, a word at either end, mixed scripts,
    /// digits in words, marks and tatweel, proclitics alone).
    fn shapes() -> Vec<String> {
        let mut texts = crate::test_texts::all();
        texts.extend(
            [
                "",
                " ",
                "،.«»",
                "الرقه",
                " بالرقه",
                "في الرقه",
                "في الرقه.",
                "abcالرقهdef 12الرقه الرقه34 ٣٤الرقه",
                "وب و ب وبا ول لل للرقه والرقه، فالرقه",
                "دمشقـــ حلب\u{0640}ب قـرية وبقريه\u{064B} Ωmega_ж",
                "x\u{200D}الرقه a-b c'd e\u{00A0}f",
            ]
            .map(String::from),
        );
        texts
    }

    /// The words the scan is handed ([`Prepared::words`], from
    /// [`crate::text::word_list`]) are the maximal runs of the matcher's
    /// word chars, each with its token hash.
    ///
    /// [`Prepared::words`]: crate::extractor::Prepared
    #[test]
    fn prepared_words_are_the_matchers_words() {
        let ex = crate::Extractor::builtin();
        let mut n = 0;
        for t in &shapes() {
            let p = ex.prepare(crate::Input::new(t));
            let text = p.norm.as_str();
            let mut slow = Vec::new();
            let mut ws = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (is_word_char(c), ws) {
                    (true, None) => ws = Some(i),
                    (false, Some(w)) => {
                        slow.push((w, i, token_hash(text.as_bytes(), w, i)));
                        ws = None;
                    }
                    _ => {}
                }
            }
            let fast: Vec<_> =
                p.words.iter().map(|w| (w.start, w.end, w.hash)).collect();
            assert_eq!(fast, slow, "{t}");
            n += fast.len();
        }
        assert!(n > 5_000, "{n}");
    }

    /// The scan over the word list (its hashes, proclitics read from
    /// bytes, sieve, start table, spot filter, no sort) finds what the
    /// slow one does.
    #[test]
    fn scan_matches_the_slow_path() {
        let ex = crate::Extractor::builtin();
        let m = &ex.gazetteer().matcher;
        assert!(m.odd.is_none() && m.spot_tails.is_some());
        let texts = shapes();
        let (mut n, mut n_spots) = (0, 0);
        for t in &texts {
            let norm = crate::normalize(t);
            let text = norm.as_str();
            let words = crate::text::word_list(text);
            let mut cands = Vec::new();
            let spots = m.scan(text, &words, |c| {
                cands.push(c);
                0
            });
            let (fast, slow) = (
                Scan { cands, spots, from: HashMap::new() },
                slow_scan(m, text),
            );
            let keys =
                |s: &Scan<'_>| -> Vec<_> { s.cands.iter().map(key).collect() };
            assert_eq!(keys(&fast), keys(&slow), "{t}");
            assert_eq!(fast.spots, slow.spots, "{t}");
            // The run of valid uses is the uses of the allowed classes,
            // names first, with their entries' kinds.
            for c in &fast.cands {
                let (uses, classes) = &slow.from[&key(c)];
                let of = |f: &dyn Fn(&Use) -> bool| -> Vec<Use> {
                    uses.iter()
                        .filter(|u| classes.has(u.class) && f(u))
                        .copied()
                        .collect()
                };
                assert_eq!(c.valid, of(&|_| true), "{t}");
                let demonym = |u: &Use| u.class == Class::Demonym;
                assert_eq!(c.name_uses(), of(&|u| !demonym(u)), "{t}");
                assert_eq!(c.demonym_uses(), of(&demonym), "{t}");
                for u in c.valid {
                    let e = &ex.gazetteer().entries[u.entry];
                    assert_eq!(u.kind, e.kind);
                    let country =
                        e.kind == EntityKind::Place && e.is_country();
                    assert_eq!(u.country, country);
                }
            }
            n += fast.cands.len();
            n_spots += fast.spots.len();
        }
        assert!(n > 500 && n_spots > 5, "{n} {n_spots}");
    }

    /// Skipping the words that `found` no longer takes hits of changes
    /// nothing it takes: leftmost-longest taking (each hit that starts
    /// at or after the last taken end, taken whole or, every third one,
    /// refused) over every test text sees the same hits whether the scan
    /// is told where taking resumes or not; the eight-byte comparison is
    /// the slice comparison for slices known equal up to a point.
    #[test]
    fn skipping_taken_words_changes_nothing() {
        let ex = crate::Extractor::builtin();
        let m = &ex.gazetteer().matcher;
        let mut n = 0;
        for t in &shapes() {
            let norm = crate::normalize(t);
            let text = norm.as_str();
            let words = crate::text::word_list(text);
            let take = |tell: bool| {
                let (mut last_end, mut k, mut taken) = (0, 0, Vec::new());
                let spots = m.scan(text, &words, |c| {
                    if c.word_start >= last_end {
                        k += 1;
                        if k % 3 != 0 {
                            last_end = c.end;
                            taken.push(key(&c));
                        }
                    }
                    if tell {
                        last_end
                    } else {
                        0
                    }
                });
                (taken, spots)
            };
            let (fast, slow) = (take(true), take(false));
            assert_eq!(fast, slow, "{t}");
            n += fast.0.len();
        }
        assert!(n > 300, "{n}");
        let b = "abcdefghijklmnopqrstuvwxyzالرقه".as_bytes();
        for i in 0..b.len() {
            for j in i..=b.len() {
                for k in 0..=b.len() - (j - i) {
                    let (x, y) = (&b[i..j], &b[k..k + j - i]);
                    // Equal before `f`: `y` with its start from `x`.
                    for f in 0..=x.len() {
                        let z = [&x[..f], &y[f..]].concat();
                        assert_eq!(same_from(&z, x, f), z == x);
                    }
                }
            }
        }
    }

    /// The filtered spot test agrees with the unfiltered one on every
    /// word of the test texts and on every classifier after up to two
    /// letters.
    #[test]
    fn is_spot_matches_the_slow_test() {
        let ex = crate::Extractor::builtin();
        let m = &ex.gazetteer().matcher;
        let mut texts = crate::test_texts::all();
        for c in &m.word_classifiers {
            for p in ["", "و", "وب", "ال", "a", "ab", "abc", "وبا"] {
                texts.push(format!("xx {p}{c} {p}{c}ي {c}"));
            }
        }
        let mut n = 0;
        for t in &texts {
            let norm = crate::normalize(t);
            let text = norm.as_str();
            for r in crate::words(text) {
                let fast = m.is_spot(text, r.start, r.end);
                assert_eq!(fast, m.is_spot_slow(text, r.start, r.end), "{t}");
                n += usize::from(fast);
            }
        }
        assert!(n > 50, "{n}");
    }

    /// The previous word a hit carries from the scan is the one
    /// `prev_word` reads back from the hit's word.
    #[test]
    fn prev_word_from_the_scan_is_prev_word() {
        let ex = crate::Extractor::builtin();
        let m = &ex.gazetteer().matcher;
        let texts = crate::test_texts::all();
        let (mut known, mut all) = (0, 0);
        for t in &texts {
            let norm = crate::normalize(t);
            let text = norm.as_str();
            m.scan(text, &crate::text::word_list(text), |c| {
                let slow =
                    super::super::phrases::prev_word(text, c.word_start)
                        .map(|w| (w.start, w.end));
                if let Some(fast) = c.prev_word(text) {
                    assert_eq!(Some(fast), slow, "{t}");
                    known += 1;
                }
                all += usize::from(slow.is_some());
                0
            });
        }
        assert!(known * 10 > all * 9, "{known} {all}");
    }

    /// The role filter never rejects a word whose reading with the
    /// context has the role: every word of the test texts (and each with
    /// proclitics and `لل` before it) against its reading, and every
    /// known word; most words are rejected.
    #[test]
    fn may_be_never_rejects_a_word_with_the_role() {
        let ex = crate::Extractor::builtin();
        let g = ex.gazetteer();
        let m = &g.matcher;
        let masks = [role::CLASSIFIER, role::FORCE_HEAD | role::PLACE_HEAD];
        let mut words: Vec<String> = g.context.known.iter().cloned().collect();
        for w in g.context.known.iter() {
            for p in ["و", "ف", "ب", "ل", "وب", "فل", "ك"] {
                words.push(format!("{p}{w}"));
            }
            if let Some(x) = w.strip_prefix("ال") {
                words.push(format!("لل{x}"));
                words.push(format!("ولل{x}"));
            }
        }
        for t in crate::test_texts::all() {
            let norm = crate::normalize(&t);
            let text = norm.as_str();
            for w in crate::text::word_list(text) {
                words.extend(text.get(w.start..w.end).map(str::to_string));
            }
        }
        let (mut passed, mut all) = ([0; 2], 0);
        for w in &words {
            // In a text, with other words before it (the filter reads
            // eight bytes back).
            let text = format!("في الموقع {w}");
            let (s, e) = (text.len() - w.len(), text.len());
            let read = super::super::phrases::with_context(
                &text,
                &super::super::phrases::prev_word(&format!("{text} "), e + 1)
                    .unwrap(),
                g,
            );
            all += 1;
            for (i, &r) in masks.iter().enumerate() {
                let may = m.may_be(&text, s, e, r);
                assert!(may || !read.is(r), "{w} {r}");
                passed[i] += usize::from(may);
            }
            assert!(m.may_be(&text, s, e, role::LOCATIVE));
        }
        assert!(passed.iter().all(|&p| p * 3 < all), "{passed:?} {all}");
    }

    /// The table of words that may start a hit finds, for each word of
    /// the test texts (hashed in place as the scan hashes them, and
    /// after each proclitic chain), the group of each first token it is
    /// after a chain with the classes the chain allows, and whether it
    /// is a spot, and nothing else; the sieve lets every such word and
    /// every Arabic spot through, and rejects most words.
    #[test]
    fn start_table_and_sieve_find_the_start_words() {
        let ex = crate::Extractor::builtin();
        let m = &ex.gazetteer().matcher;
        let groups: HashMap<&str, u32> = m
            .firsts
            .iter()
            .enumerate()
            .map(|(g, (f, _))| (f.as_str(), g as u32 + 1))
            .collect();
        assert!(groups.len() > 100, "{}", groups.len());
        let sifted = |h: u64| {
            let i = sieve_bit(h);
            m.sieve[i / 64] >> (i % 64) & 1 != 0
        };
        let mut texts = crate::test_texts::all();
        texts.push(groups.keys().copied().collect::<Vec<_>>().join(" "));
        for c in CHAINS {
            let words: Vec<String> =
                groups.keys().map(|f| format!("{c}{f}")).collect();
            texts.push(words.join(" "));
        }
        let mut spot_words = Vec::new();
        arabic_spots(&m.word_classifiers, |w| spot_words.push(w.to_string()));
        texts.push(spot_words.join(" "));
        let (mut starts, mut spots, mut both) = (0, 0, 0);
        for t in &texts {
            let n = crate::normalize(t);
            let text = n.as_str();
            for w in crate::text::word_list(text) {
                let word = &text[w.range()];
                let mut want = [Start::default(); 3];
                for c in CHAINS {
                    let rest = word.strip_prefix(c);
                    if let Some(&group) = rest.and_then(|r| groups.get(r)) {
                        let b = c.as_bytes();
                        let classes =
                            [false, true].map(|a| Classes::allowed(b, a));
                        want[c.len() / 2] = Start { group, classes };
                    }
                }
                let got = m.starts.probe(word.as_bytes(), w.hash);
                let spot = m.is_spot_slow(text, w.start, w.end);
                if let Some(got) = got {
                    assert_eq!(got.spot, spot, "{word}");
                    both += usize::from(spot);
                }
                let got = got.map(|x| x.starts);
                assert_eq!(got.unwrap_or_default(), want, "{word}");
                if got.is_some() || spot && w.arabic {
                    assert!(sifted(w.hash), "{word}");
                }
                starts += usize::from(got.is_some());
                spots += usize::from(spot);
            }
        }
        assert!(starts > 5_000 && spots > 5_000, "{starts} {spots}");
        // Some words of the table are spots too.
        assert!(both > 10, "{both}");
        // Most words of the test texts are rejected.
        let (mut all, mut rejected) = (0, 0);
        for t in crate::test_texts::all() {
            for w in crate::text::word_list(crate::normalize(&t).as_str()) {
                all += 1;
                rejected += usize::from(!sifted(w.hash));
            }
        }
        assert!(rejected * 3 > all * 2, "{rejected} {all}");
    }

    /// The mask of eight (or fewer) words has the bit of each word that
    /// passes, tested one at a time (on the sieve, or not all Arabic
    /// letters), at every offset of the word lists of the test texts.
    #[test]
    fn pass_mask_is_each_words_test() {
        let ex = crate::Extractor::builtin();
        let m = &ex.gazetteer().matcher;
        let (mut n, mut passed) = (0, 0);
        for t in crate::test_texts::all() {
            let words = crate::text::word_list(crate::normalize(&t).as_str());
            for i in 0..words.len() {
                let ws = &words[i..(i + 8).min(words.len())];
                let slow = ws.iter().enumerate().fold(0u32, |m2, (k, w)| {
                    let bit = sieve_bit(w.hash);
                    let sifted = m.sieve[bit / 64] >> (bit % 64) & 1 != 0;
                    m2 | u32::from(sifted || !w.arabic) << k
                });
                assert_eq!(m.pass_mask(ws), slow, "{t}");
                n += 1;
                passed += slow.count_ones();
            }
        }
        assert!(n > 5_000 && passed > 5_000, "{n} {passed}");
    }

    /// The read with its short case out of line is `load8` at every
    /// offset of texts of every length up to 20 bytes, the end included.
    #[test]
    fn load8_near_end_cold_is_load8() {
        let all = "abcdefghالرقهxyz".as_bytes();
        for n in 0..=all.len().min(20) {
            let b = &all[..n];
            for at in 0..=n + 2 {
                assert_eq!(
                    load8_near_end_cold(b, at),
                    load8(b, at),
                    "{n} {at}"
                );
            }
        }
    }

    /// The runs of valid uses read from a pattern's [`Runs`] are those
    /// [`Cand::new`] finds, for every pattern and set of classes.
    #[test]
    fn runs_are_the_valid_uses() {
        let ex = crate::Extractor::builtin();
        let m = &ex.gazetteer().matcher;
        let mut n = 0;
        for ((_, uses), runs) in m.pats.iter().zip(&m.runs) {
            for bits in 0..8 {
                let c = Classes(bits);
                let fast = Cand::from_run(1, 2, 3, uses, runs, c);
                let slow = Cand::new(1, 2, 3, uses, c);
                assert_eq!(fast.as_ref().map(key), slow.as_ref().map(key));
                n += usize::from(fast.is_some());
            }
        }
        assert!(n > 1_000, "{n}");
    }

    /// The context-word tables find each context word (with its roles
    /// and, after the article, the whole word) and no other word.
    #[test]
    fn context_tables_find_exactly_the_context_words() {
        let ex = crate::Extractor::builtin();
        let (m, ctx) = (&ex.gazetteer().matcher, &ex.gazetteer().context);
        for w in &ctx.known {
            let k = m.known.get(w).unwrap();
            assert_eq!((k.roles, k.word.as_str()), (ctx.roles(w), w.as_str()));
            assert_ne!(k.roles, 0, "{w}");
            if let Some(r) = w.strip_prefix("ال") {
                assert_eq!(m.known_after_article.get(r).unwrap().word, *w);
            }
        }
        let text = crate::test_texts::articles().join(" ");
        let n = crate::normalize(&text);
        for r in crate::words(n.as_str()) {
            let w = &n.as_str()[r];
            assert_eq!(m.known.get(w).is_some(), ctx.known.contains(w), "{w}");
            let with_article = format!("ال{w}");
            assert_eq!(
                m.known_after_article.get(w).is_some(),
                ctx.known.contains(&with_article),
                "{w}"
            );
        }
    }
}
