//! Gazetteers of actors, persons and places, and the clitic-aware matcher.
//!
//! The data lives in `gazetteers/actors.toml` and `gazetteers/places.toml`
//! (persons are in the actors file), with the matcher's context vocabulary
//! in `gazetteers/context.toml`. [`Gazetteer`] loads and checks it;
//! `extract` finds the mentions of one prepared document:
//!
//! 1. the matcher ([`matcher`]) proposes every name hit whose proclitics
//!    and word boundaries are right;
//! 2. hits are taken leftmost-longest; a weak name (`الطبقه`) followed by an
//!    adjective and a cued name (`الباب`) without a locative cue are
//!    dropped, letting a shorter hit at the same place through;
//! 3. each hit is resolved to one entry: the kind by context (a country is
//!    a place after a locative word or the preposition ب, otherwise an
//!    actor; a city also named as an actor stays a place unless a colon
//!    follows), then by the document date (entries valid on it), then the
//!    most specific (a city over its governorate of the same name), then
//!    the entry valid the longest, an open end counting up to the latest
//!    date in the data (without a date, `الحكومة السورية` is the Assad-era
//!    government and `جبهة النصرة` is HTS);
//! 4. place phrases ([`phrases`]) widen the span and pick the level:
//!    `محافظة X`, `ريف X [direction]`, `بادية X`, `مدينة X`, `مطار X`...;
//! 5. demonyms after a force noun (`الطائرات الروسيه`) become actor
//!    mentions, after a place noun (`الاراضي التركيه`) place mentions;
//! 6. `قرية|بلدة|حي|مخيم` + an unknown name becomes a place with no id.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod data;
mod matcher;
mod phrases;

use data::EntryStrings;
pub(crate) use data::{Context, Source};
pub use data::{EntityKind, Entry, Gazetteer};

use crate::document::Loc;
use crate::extractor::Prepared;
use crate::SharedStr;
use core::ops::Range;
use matcher::{Cand, Strength, Use};
use serde::Serialize;
use std::sync::Arc;

/// How an entity mention is written.
///
/// ```
/// let ex = hadath::Extractor::builtin();
/// let doc = ex.extract("قصفت الطائرات الايرانية الموقع");
/// assert_eq!(doc.entities[0].form, hadath::EntityForm::Demonym);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityForm {
    /// A name of the entry (`قوات سوريا الديمقراطية`, `الرقة`).
    Name,
    /// A noun followed by a demonym adjective (`الطائرات الروسية`): the
    /// noun is the [`Entity::head`].
    Demonym,
    /// A place phrase: a classifier noun and a name (`ريف الرقة الشمالي`,
    /// `قرية الهيشة`).
    Phrase,
}

/// An actor, person or place mention.
///
/// Ids are those of the built-in gazetteers (`gazetteers/IDS.md`) or of
/// files added with
/// [`ExtractorBuilder::gazetteer_str`](crate::ExtractorBuilder::gazetteer_str).
///
/// ```
/// let doc = hadath::Extractor::builtin().extract("قصفت طائرات التحالف بريف الرقة الشمالي");
/// let e = &doc.entities[1];
/// assert_eq!(e.id.as_deref(), Some("raqqa_governorate"));
/// assert_eq!(e.loc.text, "ريف الرقة الشمالي");
/// assert_eq!(e.direction.as_deref(), Some("north"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Entity {
    /// Where the mention stands in the original input (without the
    /// proclitics attached to it).
    #[serde(flatten)]
    pub loc: Loc,
    /// The same span in the normalized text.
    #[serde(skip)]
    pub norm: Range<usize>,
    /// Actor, person or place.
    pub kind: EntityKind,
    /// How the mention is written.
    pub form: EntityForm,
    /// The canonical id; `None` for a place not in the gazetteer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<SharedStr>,
    /// The ids of the entry's ancestors, nearest first.
    pub ancestors: Arc<[SharedStr]>,
    /// The English name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<SharedStr>,
    /// The entry type (`state_military`, `city`, `village` ...).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<SharedStr>,
    /// Places: the governorate id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub governorate: Option<SharedStr>,
    /// Places: latitude.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Places: longitude.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Places: GeoNames id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// Places: the compass direction of `ريف X الشمالي` (`north`,
    /// `north_east` ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// Places: `countryside` for `ريف X`, `desert` for `بادية X`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Places not in the gazetteer: the name as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Demonyms: the noun the adjective qualifies (`الطائرات`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<Loc>,
}

