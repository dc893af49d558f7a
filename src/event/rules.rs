//! The extraction rules: triggers, type, arguments and attributes.
//!
//! Rules work sentence by sentence over the normalized words, with the
//! entity, quantity and time mentions placed on those words. They look at
//! word windows around the trigger, never at a seed's wording.

use super::lexicon::{EventLexicon, Pos, TriggerType, WordSet};
use super::view;
use super::{Event, EventType, Genericity, Modality, Polarity, Tense};
use crate::extractor::Prepared;
use crate::gazetteer::Entity;
use crate::number::Quantity;
use crate::text::{words, ChromeKind};
use crate::time::TimeMention;
use core::ops::Range;

/// Words that start a new clause: negation and future cues do not cross
/// them.
const CLAUSE_BREAKERS: [&str; 9] =
    ["بينما", "لكن", "لكنه", "لكنها", "فيما", "حيث", "حين", "كما", "الا"];

/// How far (in words) a cue may stand before the trigger.
const CUE_WINDOW: usize = 6;

/// A mention placed on the words of a sentence (inclusive word indices).
#[derive(Clone, Copy, Debug)]
struct Placed {
    first: usize,
    last: usize,
    idx: usize,
}

struct Sentence<'a> {
    text: &'a str,
    ranges: Vec<Range<usize>>,
    words: Vec<&'a str>,
    actors: Vec<Placed>,
    places: Vec<Placed>,
    counts: Vec<Placed>,
    times: Vec<Placed>,
    headline: bool,
    /// Who the sentence attributes its report to.
    source: Option<usize>,
}

impl Sentence<'_> {
    /// Whether strong punctuation or a clause breaker stands between word
    /// `a` and word `b` (a < b).
    fn clause_break(&self, a: usize, b: usize) -> bool {
        (a..b).any(|j| {
            let gap = &self.text[self.ranges[j].end..self.ranges[j + 1].start];
            gap.contains([';', ':', '.', '?', '!', '-', '('])
                || CLAUSE_BREAKERS.contains(&self.words[j + 1])
        })
    }

    /// The first word of the clause that holds word `i`, at most `max`
    /// words back.
    fn clause_start(&self, i: usize, max: usize) -> usize {
        let lo = i.saturating_sub(max);
        (lo..i)
            .rev()
            .find(|&j| self.clause_break(j, j + 1))
            .map_or(lo, |j| j + 1)
    }

    fn has(&self, set: &WordSet, range: Range<usize>) -> bool {
        let range = range.start..range.end.min(self.words.len());
        range.into_iter().any(|j| set.match_len(&self.words[j..]) > 0)
    }

    /// Whether word `j` lies inside a quantity mention.
    fn in_count(&self, j: usize) -> bool {
        let k = self.counts.partition_point(|c| c.first <= j);
        k > 0 && self.counts[k - 1].last >= j
    }
}

/// The mentions of a list (sorted by first word) that start at a word in
/// `lo..hi`.
fn within(list: &[Placed], lo: usize, hi: usize) -> &[Placed] {
    let a = list.partition_point(|m| m.first < lo);
    let b = list.partition_point(|m| m.first < hi);
    &list[a..b.max(a)]
}

/// Places mentions (given as normalized ranges) on the words.
fn place(
    ranges: &[Range<usize>],
    mentions: &[(Range<usize>, usize)],
) -> Vec<Placed> {
    let mut out = Vec::new();
    for (r, idx) in mentions {
        let first = ranges.partition_point(|w| w.end <= r.start);
        let last_excl = ranges.partition_point(|w| w.start < r.end);
        if first < last_excl {
            out.push(Placed { first, last: last_excl - 1, idx: *idx });
        }
    }
    out
}

/// Everything the rules read.
pub(crate) struct Inputs<'a> {
    pub(crate) p: &'a Prepared<'a>,
    pub(crate) lex: &'a EventLexicon,
    pub(crate) entities: &'a [Entity],
    pub(crate) quantities: &'a [Quantity],
    pub(crate) times: &'a [TimeMention],
}

