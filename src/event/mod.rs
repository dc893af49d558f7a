//! Event extraction: typed events with their arguments and attributes.
//!
//! Triggers and cues are data (`gazetteers/events.toml`); the rules that
//! read them are code (`rules.rs`). Each [`Event`] is one mention: one
//! trigger in the text. [`DocumentEvent`]s merge the mentions that report
//! the same event (a headline printed twice, a lede repeated).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod lexicon;
mod rules;
#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests;
mod view;

pub(crate) use lexicon::EventLexicon;

use crate::document::Loc;
use crate::extractor::Prepared;
use crate::gazetteer::Entity;
use crate::number::Quantity;
use crate::time::TimeMention;
use crate::{SharedStr, Span};
use core::fmt;
use serde::Serialize;

/// The type of an event. Exact semantics: `tests/gold/ANNOTATION.md`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventType {
    /// Bombing from the air.
    Airstrike,
    /// Artillery, rockets, mortars, bombardment by ground forces.
    Shelling,
    /// One side attacks, launches or advances in a campaign.
    Offensive,
    /// Fighting between sides with no initiator stated.
    Clash,
    /// A force pulls back, retreats, is driven out or leaves.
    Withdrawal,
    /// An ultimatum, amnesty or truce deadline set, extended or expiring.
    Deadline,
    /// People killed or wounded.
    Casualties,
    /// People fleeing or displaced.
    Displacement,
    /// An aircraft or drone downed.
    Shootdown,
    /// Ground taken: `سيطرت القوات على`, `تمكنت من السيطرة على` (not a
    /// statement of who holds ground). Not scored by the gold rules.
    TerritoryCapture,
    /// A force or fighters surrender (`استسلام`). Not scored by the gold
    /// rules.
    Surrender,
    /// Reinforcements sent (`دفعت بتعزيزات`). Not scored by the gold
    /// rules.
    Reinforcement,
}

/// The methods of [`EventType`] that name its types, written from one
/// list of each type and its name.
macro_rules! event_type_names {
    ($($variant:ident => $name:literal,)*) => {
        impl EventType {
            /// The type's name as it appears in JSON.
            ///
            /// ```
            /// assert_eq!(hadath::EventType::Airstrike.as_str(), "airstrike");
            /// ```
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(EventType::$variant => $name,)*
                }
            }

            /// Every type, in declaration order.
            pub(crate) const ALL: [EventType; 12] =
                [$(EventType::$variant,)*];

            /// The name of the rule a trigger of this type fires with no
            /// rule name of its own: `type.verb` or `type.noun` (a
            /// constant, so an event takes it without allocating).
            pub(crate) fn default_rule(self, verb: bool) -> &'static str {
                match (self, verb) {
                    $(
                        (EventType::$variant, true) => concat!($name, ".verb"),
                        (EventType::$variant, false) => concat!($name, ".noun"),
                    )*
                }
            }
        }
    };
}

event_type_names! {
    Airstrike => "airstrike",
    Shelling => "shelling",
    Offensive => "offensive",
    Clash => "clash",
    Withdrawal => "withdrawal",
    Deadline => "deadline",
    Casualties => "casualties",
    Displacement => "displacement",
    Shootdown => "shootdown",
    TerritoryCapture => "territory_capture",
    Surrender => "surrender",
    Reinforcement => "reinforcement",
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the text says the event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Polarity {
    /// It happened (or will).
    Positive,
    /// The text says it did not (`لم تنفذ ... أي ضربات`).
    Negative,
}

/// When the event happens relative to the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Tense {
    /// Reported with a past verb.
    Past,
    /// Reported with a present verb.
    Present,
    /// A threat, plan, intention or prediction (`سنقصف`, `تنوي`).
    Future,
    /// Not marked (a noun trigger without a governing verb).
    Unspecified,
}

/// One occurrence, or a habitual or aggregate statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Genericity {
    /// One occurrence.
    Specific,
    /// Habitual or aggregate (`الغارات التي تشنها طائراتها`).
    Generic,
}

/// Whether the report asserts the event or reports a disputed claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Modality {
    /// Asserted.
    Asserted,
    /// Claimed, disputed or denied (`مزاعم`, `بحجة`, `نفت`).
    Other,
}