/// Finds the entities of a prepared document, sorted by start.
pub(crate) fn extract(p: &Prepared<'_>, g: &Gazetteer) -> Vec<Entity> {
    extract_with(p, g, true)
}

/// [`extract`], with [`resolve`]'s shortcut for a plain name of one entry
/// taken or not (`shortcut`; the tests compare the two).
#[inline(always)]
fn extract_with(
    p: &Prepared<'_>,
    g: &Gazetteer,
    shortcut: bool,
) -> Vec<Entity> {
    let text = p.norm.as_str();
    // About one mention per 90 bytes of Arabic news: room for most
    // documents at once (growing copies every large entity).
    let mut out: Vec<Entity> = Vec::with_capacity(text.len() / 64 + 4);
    let mut last_end = 0;
    let mut pool = Vec::new();
    // Names and demonyms, leftmost-longest: a candidate is tried only
    // if it starts after the last accepted mention; a demonym reading
    // (`طائرة روسية`) is tried before a name reading of the same word.
    // The scan looks for no hits in the words of an accepted mention.
    let spots = g.matcher.scan(text, &p.words, |c| {
        if c.word_start < last_end {
            return last_end;
        }
        // Each reading is pushed where it is made (an entity is large).
        if c.has_demonym() {
            if let Some(e) = phrases::demonym(p, g, &c, last_end, &mut pool) {
                last_end = e.norm.end;
                out.push(e);
                return last_end;
            }
        }
        if c.is_demonym() {
            return last_end;
        }
        let prev = out.last().filter(|e| e.norm.end + 1 == c.word_start);
        let after = prev.map(|e| e.kind);
        let r = resolve(p, g, &c, after, &mut pool, &mut out, shortcut);
        if let Some(end) = r {
            last_end = end;
        }
        last_end
    });
    sort_by_start(&mut out);
    // A village not in the gazetteer never overlaps a known mention
    // ("قرية بدعم سورية" is support, not a village named "بدعم").
    // Nor another such phrase: the leftmost wins ("قرية وقرية ...").
    let mut candidates = phrases::unknown_places(p, g, &out, &spots);
    candidates.sort_by_key(|u| (u.norm.start, core::cmp::Reverse(u.norm.end)));
    let mut unknown: Vec<Entity> = Vec::new();
    for u in candidates {
        let k = out.partition_point(|e| e.norm.end <= u.norm.start);
        let clear_of_known =
            out.get(k).is_none_or(|e| e.norm.start >= u.norm.end);
        let clear_of_unknown =
            unknown.last().is_none_or(|v| v.norm.end <= u.norm.start);
        if clear_of_known && clear_of_unknown {
            unknown.push(u);
        }
    }
    if !unknown.is_empty() {
        out.extend(unknown);
        sort_by_start(&mut out);
    }
    out
}

/// Sorts mentions by start, keeping the order of equal starts (a stable
/// sort), when they are not in that order already: the scan mostly
/// gives them in order, and a test of the order costs far less than
/// the sort (whose result is then the same list).
fn sort_by_start(v: &mut [Entity]) {
    if !v.is_sorted_by_key(|e| e.norm.start) {
        v.sort_by_key(|e| e.norm.start);
    }
}

/// An entity for entry `i` over the normalized range `norm`.
pub(crate) fn entity_for(
    p: &Prepared<'_>,
    g: &Gazetteer,
    i: usize,
    norm: Range<usize>,
    form: EntityForm,
) -> Option<Entity> {
    let e = g.entries.get(i)?;
    let s = g.strings.get(i)?;
    Some(entity_of(p, e, s, norm, form))
}

/// An entity for entry `e` (with strings `s`) over the normalized range
/// `norm`.
#[inline(always)]
fn entity_of(
    p: &Prepared<'_>,
    e: &Entry,
    s: &EntryStrings,
    norm: Range<usize>,
    form: EntityForm,
) -> Entity {
    let place = e.kind == EntityKind::Place;
    Entity {
        loc: p.loc(norm.clone()),
        norm,
        kind: e.kind,
        form,
        id: Some(s.id.clone()),
        ancestors: s.ancestors.clone(),
        name_en: Some(s.name_en.clone()),
        entity_type: Some(s.entry_type.clone()),
        governorate: if place { s.governorate.clone() } else { None },
        lat: e.lat,
        lon: e.lon,
        geonames_id: e.geonames_id,
        direction: None,
        area: None,
        name: None,
        head: None,
    }
}

