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

use super::data::{name_forms, norm_name, spelling_variants, Context, Entry};
use crate::hash::{WordHash, WordMap};
use crate::text::char_at;
use crate::Error;
use aho_corasick::{AhoCorasick, MatchKind};
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
}

/// A hit that passed the boundary and proclitic checks.
#[derive(Clone, Debug)]
pub(crate) struct Cand<'m> {
    /// Normalized byte range of the name (without proclitics).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Start of the word the name begins in (its proclitics start here).
    pub(crate) word_start: usize,
    /// Every use of the pattern hit.
    all_uses: &'m [Use],
    /// The classes of use valid with these proclitics.
    classes: Classes,
}

impl<'m> Cand<'m> {
    /// The uses valid with these proclitics.
    pub(crate) fn uses(&self) -> impl Iterator<Item = &'m Use> + '_ {
        self.all_uses.iter().filter(|u| self.classes.has(u.class))
    }

    pub(crate) fn is_demonym(&self) -> bool {
        self.uses().all(|u| u.class == Class::Demonym)
    }

    pub(crate) fn has_demonym(&self) -> bool {
        self.uses().any(|u| u.class == Class::Demonym)
    }
}

/// A set of [`Class`]es.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Classes(u8);

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
    /// (`with_article`: the pattern starts with `ال`).
    fn allowed(prefix: &str, with_article: bool) -> Classes {
        let name = if with_article {
            WITH_ARTICLE.contains(&prefix)
        } else {
            WITHOUT_ARTICLE.contains(&prefix)
        };
        let contracted = BEFORE_CONTRACTED.contains(&prefix);
        let demonym = prefix.is_empty() || prefix == "و";
        let mut set = 0;
        for (ok, c) in [
            (name, Class::Name),
            (contracted, Class::Contracted),
            (demonym, Class::Demonym),
        ] {
            if ok {
                set |= Self::bit(c);
            }
        }
        Classes(set)
    }
}

/// What one pass of the matcher over a text finds.
#[derive(Debug)]
pub(crate) struct Scan<'m> {
    /// Every name hit that passes the boundary and proclitic checks, in
    /// order of start, longest first.
    pub(crate) cands: Vec<Cand<'m>>,
    /// Every word made of at most two letters and an unknown-place
    /// classifier (`قريه`, `وبقريه`), in order.
    pub(crate) spots: Vec<core::ops::Range<usize>>,
}

/// The patterns of a gazetteer and their index.
///
/// A name hit must start at most two letters into a word, after valid
/// proclitics, and end at a word end: so its first token (up to its first
/// char that is not a word char) is the rest of that word. The matcher
/// looks each word's rest up, after no, one and two proclitic letters, in
/// a map from first tokens to patterns ([`Matcher::by_first`]). Patterns
/// that do not start with a word char, and unknown-place classifiers that
/// are not one word, are searched for in the whole text instead.
#[derive(Debug)]
pub(crate) struct Matcher {
    pats: Vec<(String, Vec<Use>)>,
    /// First token → the patterns that start with it.
    by_first: WordMap<Vec<Follow>>,
    /// Patterns that do not start with a word char, and their automaton.
    odd: Option<(AhoCorasick, Vec<usize>)>,
    /// Unknown-place classifiers that are one word, and the others.
    word_classifiers: Vec<String>,
    odd_classifiers: Vec<String>,
}

/// A pattern in [`Matcher::by_first`], with up to eight of its bytes
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

/// Up to eight bytes of `b` from `at`, little-endian, zero-padded.
fn load8(b: &[u8], at: usize) -> u64 {
    b.get(at..)
        .unwrap_or_default()
        .iter()
        .take(8)
        .rev()
        .fold(0u64, |v, &x| (v << 8) | u64::from(x))
}

/// Every proclitic chain any use allows.
const PROCLITICS: [&str; 12] =
    ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"];

