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
pub(crate) struct Cand {
    /// Normalized byte range of the name (without proclitics).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Start of the word the name begins in (its proclitics start here).
    pub(crate) word_start: usize,
    /// The uses valid with these proclitics.
    pub(crate) uses: Vec<Use>,
}

impl Cand {
    pub(crate) fn is_demonym(&self) -> bool {
        self.uses.iter().all(|u| u.class == Class::Demonym)
    }

    pub(crate) fn has_demonym(&self) -> bool {
        self.uses.iter().any(|u| u.class == Class::Demonym)
    }
}

#[derive(Debug)]
pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    pats: Vec<(String, Vec<Use>)>,
}

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
        let ac = if pats.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(pats.iter().map(|(t, _)| t.as_str()))
                    .map_err(|e| {
                        Error::data(
                            "<gazetteer>",
                            None,
                            None,
                            None,
                            e.to_string(),
                        )
                    })?,
            )
        };
        Ok(Matcher { ac, pats })
    }

    /// The number of patterns in the automaton.
    pub(crate) fn len(&self) -> usize {
        self.pats.len()
    }

    /// Every hit that passes the boundary and proclitic checks, in order
    /// of start, longest first.
    pub(crate) fn candidates(&self, text: &str) -> Vec<Cand> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if text
                .get(e..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_word_char)
            {
                continue;
            }
            let Some(ws) = word_start(text, s) else { continue };
            let prefix = text.get(ws..s).unwrap_or("");
            let Some((pat, uses)) = self.pats.get(m.pattern().as_usize())
            else {
                continue;
            };
            let with_article = pat.starts_with("ال");
            let uses: Vec<Use> = uses
                .iter()
                .filter(|u| match u.class {
                    Class::Name if with_article => {
                        WITH_ARTICLE.contains(&prefix)
                    }
                    Class::Name => WITHOUT_ARTICLE.contains(&prefix),
                    Class::Contracted => BEFORE_CONTRACTED.contains(&prefix),
                    Class::Demonym => prefix.is_empty() || prefix == "و",
                })
                .copied()
                .collect();
            if !uses.is_empty() {
                out.push(Cand { start: s, end: e, word_start: ws, uses });
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        out
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