pub(crate) fn extract(inp: &Inputs<'_>) -> Vec<Event> {
    let p = inp.p;
    let text = p.norm.as_str();
    let norm_of = |span: crate::Span| p.norm.normalized_range(span);
    let ents: Vec<(Range<usize>, usize)> = inp
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (norm_of(e.loc.span()), i))
        .collect();
    let quants: Vec<(Range<usize>, usize)> = inp
        .quantities
        .iter()
        .enumerate()
        .filter(|(_, q)| view::is_count(q))
        .map(|(i, q)| (norm_of(q.loc.span()), i))
        .collect();
    let times: Vec<(Range<usize>, usize)> = inp
        .times
        .iter()
        .enumerate()
        .filter(|(_, t)| view::time_from(t).is_some())
        .map(|(i, t)| (norm_of(t.loc.span()), i))
        .collect();

    let (mut ents, mut quants, mut times) = (ents, quants, times);
    for list in [&mut ents, &mut quants, &mut times] {
        list.sort_by_key(|(r, i)| (r.start, *i));
    }
    let mut events: Vec<Event> = Vec::new();
    let mut state = State::default();
    let mut line_time: Option<(usize, usize)> = None;
    let first_line =
        p.sentences.iter().find(|s| s.chrome.is_none()).map(|s| s.line);

    for (si, s) in p.sentences.iter().enumerate() {
        let skip = matches!(s.chrome, Some(k) if k != ChromeKind::Repeat);
        let in_s =
            |r: &Range<usize>| r.start >= s.norm.start && r.end <= s.norm.end;
        let sent_text = &text[s.norm.clone()];
        let ranges: Vec<Range<usize>> = words(sent_text)
            .map(|r| r.start + s.norm.start..r.end + s.norm.start)
            .collect();
        // The mentions of this sentence: a slice of each sorted list.
        let pick = |ms: &[(Range<usize>, usize)],
                    f: &dyn Fn(usize) -> bool| {
            let lo = ms.partition_point(|(r, _)| r.start < s.norm.start);
            let hi = ms.partition_point(|(r, _)| r.start < s.norm.end);
            let v: Vec<(Range<usize>, usize)> = ms[lo..hi.max(lo)]
                .iter()
                .filter(|(r, i)| in_s(r) && f(*i))
                .cloned()
                .collect();
            place(&ranges, &v)
        };
        let mut sent = Sentence {
            text,
            words: ranges.iter().map(|r| &text[r.clone()]).collect(),
            actors: pick(&ents, &|i| view::is_actor(&inp.entities[i])),
            places: pick(&ents, &|i| view::is_place(&inp.entities[i])),
            counts: pick(&quants, &|_| true),
            times: pick(&times, &|_| true),
            headline: Some(s.line) == first_line,
            source: None,
            ranges,
        };
        sent.source = find_source(inp, &sent);
        state.line_time =
            line_time.filter(|(l, _)| *l == s.line).map(|(_, t)| t);
        if !skip {
            if state.lede_time.is_none() && !sent.headline {
                state.lede_time = sent.times.first().map(|t| t.idx);
            }
            sentence_events(inp, &sent, si, &mut state, &mut events);
        }
        state.actors_seen.extend(sent.actors.iter().map(|a| a.idx));
        if let Some(pl) = sent.places.last() {
            state.last_place = Some(pl.idx);
        }
        if let Some(t) = sent.times.last() {
            line_time = Some((s.line, t.idx));
        }
    }
    events
}

/// What the rules remember across sentences (entity and time indices).
#[derive(Debug, Default)]
struct State {
    /// Actors named so far, in order.
    actors_seen: Vec<usize>,
    /// The last place named.
    last_place: Option<usize>,
    /// The first time of the article body: the headline's time.
    lede_time: Option<usize>,
    /// The last time named earlier on the current line.
    line_time: Option<usize>,
    /// The agent of the last strike, attack or clash: who caused a toll
    /// reported after it.
    last_cause: Option<usize>,
}