/// An event mention: one trigger in the text, with its arguments.
///
/// Arguments are copies of the document's mentions (so an event can be
/// read alone); any may be missing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The trigger word(s), as written.
    pub trigger: Loc,
    /// Who carries it out (for a withdrawal: who withdraws).
    pub agent: Option<Entity>,
    /// Who it is aimed at (for casualties: the victims).
    pub target: Option<Entity>,
    /// Where it happened.
    pub place: Option<Entity>,
    /// When it happened.
    pub time: Option<TimeMention>,
    /// How many (people killed, strikes, people displaced ...).
    pub count: Option<Quantity>,
    /// Who reports or claims it.
    pub source: Option<Entity>,
    /// Whether it happened.
    pub polarity: Polarity,
    /// Past, present, future or unspecified.
    pub tense: Tense,
    /// Specific or generic.
    pub genericity: Genericity,
    /// Asserted or disputed.
    pub modality: Modality,
    /// The rule that fired, `type.pattern` (`airstrike.verb`,
    /// `airstrike.air_support` ...).
    pub rule: SharedStr,
    /// The sentence the event was found in, its evidence: a byte span of
    /// the input (the text is in [`crate::Document::sentences`]).
    pub sentence: Span,
    /// Index of that sentence in [`crate::Document::sentences`].
    pub sentence_index: usize,
}

fn id_of(e: &Option<Entity>) -> Option<&str> {
    e.as_ref().and_then(view::entity_id)
}

fn shared_id(e: &Option<Entity>) -> Option<SharedStr> {
    e.as_ref().and_then(view::entity_shared_id)
}

impl fmt::Display for Event {
    /// One human line:
    /// `airstrike · agent russia · target isis · 2017-05-25 · count 32 ·
    /// source russia_mod · rule airstrike.verb`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.event_type)?;
        if self.polarity == Polarity::Negative {
            f.write_str(" (negated)")?;
        }
        if self.tense == Tense::Future {
            f.write_str(" (future)")?;
        }
        if self.genericity == Genericity::Generic {
            f.write_str(" (generic)")?;
        }
        if self.modality == Modality::Other {
            f.write_str(" (disputed)")?;
        }
        for (label, e) in [
            ("agent", &self.agent),
            ("target", &self.target),
            ("place", &self.place),
        ] {
            match (e, id_of(e)) {
                (_, Some(id)) => write!(f, " · {label} {id}")?,
                (Some(e), None) => write!(f, " · {label} {:?}", e.loc.text)?,
                _ => {}
            }
        }
        if let Some(t) = &self.time {
            match (view::time_from(t), view::time_to(t)) {
                (Some(a), Some(b)) if a != b => write!(f, " · {a}..{b}")?,
                (Some(a), _) => write!(f, " · {a}")?,
                _ => write!(f, " · {:?}", t.loc.text)?,
            }
        }
        if let Some(c) = &self.count {
            match view::count_value(c) {
                Some(v) => write!(f, " · count {v}")?,
                None => write!(f, " · count {:?}", c.loc.text)?,
            }
        }
        if let Some(id) = id_of(&self.source) {
            write!(f, " · source {id}")?;
        }
        write!(f, " · rule {}", self.rule)
    }
}

/// An event as the document reports it: the mentions that tell of the
/// same event, merged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentEvent {
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Indices of the mentions in [`crate::Document::events`], in order.
    pub mentions: Vec<usize>,
    /// The agent's id, from the first mention that has one.
    pub agent: Option<SharedStr>,
    /// The target's id, from the first mention that has one.
    pub target: Option<SharedStr>,
    /// The place's id, from the first mention that has one.
    pub place: Option<SharedStr>,
    /// The start of the time, from the first mention that has one.
    pub time: Option<String>,
}

pub(crate) fn extract(
    p: &Prepared<'_>,
    lex: &EventLexicon,
    gazetteer: &crate::Gazetteer,
    entities: &[Entity],
    quantities: &[Quantity],
    times: &[TimeMention],
) -> Vec<Event> {
    rules::extract(&rules::Inputs {
        p,
        lex,
        gazetteer,
        entities,
        quantities,
        times,
    })
}

/// Merges mentions into document events: mentions of one type whose known
/// arguments agree (agent, target, place and time, where both have them)
/// and whose sentences are the same text or near each other, or that sit
/// in a repeated paragraph, are one event.
///
/// The pipeline calls [`merge_with`], which reads the sentence texts in
/// place and keeps its tables across documents; this is the same merge
/// with tables of its own.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn merge(
    events: &[Event],
    sentences: &[&str],
    repeats: &[(usize, usize)],
) -> Vec<DocumentEvent> {
    merge_with(
        &mut MergeScratch::default(),
        events,
        sentences.len(),
        |i| sentences.get(i).copied(),
        repeats,
    )
}