const WITH_ARTICLE: [&str; 9] =
    ["", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"];
const WITHOUT_ARTICLE: [&str; 12] =
    ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"];
const BEFORE_CONTRACTED: [&str; 3] = ["ل", "ول", "فل"];

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
                                format!("ل{rest}"),
                                Use {
                                    entry: i,
                                    class: Class::Contracted,
                                    strength,
                                },
                            );
                        }
                    }
                    add(v, Use { entry: i, class: Class::Name, strength });
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
                        },
                    );
                }
            }
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
        Ok(Matcher {
            pats,
            by_first: WordMap::new(by_first),
            odd,
            word_classifiers,
            odd_classifiers,
        })
    }

    /// The number of patterns in the automaton.
    pub(crate) fn len(&self) -> usize {
        self.pats.len()
    }

    /// One pass over `text`: the name hits and the unknown-place spots.
    pub(crate) fn scan(&self, text: &str) -> Scan<'_> {
        // About one hit in a hundred bytes of news text.
        let mut cands = Vec::with_capacity(text.len() / 64);
        let mut spots = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let (word, len) = class_at(text, i);
            if !word {
                i += len;
                continue;
            }
            let ws = i;
            i += len;
            loop {
                let (word, len) = class_at(text, i);
                if !word {
                    break;
                }
                i += len;
            }
            self.word_hits(text, ws, i, &mut cands);
            if self.is_spot(text, ws, i) {
                spots.push(ws..i);
            }
        }
        if let Some((ac, ids)) = &self.odd {
            self.odd_hits(text, ac, ids, &mut cands);
        }
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        if !self.odd_classifiers.is_empty() {
            odd_spots(text, &self.odd_classifiers, &mut spots);
            spots.sort_by_key(|r| r.start);
            spots.dedup();
        }
        Scan { cands, spots }
    }

    /// The hits whose first token is the rest of the word `ws..we` after
    /// its proclitics.
    fn word_hits<'m>(
        &'m self,
        text: &str,
        ws: usize,
        we: usize,
        out: &mut Vec<Cand<'m>>,
    ) {
        let mut s = ws;
        for _ in 0..3 {
            let Some(prefix) = text.get(ws..s) else { return };
            // Every longer chain starts with a shorter one.
            if s >= we || !PROCLITICS.contains(&prefix) {
                return;
            }
            let token = text.get(s..we).unwrap_or_default();
            if let Some(follows) = self.by_first.get(token) {
                let after = load8(text.as_bytes(), we);
                for f in follows {
                    if after & f.mask != f.tail {
                        continue;
                    }
                    if let Some(c) = self.cand(text, ws, s, f.pat) {
                        out.push(c);
                    }
                }
            }
            s += char_at(text, s).map_or(1, |(_, len)| len);
        }
    }

    /// Pattern `k` as a hit at `s` in the word starting at `ws`, if it is
    /// there, ends at a word end and has uses valid after the proclitics.
    fn cand(
        &self,
        text: &str,
        ws: usize,
        s: usize,
        k: usize,
    ) -> Option<Cand<'_>> {
        let (pat, uses) = self.pats.get(k)?;
        let e = s + pat.len();
        if !text.get(s..)?.starts_with(pat.as_str())
            || text
                .get(e..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_word_char)
        {
            return None;
        }
        let prefix = text.get(ws..s).unwrap_or("");
        let classes = Classes::allowed(prefix, pat.starts_with("ال"));
        let cand =
            Cand { start: s, end: e, word_start: ws, all_uses: uses, classes };
        let valid = cand.uses().next().is_some();
        valid.then_some(cand)
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
            out.extend(self.cand(text, ws, m.start(), k));
        }
    }

    /// Whether the word `ws..we` is at most two letters and a one-word
    /// unknown-place classifier.
    fn is_spot(&self, text: &str, ws: usize, we: usize) -> bool {
        let w = text.get(ws..we).unwrap_or_default();
        let (wb, n) = (w.as_bytes(), w.len());
        self.word_classifiers.iter().any(|c| {
            let (cb, m) = (c.as_bytes(), c.len());
            // Length and last two bytes first: most words fail them
            // (two more chars take at most eight bytes).
            (m..=m + 8).contains(&n)
                && (m < 2 || wb.get(n - 2..) == cb.get(m - 2..))
                && w.strip_suffix(c.as_str())
                    .is_some_and(|p| p.chars().count() <= 2)
        })
    }
}

/// Unknown-place classifiers that are not one word, found by substring
/// search: the span from at most two word chars before to the end.
fn odd_spots(
    text: &str,
    classifiers: &[String],
    spots: &mut Vec<core::ops::Range<usize>>,
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