fn sentence_events(
    inp: &Inputs<'_>,
    s: &Sentence<'_>,
    si: usize,
    state: &mut State,
    out: &mut Vec<Event>,
) {
    let lex = inp.lex;
    let mut i = 0;
    while i < s.words.len() {
        let Some((form, proclitics, enclitic)) = lex.lookup(s.words[i]) else {
            i += 1;
            continue;
        };
        let entry = &lex.entries[form.entry];
        // Multi-word triggers.
        let mut last = i;
        if !form.rest.is_empty() {
            let ok = form.rest.iter().enumerate().all(|(k, w)| {
                s.words.get(i + 1 + k).is_some_and(|t| {
                    *t == w || t.strip_prefix("ال") == Some(w.as_str())
                })
            });
            if !ok {
                i += 1;
                continue;
            }
            last = i + form.rest.len();
        }
        let next = last + 1;
        if !entry.needs_next.is_empty() {
            if next < s.words.len() && entry.needs_next.has_word(s.words[next])
            {
                last = next;
            } else {
                i += 1;
                continue;
            }
        }
        if !entry.not_next.is_empty() && s.has(&entry.not_next, next..next + 1)
        {
            i += 1;
            continue;
        }
        if !entry.needs_prev.is_empty()
            && !s.has(&entry.needs_prev, i.saturating_sub(2)..i)
        {
            i += 1;
            continue;
        }
        let near = i.saturating_sub(4)..last + 5;
        if !entry.needs_near.is_empty()
            && !s.has(&entry.needs_near, near.clone())
        {
            i += 1;
            continue;
        }
        if entry.needs_people
            && form.pos != Pos::Noun
            && !s.has(&lex.cues.people, near.clone())
        {
            i += 1;
            continue;
        }
        if entry.needs_actor && s.actors.is_empty() {
            i += 1;
            continue;
        }
        // A strike modifier right after the trigger joins it: "ضربات جوية".
        if next < s.words.len()
            && last == i
            && (lex.cues.air.has_word(s.words[next])
                || lex.cues.ground.has_word(s.words[next]))
            && matches!(entry.ty, TriggerType::Strike)
        {
            last = next;
        }
        let verb = matches!(form.pos, Pos::PastVerb | Pos::PresentVerb);

        // Arguments.
        let found =
            find_agent(inp, s, i, last, verb, enclitic, &state.actors_seen);
        let agent_air = found.is_some_and(|(idx, placed)| match placed {
            Some(a) => is_air(inp, s, &a),
            None => is_air_id(inp, idx),
        });
        let agent = found.map(|(idx, _)| idx);
        let mut ev_type = match entry.ty {
            TriggerType::Fixed(t) => t,
            TriggerType::Strike => {
                let window =
                    i.saturating_sub(CUE_WINDOW)..last + 1 + CUE_WINDOW;
                let air_cue =
                    s.has(&lex.cues.air, window.clone()) || agent_air;
                let ground_cue = s.has(&lex.cues.ground, window);
                if air_cue && (!ground_cue || agent_air) {
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
        if ev_type == EventType::Clash
            && i > 0
            && s.has(&lex.cues.light, i.saturating_sub(2)..i)
        {
            ev_type = EventType::Offensive;
        }
        let mut target = find_target(inp, s, last, ev_type, agent);
        let mut agent = agent;
        if ev_type == EventType::Clash {
            if let Some((a, b)) = clash_sides(s, i, last) {
                agent = Some(a);
                target = Some(b);
            }
        }
        if ev_type == EventType::Casualties
            && (agent.is_none() || agent == target)
        {
            // Who killed: the agent of the event this toll follows.
            let id = |e: usize| view::entity_id(&inp.entities[e]);
            agent = state
                .last_cause
                .filter(|&c| target.is_none_or(|t| id(c) != id(t)));
        }
        if ev_type == EventType::Displacement {
            agent = None;
        }
        if agent.is_some() && agent == target {
            target = None;
        }
        let place = within(&s.places, last + 1, usize::MAX)
            .first()
            .or_else(|| {
                within(&s.places, 0, i).iter().rev().find(|p| p.last < i)
            })
            .map(|p| p.idx)
            .or(state.last_place);
        let time = nearest(&s.times, i, last)
            .or(if s.headline { state.lede_time } else { None })
            .or(state.line_time);
        let count = find_count(s, i, last);
        let source = s.source;

        // Attributes.
        let clause = s.clause_start(i, CUE_WINDOW);
        let before = |set: &WordSet| {
            (clause..i)
                .any(|j| !s.in_count(j) && set.match_len(&s.words[j..]) > 0)
        };
        let polarity = if before(&lex.cues.negation) {
            Polarity::Negative
        } else {
            Polarity::Positive
        };
        let future_prefix =
            proclitics.contains('س') && form.pos == Pos::PresentVerb;
        let future_governor = (clause..i).any(|j| {
            s.words[j].starts_with('س')
                && lex.lookup(s.words[j]).is_none()
                && lex.cues.light.has_word(&s.words[j][2..])
        });
        let tense =
            if future_prefix || future_governor || before(&lex.cues.future) {
                Tense::Future
            } else {
                match form.pos {
                    Pos::PastVerb => Tense::Past,
                    Pos::PresentVerb => Tense::Present,
                    _ => Tense::Unspecified,
                }
            };
        let plural =
            s.words[i].ends_with("ات") || s.words[i].ends_with("اتها");
        let present_governor = (i.saturating_sub(3)..i).any(|j| {
            let w = s.words[j];
            w.starts_with(['ي', 'ت', 'ن']) && lex.cues.light.has_word(w)
        });
        let relative_present = s
            .words
            .get(last + 1)
            .is_some_and(|w| *w == "التي" || *w == "الذي")
            && s.words
                .get(last + 2)
                .is_some_and(|w| w.starts_with(['ي', 'ت']));
        let generic = tense != Tense::Future
            && (before(&lex.cues.generic)
                || relative_present
                || plural && present_governor && count.is_none()
                || form.pos == Pos::PresentVerb
                    && !s.headline
                    && s.times.is_empty());
        let modality = if (s.clause_start(i, 10)..i)
            .any(|j| lex.cues.disputed.match_len(&s.words[j..]) > 0)
        {
            Modality::Other
        } else {
            Modality::Asserted
        };

        let how = if entry.rule.is_some() {
            ""
        } else if verb {
            "verb"
        } else {
            "noun"
        };
        let rule = match &entry.rule {
            Some(r) => format!("{}.{r}", ev_type.as_str()),
            None => format!("{}.{how}", ev_type.as_str()),
        };
        let trigger = s.ranges[i].start..s.ranges[last].end;
        out.push(Event {
            event_type: ev_type,
            trigger: inp.p.loc(trigger),
            agent: agent.map(|a| inp.entities[a].clone()),
            target: target.map(|t| inp.entities[t].clone()),
            place: place.map(|pl| inp.entities[pl].clone()),
            time: time.map(|t| inp.times[t].clone()),
            count: count.map(|c| inp.quantities[c].clone()),
            source: source.map(|c| inp.entities[c].clone()),
            polarity,
            tense,
            genericity: if generic {
                Genericity::Generic
            } else {
                Genericity::Specific
            },
            modality,
            rule,
            sentence: inp
                .p
                .loc(s.ranges[0].start..s.ranges[s.ranges.len() - 1].end),
            sentence_index: si,
        });
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
        i = last + 1;
    }
}

/// Whether an actor strikes from the air: an air-only actor (or one of its
/// descendants), or named with an aircraft noun ("طائرات التحالف").
fn is_air(inp: &Inputs<'_>, s: &Sentence<'_>, a: &Placed) -> bool {
    if is_air_id(inp, a.idx) {
        return true;
    }
    (a.first..=a.last).any(|j| inp.lex.cues.aircraft.has_word(s.words[j]))
        || (a.first.saturating_sub(2)..a.first)
            .any(|j| inp.lex.cues.aircraft.match_len(&s.words[j..]) > 0)
}

/// Whether an actor or one of its ancestors fights only from the air.
fn is_air_id(inp: &Inputs<'_>, entity: usize) -> bool {
    let e = &inp.entities[entity];
    view::entity_id(e)
        .into_iter()
        .chain(view::entity_ancestors(e).iter().map(String::as_str))
        .any(|id| inp.lex.air_actors.contains(id))
}

/// Whether the actor at `a` is marked as a target or a source by the words
/// before it.
fn is_marked(inp: &Inputs<'_>, s: &Sentence<'_>, a: &Placed) -> bool {
    let cues = &inp.lex.cues;
    let lo = a.first.saturating_sub(2);
    (lo..a.first).any(|j| {
        cues.target_markers.has_word(s.words[j])
            || cues.source.has_word(s.words[j])
    }) || s.words[a.first].starts_with('ل')
        && !s.words[a.first].starts_with("ال")
        || a.first > 0 && s.words[a.first - 1] == "من"
}

/// The agent: the entity index, with its place in the sentence when it
/// is named there.
fn find_agent(
    inp: &Inputs<'_>,
    s: &Sentence<'_>,
    i: usize,
    last: usize,
    verb: bool,
    enclitic: bool,
    actors_seen: &[usize],
) -> Option<(usize, Option<Placed>)> {
    let cues = &inp.lex.cues;
    let clause = s.clause_start(i, 10);
    let found = |a: &Placed| Some((a.idx, Some(*a)));
    // Construct state or adjective right after a noun: "هجوم التنظيم",
    // "القصف الروسي"; the subject right after a verb (VSO).
    let reach = if verb { 4 } else { 2 };
    if let Some(a) = within(&s.actors, last + 1, last + reach)
        .first()
        .filter(|a| !is_marked(inp, s, a))
    {
        return found(a);
    }
    // "هجوم ... شنه تنظيم الدولة": a light verb with a pronoun after the
    // trigger, then the actor.
    if let Some(j) = (last + 1..(last + 4).min(s.words.len()))
        .find(|&j| cues.light.has_word(s.words[j]))
    {
        if let Some(a) = within(&s.actors, j + 1, j + 4).first() {
            return found(a);
        }
    }
    let before = within(&s.actors, 0, i);
    // A pronoun on the trigger ("انسحابها", "هجومه"): the last party named.
    if enclitic {
        if let Some(a) = before.iter().rev().find(|a| a.last < i) {
            return found(a);
        }
        return actors_seen.last().map(|&idx| (idx, None));
    }
    // SVO or a light verb before a noun: the nearest unmarked actor before
    // the trigger, in the same clause.
    let in_clause = within(before, clause, i);
    in_clause
        .iter()
        .rev()
        .filter(|a| a.last < i)
        .find(|a| !is_marked(inp, s, a))
        .or_else(|| {
            // A target-marked actor before a withdrawal is still the one
            // who leaves ("أجبر قوات النظام على التراجع").
            in_clause.iter().rev().find(|a| a.last < i)
        })
        .and_then(found)
}

fn find_target(
    inp: &Inputs<'_>,
    s: &Sentence<'_>,
    last: usize,
    ty: EventType,
    agent: Option<usize>,
) -> Option<usize> {
    let cues = &inp.lex.cues;
    let after: Vec<&Placed> = within(&s.actors, last + 1, last + 9)
        .iter()
        .filter(|a| Some(a.idx) != agent)
        .collect();
    if ty == EventType::Casualties {
        // Victims: "مقتل 76 عنصراً من القوات", "مقتل عناصر التنظيم".
        return after.first().map(|a| a.idx);
    }
    if matches!(
        ty,
        EventType::Withdrawal | EventType::Displacement | EventType::Deadline
    ) {
        return after
            .iter()
            .find(|a| {
                (a.first.saturating_sub(2)..a.first)
                    .any(|j| cues.target_markers.has_word(s.words[j]))
            })
            .map(|a| a.idx);
    }
    after
        .iter()
        .find(|a| {
            is_marked(inp, s, a)
                && !(a.first.saturating_sub(2)..a.first)
                    .any(|j| cues.source.has_word(s.words[j]))
        })
        .map(|a| a.idx)
}

/// The two sides of a clash: "بين X و Y", or the actors around it.
fn clash_sides(
    s: &Sentence<'_>,
    i: usize,
    last: usize,
) -> Option<(usize, usize)> {
    let between = (last + 1..(last + 3).min(s.words.len()))
        .find(|&j| s.words[j] == "بين");
    let pool: Vec<&Placed> = match between {
        Some(j) => within(&s.actors, j + 1, j + 12).iter().collect(),
        None => {
            let mut v: Vec<&Placed> =
                within(&s.actors, i.saturating_sub(10), last + 11)
                    .iter()
                    .collect();
            v.sort_by_key(|a| a.first.abs_diff(i));
            v
        }
    };
    let a = pool.first()?;
    let b = pool.iter().find(|b| b.idx != a.idx)?;
    Some((a.idx, b.idx))
}

/// The time nearest the trigger in the sentence.
fn nearest(times: &[Placed], i: usize, last: usize) -> Option<usize> {
    // Only the last time before the trigger and the first after it can
    // be the nearest.
    let k = times.partition_point(|t| t.first <= last);
    times[k.saturating_sub(1)..(k + 1).min(times.len())]
        .iter()
        .min_by_key(|t| {
            if t.first > last {
                t.first - last
            } else {
                i.saturating_sub(t.last)
            }
        })
        .map(|t| t.idx)
}

/// A count next to the trigger: "مقتل 76", "35 هجوماً", "274 ألف من
/// النازحين", "قتل ما لا يقل عن 120".
fn find_count(s: &Sentence<'_>, i: usize, last: usize) -> Option<usize> {
    within(&s.counts, last + 1, last + 2)
        .first()
        .or_else(|| {
            within(&s.counts, i.saturating_sub(4), i).iter().find(|c| {
                c.last < i
                    && (c.last + 1 == i
                        || c.last + 2 == i && s.words[i - 1] == "من")
            })
        })
        .map(|c| c.idx)
}

/// The source: the actor or person right after an attribution cue.
fn find_source(inp: &Inputs<'_>, s: &Sentence<'_>) -> Option<usize> {
    let cues = &inp.lex.cues;
    s.actors
        .iter()
        .find(|a| {
            (a.first.saturating_sub(2)..a.first)
                .any(|j| cues.source.has_word(s.words[j]))
                && (view::is_person(&inp.entities[a.idx]) || a.first > 0)
        })
        .map(|a| a.idx)
}