/// The working tables of [`merge_with`], kept by a caller that merges
/// the events of many documents (`Extractor::extract_many`) so that each
/// document clears them instead of allocating and freeing its own: in a
/// batch, every allocation costs about 200 instructions with its free.
/// None of them holds anything of a document once its merge is done.
#[derive(Debug, Default)]
pub(crate) struct MergeScratch {
    /// Document events by (type, sentence text id).
    by_text: crate::hash::FastMap<(EventType, usize), Recent>,
    /// The first sentence of each text length asked.
    by_len: crate::hash::FastMap<usize, usize>,
    /// Document events by (type, sentence), for sentences that a repeat
    /// copies.
    by_sentence: crate::hash::FastMap<(EventType, usize), Recent>,
    /// The sentence each repeat copies.
    copy_of: Vec<Option<usize>>,
    /// Whether a repeat copies the sentence.
    copied: Vec<bool>,
    /// The document event of each mention.
    owner: Vec<usize>,
    /// Each document event's count of mentions and its last mention.
    tally: Vec<(usize, usize)>,
}

/// [`merge`] over `n` sentences whose texts `text_at` gives, with the
/// working tables of `scratch` (cleared first, so a scratch left by any
/// earlier merge gives the same answer as a new one).
pub(crate) fn merge_with<'s>(
    scratch: &mut MergeScratch,
    events: &[Event],
    n: usize,
    text_at: impl Fn(usize) -> Option<&'s str>,
    repeats: &[(usize, usize)],
) -> Vec<DocumentEvent> {
    use crate::hash::FastMap;
    let MergeScratch {
        by_text,
        by_len,
        by_sentence,
        copy_of,
        copied,
        owner,
        tally,
    } = scratch;
    // At most one document event, and one key of each map, per mention:
    // sized once, nothing grows by copying.
    let room = events.len();
    let mut out: Vec<DocumentEvent> = Vec::with_capacity(room);
    // Document events by (type, sentence text) and, for repeated
    // paragraphs, the sentence each repeat copies.
    by_text.clear();
    by_text.reserve(room);
    // Each distinct sentence text of a mention gets an id: the first
    // sentence of a mention that has it (the same partition as the
    // first sentence of all that has it), found once per sentence.
    // Texts are told apart by their length first: a text is hashed and
    // compared whole only when an earlier one had its length and another
    // text (the first text of that length is then put in the map too).
    by_len.clear();
    by_len.reserve(room);
    let mut text_ids: FastMap<&str, usize> = FastMap::default();
    let mut last_text: Option<(usize, usize)> = None;
    let mut text_of = |si: usize| match last_text {
        Some((s, id)) if s == si => id,
        _ => {
            let id = text_at(si).map_or(usize::MAX, |t| {
                let first = *by_len.entry(t.len()).or_insert(si);
                // The first sentence of its length is its own text: no
                // need to compare it with itself.
                if first == si {
                    return first;
                }
                match text_at(first) {
                    Some(f) if f == t => first,
                    f => {
                        if let Some(f) = f {
                            text_ids.entry(f).or_insert(first);
                        }
                        *text_ids.entry(t).or_insert(si)
                    }
                }
            });
            last_text = Some((si, id));
            id
        }
    };
    // The sentence each repeat copies, and whether a sentence is copied by
    // a repeat: only such a sentence's document events are ever looked up
    // by sentence. With no repeats (most documents) both stay empty.
    let n = if repeats.is_empty() { 0 } else { n };
    copy_of.clear();
    copy_of.resize(n, None);
    copied.clear();
    copied.resize(n, false);
    for &(orig, rep) in repeats {
        if let Some(slot) = copy_of.get_mut(rep) {
            *slot = Some(orig);
        }
        if let Some(flag) = copied.get_mut(orig) {
            *flag = true;
        }
    }
    by_sentence.clear();
    let agree = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => same_text(x, y),
        _ => true,
    };
    // The ISO start of the last time seen: mentions in a row often share
    // their time, and the string depends on its start and precision only.
    // It is read in place, and copied only into a document event that
    // takes it.
    let mut last_time: Option<(_, Option<String>)> = None;
    // Each document event's mentions are counted as they come and listed
    // once all are known, each list allocated at its size; meanwhile the
    // count and the last mention of each are kept here.
    owner.clear();
    owner.reserve(room);
    tally.clear();
    tally.reserve(room);
    for (i, e) in events.iter().enumerate() {
        let time: Option<&str> = match e.time.as_ref() {
            None => None,
            Some(t) => {
                let key = (t.value.from, t.value.precision);
                if last_time.as_ref().is_none_or(|(k, _)| *k != key) {
                    last_time = Some((key, view::time_from(t)));
                }
                last_time.as_ref().and_then(|(_, iso)| iso.as_deref())
            }
        };
        let fits = |d: &DocumentEvent| {
            d.event_type == e.event_type
                && agree(d.agent.as_deref(), id_of(&e.agent))
                && agree(d.target.as_deref(), id_of(&e.target))
                && agree(d.time.as_deref(), time)
        };
        let near = |k: usize, d: &DocumentEvent| {
            let Some(last) = tally.get(k).and_then(|&(_, m)| events.get(m))
            else {
                return false;
            };
            e.sentence_index <= last.sentence_index + 1
                && agree(d.place.as_deref(), id_of(&e.place))
        };
        let text = text_of(e.sentence_index);
        // One lookup for the list of this type and text: read (a copy, as
        // the list is then updated) and updated through the same entry.
        // An empty list put in for a key not seen reads as no list.
        let listed = by_text.entry((e.event_type, text)).or_default();
        let same_text = *listed;
        let same_text = same_text.as_slice();
        let repeated = copy_of
            .get(e.sentence_index)
            .copied()
            .flatten()
            .and_then(|o| by_sentence.get(&(e.event_type, o)))
            .map(Recent::as_slice)
            .unwrap_or_default();
        let recent = (out.len().saturating_sub(RECENT)..out.len()).rev();
        let found = same_text
            .iter()
            .chain(repeated)
            .copied()
            .find(|&k| out.get(k).is_some_and(fits))
            .or_else(|| {
                recent.into_iter().find(|&k| {
                    out.get(k).is_some_and(|d| fits(d) && near(k, d))
                })
            });
        let k = match found.and_then(|k| Some((k, out.get_mut(k)?))) {
            Some((k, d)) => {
                if let Some((n, last)) = tally.get_mut(k) {
                    *n += 1;
                    *last = i;
                }
                d.agent = d.agent.take().or_else(|| shared_id(&e.agent));
                d.target = d.target.take().or_else(|| shared_id(&e.target));
                d.place = d.place.take().or_else(|| shared_id(&e.place));
                if d.time.is_none() {
                    d.time = time.map(str::to_owned);
                }
                k
            }
            None => {
                out.push(DocumentEvent {
                    event_type: e.event_type,
                    mentions: Vec::new(),
                    agent: shared_id(&e.agent),
                    target: shared_id(&e.target),
                    place: shared_id(&e.place),
                    time: time.map(str::to_owned),
                });
                tally.push((1, i));
                out.len() - 1
            }
        };
        owner.push(k);
        // Keep the lists short: a text repeated with ever new arguments
        // must not make the merge quadratic.
        listed.push_rolling(k);
        if copied.get(e.sentence_index).copied().unwrap_or(false) {
            by_sentence
                .entry((e.event_type, e.sentence_index))
                .or_default()
                .push_capped(k);
        }
    }
    for (d, &(n, _)) in out.iter_mut().zip(tally.iter()) {
        d.mentions = Vec::with_capacity(n);
    }
    for (i, &k) in owner.iter().enumerate() {
        if let Some(d) = out.get_mut(k) {
            d.mentions.push(i);
        }
    }
    // Give back the room not used (the allocator shrinks in place).
    out.shrink_to_fit();
    out
}