/// Resolves a name hit and pushes its mention to `out`, answering with
/// the mention's end; `after` is the kind of the mention right before
/// it when the hit is joined to it by `و` (`في سوريا والعراق`). `pool` is
/// scratch space for the claimants. With `shortcut`, a plain name of one
/// entry skips the choice among claimants.
fn resolve(
    p: &Prepared<'_>,
    g: &Gazetteer,
    c: &Cand<'_>,
    after: Option<EntityKind>,
    pool: &mut Vec<usize>,
    out: &mut Vec<Entity>,
    shortcut: bool,
) -> Option<usize> {
    let text = p.norm.as_str();
    let ctx = &g.context;
    // What stands before the hit is read only when asked (a usable cued
    // name, or a name of both an actor and a place): plain names of
    // actors and persons never ask.
    let mut read: Option<Before<'_>> = None;
    // Only weak and cued names look at the next word (demonym uses are
    // plain).
    let names = c.name_uses();
    // A plain name of one entry is a mention of it (a lone claimant stays
    // whatever the date, and is the most specific), unless it is a place
    // after a classifier.
    if let [u] = names {
        let lone = shortcut && u.strength == Strength::Plain;
        // Only whether the word before is a classifier is read (with the
        // context only when it ends like one).
        let classifier =
            || phrases::prev_is(text, c, g, data::role::CLASSIFIER);
        if lone && (u.kind != EntityKind::Place || !classifier()) {
            let (e, s) = (g.entries.get(u.entry)?, g.strings.get(u.entry)?);
            out.extend(core::iter::once_with(|| {
                entity_of(p, e, s, c.start..c.end, EntityForm::Name)
            }));
            return Some(c.end);
        }
    }
    let plain = names.iter().all(|u| u.strength == Strength::Plain);
    let next = if plain { None } else { phrases::next_word(text, c.end) };
    let followed_by_adjective = next.as_ref().is_some_and(|w| {
        let s = w.text;
        s.starts_with("ال")
            && (s.ends_with('ي') || s.ends_with("يه"))
            && s.chars().nth(4).is_some()
            && !ctx.directions.iter().any(|(d, _)| d == s)
    });
    if !followed_by_adjective
        && names.iter().any(|u| u.strength == Strength::Cued)
    {
        read = Some(Before::read(p, g, c, after));
    }
    let cue = read.as_ref().is_some_and(|b| b.locative);
    let usable = |u: &&Use| match u.strength {
        Strength::Plain => true,
        Strength::Weak => !followed_by_adjective,
        Strength::Cued => cue && !followed_by_adjective,
    };
    // One walk over the usable uses (names and contracted names): their
    // kinds as bits, and whether one is a country.
    let (mut any, mut kinds, mut country) = (false, 0u8, false);
    for u in names.iter().filter(usable) {
        any = true;
        kinds |= kind_bit(u.kind);
        country |= u.country;
    }
    // None usable: no mention.
    if !any {
        return None;
    }
    let has = |k: EntityKind| kinds & kind_bit(k) != 0;
    let kind = if has(EntityKind::Person) {
        EntityKind::Person
    } else if has(EntityKind::Actor) && has(EntityKind::Place) {
        let colon = text
            .get(c.end..)
            .is_some_and(|r| r.trim_start_matches(' ').starts_with(':'));
        let b = read.get_or_insert_with(|| Before::read(p, g, c, after));
        if b.locative {
            EntityKind::Place
        } else if country || colon {
            EntityKind::Actor
        } else {
            EntityKind::Place
        }
    } else if has(EntityKind::Actor) {
        EntityKind::Actor
    } else {
        EntityKind::Place
    };
    pool.clear();
    pool.extend(
        names
            .iter()
            .filter(usable)
            .filter(|u| u.kind == kind)
            .map(|u| u.entry),
    );
    pool.sort_unstable();
    pool.dedup();
    g.keep_valid_on(pool, p.date.map(|d| d.date()));
    // A place after a classifier is a place phrase: the word before is
    // read alone unless the context before is read already.
    let classifier = match &read {
        _ if kind != EntityKind::Place => None,
        Some(b) => b.prev.clone().filter(|_| b.classifier),
        None => {
            let r = data::role::CLASSIFIER;
            phrases::prev_word_if(text, c, g, r).filter(|w| w.is(r))
        }
    };
    if let Some(w) = &classifier {
        let e = phrases::place_phrase(p, g, c, pool, w)?;
        let end = e.norm.end;
        out.push(e);
        return Some(end);
    }
    let best = most_specific(g, pool)?;
    let (e, s) = (g.entries.get(best)?, g.strings.get(best)?);
    // Made in place in the list (an entity is large).
    out.extend(core::iter::once_with(|| {
        entity_of(p, e, s, c.start..c.end, EntityForm::Name)
    }));
    Some(c.end)
}