/// Whether two strings are equal, answered without reading them when
/// they are the same slice: the ids a document's mentions carry are the
/// gazetteer's own strings, so equal ids are mostly one slice.
fn same_text(x: &str, y: &str) -> bool {
    (x.as_ptr() == y.as_ptr() && x.len() == y.len()) || x == y
}

/// How many recent document events a mention may join by nearness, and
/// how many a sentence text or a sentence lists.
const RECENT: usize = 8;

/// Up to [`RECENT`] document events, oldest first, kept inline.
#[derive(Clone, Copy, Debug, Default)]
struct Recent {
    len: usize,
    items: [usize; RECENT],
}

impl Recent {
    fn as_slice(&self) -> &[usize] {
        self.items.get(..self.len).unwrap_or_default()
    }

    /// Adds `k` if it is not listed, dropping the oldest when full.
    fn push_rolling(&mut self, k: usize) {
        if self.as_slice().contains(&k) {
            return;
        }
        if self.len == RECENT {
            self.items.copy_within(1.., 0);
            self.len -= 1;
        }
        self.push_capped(k);
    }

    /// Adds `k` if it is not listed and there is room.
    fn push_capped(&mut self, k: usize) {
        if self.as_slice().contains(&k) {
            return;
        }
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = k;
            self.len += 1;
        }
    }
}