/// What the context before a name hit says (see [`resolve`]).
struct Before<'t> {
    /// The word before the hit's word, read with the context vocabulary.
    prev: Option<phrases::Word<'t>>,
    /// Whether a locative cue stands before the hit: the preposition `ب`
    /// among its proclitics, `و` joining it to a place right before it, a
    /// locative word or a classifier before it (but not `من` after an
    /// agentive noun: `بدعم من روسيا`).
    locative: bool,
    /// Whether the word before is a classifier (`ريف`, `محافظة`).
    classifier: bool,
}

impl<'t> Before<'t> {
    /// Reads the context before the hit `c`; `after` is the kind of the
    /// mention right before it when the hit is joined to it by `و`.
    fn read(
        p: &'t Prepared<'_>,
        g: &'t Gazetteer,
        c: &Cand<'_>,
        after: Option<EntityKind>,
    ) -> Before<'t> {
        let text = p.norm.as_str();
        let ctx = &g.context;
        let prefix = text.get(c.word_start..c.start).unwrap_or("");
        let prev = phrases::prev_word_of(text, c, g);
        let prev_base = prev.as_ref().map_or("", |w| w.base);
        let prev_is = |r: u8| prev.as_ref().is_some_and(|w| w.is(r));
        let classifier = prev_is(data::role::CLASSIFIER);
        // `من` is locative unless an agentive noun stands before it
        // (`بدعم من روسيا`).
        let agentive_from = prev_base == "من"
            && prev.as_ref().is_some_and(|w| {
                phrases::prev_word(text, w.start)
                    .is_some_and(|x| ctx.agentive_before_from.contains(x.text))
            });
        let coordinated_place =
            prefix.starts_with('و') && after == Some(EntityKind::Place);
        // The proclitics are a few letters: `ب` found by its two bytes.
        let with_ba =
            prefix.as_bytes().windows(2).any(|x| x == "ب".as_bytes());
        let locative = !agentive_from
            && (with_ba
                || coordinated_place
                || prev_is(data::role::LOCATIVE)
                || classifier);
        Before { prev, locative, classifier }
    }
}

/// A bit for each [`EntityKind`].
fn kind_bit(k: EntityKind) -> u8 {
    match k {
        EntityKind::Actor => 1,
        EntityKind::Person => 2,
        EntityKind::Place => 4,
    }
}

/// Among claimants: drop any that is an ancestor of another, then keep the
/// one valid the longest (the first on ties).
pub(crate) fn most_specific(g: &Gazetteer, pool: &[usize]) -> Option<usize> {
    // A lone claimant is its own answer (no window is negative).
    if let &[only] = pool {
        return Some(only);
    }
    most_specific_of_all(g, pool)
}

/// [`most_specific`] without its shortcut for one claimant.
fn most_specific_of_all(g: &Gazetteer, pool: &[usize]) -> Option<usize> {
    let specific = pool
        .iter()
        .copied()
        .filter(|&a| !pool.iter().any(|&b| b != a && g.is_ancestor(a, b)));
    let mut best: Option<usize> = None;
    let days = |i: usize| g.window_days.get(i).copied();
    for i in specific {
        let w = days(i).unwrap_or(0);
        let bw = best.map_or(-1, |b| days(b).unwrap_or(-1));
        if w > bw {
            best = Some(i);
        }
    }
    best
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests;
