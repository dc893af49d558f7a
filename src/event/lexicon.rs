//! The event vocabulary (`gazetteers/events.toml`), compiled for lookup.

use super::EventType;
use crate::text::{clitic_splits, normalize};
use crate::Error;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// Which event type a trigger gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TriggerType {
    /// A fixed type.
    Fixed(EventType),
    /// Airstrike or shelling, decided by cues and the agent.
    Strike,
}

/// Part of speech of a trigger form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pos {
    Noun,
    PastVerb,
    PresentVerb,
    Participle,
}

/// One `[[trigger]]` table.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) ty: TriggerType,
    pub(crate) needs_cue: bool,
    pub(crate) needs_actor: bool,
    pub(crate) needs_people: bool,
    /// Only without the article (`بدعم جوي`, not `الدعم الجوي`).
    pub(crate) indefinite: bool,
    pub(crate) needs_next: WordSet,
    pub(crate) not_next: WordSet,
    pub(crate) needs_prev: WordSet,
    pub(crate) needs_near: WordSet,
    pub(crate) rule: Option<String>,
}

/// A surface form of a trigger.
#[derive(Clone, Debug)]
pub(crate) struct Form {
    pub(crate) entry: usize,
    pub(crate) pos: Pos,
    /// Words that must follow, for multi-word triggers.
    pub(crate) rest: Vec<String>,
}

/// A set of normalized words and multi-word phrases.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet {
    words: HashSet<String>,
    phrases: Vec<Vec<String>>,
}

impl WordSet {
    fn new<'a>(items: impl IntoIterator<Item = &'a String>) -> WordSet {
        let mut set = WordSet::default();
        for item in items {
            let n = normalize(item);
            let parts: Vec<String> =
                n.as_str().split_whitespace().map(str::to_string).collect();
            match parts.as_slice() {
                [] => {}
                [word] => {
                    for f in bare_forms(word) {
                        set.words.insert(f);
                    }
                }
                _ => set.phrases.push(parts),
            }
        }
        set
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// Whether a word, or one of its clitic-stripped stems, is in the set.
    pub(crate) fn has_word(&self, word: &str) -> bool {
        self.words.contains(word)
            || clitic_splits(word).iter().any(|s| self.words.contains(s.stem))
    }

    /// [`WordSet::has_word`] with the word's clitic splits computed once
    /// by the caller.
    pub(crate) fn has_split(
        &self,
        word: &str,
        splits: &[crate::text::CliticSplit<'_>],
    ) -> bool {
        self.words.contains(word)
            || splits.iter().any(|s| self.words.contains(s.stem))
    }

    /// How many words starting at `words[0]` the set matches (0: none).
    pub(crate) fn match_len(&self, words: &[&str]) -> usize {
        let Some((first, rest)) = words.split_first() else { return 0 };
        let mut best = usize::from(self.has_word(first));
        for p in &self.phrases {
            let Some((head, tail)) = p.split_first() else { continue };
            if p.len() <= words.len()
                && p.len() > best
                && bare_forms(head).iter().any(|f| {
                    *f == *first
                        || clitic_splits(first).iter().any(|s| s.stem == f)
                })
                && tail.iter().zip(rest).all(|(w, t)| same_word(w, t))
            {
                best = p.len();
            }
        }
        best
    }
}

/// A word and, if it carries the article, the word without it.
fn bare_forms(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if let Some(rest) = w.strip_prefix("ال") {
        if rest.chars().count() >= 2 {
            out.push(rest.to_string());
        }
    }
    out
}

/// Whether text word `t` is lexicon word `w`, allowing the article.
fn same_word(w: &str, t: &str) -> bool {
    let w = w.strip_prefix("ال").unwrap_or(w);
    t == w || t.strip_prefix("ال") == Some(w)
}

/// The cue word sets.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cues {
    pub(crate) air: WordSet,
    pub(crate) ground: WordSet,
    pub(crate) negation: WordSet,
    pub(crate) cessation: WordSet,
    pub(crate) killed_by: WordSet,
    pub(crate) causal: WordSet,
    pub(crate) support: WordSet,
    pub(crate) strike_modifiers: WordSet,
    pub(crate) future: WordSet,
    pub(crate) generic: WordSet,
    pub(crate) disputed: WordSet,
    pub(crate) source: WordSet,
    pub(crate) light: WordSet,
    pub(crate) target_markers: WordSet,
    pub(crate) people: WordSet,
    pub(crate) aircraft: WordSet,
}

/// The compiled event vocabulary.
#[derive(Clone, Debug)]
pub(crate) struct EventLexicon {
    pub(crate) entries: Vec<Entry>,
    forms: HashMap<String, Vec<Form>>,
    pub(crate) cues: Cues,
    pub(crate) air_actors: HashSet<String>,
    pub(crate) referents: Vec<Referent>,
}

/// Words that refer back to an actor, and which actor they pick.
#[derive(Clone, Debug)]
pub(crate) struct Referent {
    pub(crate) words: WordSet,
    pub(crate) types: Vec<String>,
    pub(crate) ids: Vec<String>,
    pub(crate) any: bool,
    /// The actor id to take when no earlier actor fits.
    pub(crate) default: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: u32,
    trigger: Vec<RawTrigger>,
    cues: RawCues,
    air_actors: RawAir,
    #[serde(default)]
    referent: Vec<RawReferent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReferent {
    words: Vec<String>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    any: bool,
    default: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    #[serde(rename = "type")]
    ty: Option<String>,
    family: Option<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    participles: Vec<String>,
    /// Conjugated verb forms given one by one (present if they start with
    /// ي ت ن ا, else past), for verbs whose full conjugation would take
    /// in nouns.
    #[serde(default)]
    verb_forms: Vec<String>,
    #[serde(default)]
    needs_cue: bool,
    #[serde(default)]
    needs_actor: bool,
    #[serde(default)]
    needs_people: bool,
    #[serde(default)]
    indefinite: bool,
    #[serde(default)]
    needs_next: Vec<String>,
    #[serde(default)]
    not_next: Vec<String>,
    #[serde(default)]
    needs_prev: Vec<String>,
    #[serde(default)]
    needs_near: Vec<String>,
    rule: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    air: Vec<String>,
    ground: Vec<String>,
    negation: Vec<String>,
    cessation: Vec<String>,
    killed_by: Vec<String>,
    causal: Vec<String>,
    support: Vec<String>,
    strike_modifiers: Vec<String>,
    future: Vec<String>,
    generic: Vec<String>,
    disputed: Vec<String>,
    source: Vec<String>,
    light: Vec<String>,
    target_markers: Vec<String>,
    people: Vec<String>,
    aircraft: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAir {
    ids: Vec<String>,
}

/// Conjugations of a verb given as its 3rd person masculine past stem.
pub(crate) fn conjugate(stem: &str) -> Vec<(String, Pos)> {
    let mut out = Vec::new();
    for suffix in ["", "ت", "وا", "ا", "ن", "نا", "تا", "تم"] {
        out.push((format!("{stem}{suffix}"), Pos::PastVerb));
    }
    // Forms IV, VII, VIII and X lose their initial alef in the present.
    let present = match stem.strip_prefix('ا') {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => stem,
    };
    for prefix in ["ي", "ت", "ن", "ا"] {
        for suffix in ["", "ون", "ان", "ين", "ن"] {
            out.push((format!("{prefix}{present}{suffix}"), Pos::PresentVerb));
        }
    }
    out
}

fn event_type(name: &str) -> Option<EventType> {
    Some(match name {
        "airstrike" => EventType::Airstrike,
        "shelling" => EventType::Shelling,
        "offensive" => EventType::Offensive,
        "clash" => EventType::Clash,
        "withdrawal" => EventType::Withdrawal,
        "deadline" => EventType::Deadline,
        "casualties" => EventType::Casualties,
        "displacement" => EventType::Displacement,
        "shootdown" => EventType::Shootdown,
        "territory_capture" => EventType::TerritoryCapture,
        "surrender" => EventType::Surrender,
        "reinforcement" => EventType::Reinforcement,
        _ => return None,
    })
}

impl EventLexicon {
    /// Parses and compiles an event vocabulary file (TOML).
    pub(crate) fn from_toml(file: &str, src: &str) -> Result<Self, Error> {
        let raw: RawFile = crate::data::parse(file, src)?;
        crate::data::check_version(file, raw.version)?;
        let mut entries = Vec::new();
        let mut forms: HashMap<String, Vec<Form>> = HashMap::new();
        for (i, t) in raw.trigger.iter().enumerate() {
            let label = format!("trigger #{}", i + 1);
            let ty =
                match (&t.ty, &t.family) {
                    (Some(name), None) => TriggerType::Fixed(
                        event_type(name).ok_or_else(|| {
                            Error::data(
                                file,
                                None,
                                None,
                                Some(label.clone()),
                                format!("unknown event type {name:?}"),
                            )
                        })?,
                    ),
                    (None, Some(f)) if f == "strike" => TriggerType::Strike,
                    _ => return Err(Error::data(
                        file,
                        None,
                        None,
                        Some(label),
                        "give exactly one of `type` or `family = \"strike\"`",
                    )),
                };
            if t.nouns.is_empty()
                && t.verbs.is_empty()
                && t.participles.is_empty()
                && t.verb_forms.is_empty()
            {
                return Err(Error::data(
                    file,
                    None,
                    None,
                    Some(label),
                    "a trigger needs nouns, verbs or participles",
                ));
            }
            let entry = entries.len();
            let mut add = |surface: &str, pos: Pos| {
                let n = normalize(surface);
                let mut words = n.as_str().split_whitespace();
                let Some(first) = words.next() else { return };
                let rest: Vec<String> = words.map(str::to_string).collect();
                let first = first
                    .strip_prefix("ال")
                    .filter(|r| r.chars().count() >= 2)
                    .unwrap_or(first);
                let mut keys = vec![first.to_string()];
                if pos == Pos::Noun && !first.ends_with(['ا', 'ه', 'ي']) {
                    keys.push(format!("{first}ا"));
                }
                for key in keys {
                    forms.entry(key).or_default().push(Form {
                        entry,
                        pos,
                        rest: rest.clone(),
                    });
                }
            };
            for n in &t.nouns {
                add(n, Pos::Noun);
            }
            for p in &t.participles {
                add(p, Pos::Participle);
            }
            for v in &t.verb_forms {
                let n = normalize(v);
                let form = n.as_str().trim();
                let pos = if form.starts_with(['ي', 'ت', 'ن', 'ا']) {
                    Pos::PresentVerb
                } else {
                    Pos::PastVerb
                };
                add(form, pos);
            }
            for v in &t.verbs {
                let stem = normalize(v).as_str().trim().to_string();
                for (form, pos) in conjugate(&stem) {
                    add(&form, pos);
                }
            }
            entries.push(Entry {
                ty,
                needs_cue: t.needs_cue,
                needs_actor: t.needs_actor,
                needs_people: t.needs_people,
                indefinite: t.indefinite,
                needs_next: WordSet::new(&t.needs_next),
                not_next: WordSet::new(&t.not_next),
                needs_prev: WordSet::new(&t.needs_prev),
                needs_near: WordSet::new(&t.needs_near),
                rule: t.rule.clone(),
            });
        }
        let c = &raw.cues;
        let conjugated = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .flat_map(|w| {
                    conjugate(normalize(w).as_str().trim())
                        .into_iter()
                        .map(|(f, _)| f)
                })
                .collect()
        };
        let cues = Cues {
            air: WordSet::new(&c.air),
            ground: WordSet::new(&c.ground),
            negation: WordSet::new(&c.negation),
            cessation: WordSet::new(&c.cessation),
            killed_by: WordSet::new(&c.killed_by),
            causal: WordSet::new(&c.causal),
            support: WordSet::new(&c.support),
            strike_modifiers: WordSet::new(&c.strike_modifiers),
            future: WordSet::new(&c.future),
            generic: WordSet::new(&c.generic),
            disputed: WordSet::new(&c.disputed),
            source: WordSet::new(&c.source),
            light: WordSet::new(&conjugated(&c.light)),
            target_markers: WordSet::new(&c.target_markers),
            people: WordSet::new(&c.people),
            aircraft: WordSet::new(&c.aircraft),
        };
        Ok(EventLexicon {
            entries,
            forms,
            cues,
            air_actors: raw.air_actors.ids.into_iter().collect(),
            referents: raw
                .referent
                .iter()
                .map(|r| Referent {
                    words: WordSet::new(&r.words),
                    types: r.types.clone(),
                    ids: r.ids.clone(),
                    any: r.any,
                    default: r.default.clone(),
                })
                .collect(),
        })
    }

    /// The trigger readings of a word: every form it can be, with the
    /// clitic split that found it, least stripped first.
    pub(crate) fn lookup<'w>(&self, word: &'w str) -> Vec<Reading<'_, 'w>> {
        let mut out = Vec::new();
        for split in clitic_splits(word) {
            let Some(forms) = self.forms.get(split.stem) else { continue };
            for form in forms {
                let verb =
                    matches!(form.pos, Pos::PastVerb | Pos::PresentVerb);
                if verb && split.article {
                    continue;
                }
                // The future prefix goes with present verbs only.
                if split.proclitics.contains('س')
                    && form.pos != Pos::PresentVerb
                {
                    continue;
                }
                let indefinite =
                    self.entries.get(form.entry).is_some_and(|e| e.indefinite);
                if indefinite && split.article {
                    continue;
                }
                out.push(Reading {
                    form,
                    proclitics: split.proclitics,
                    article: split.article,
                    enclitic: !split.enclitic.is_empty(),
                });
            }
        }
        out
    }
}

/// One way a word can be a trigger.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reading<'l, 'w> {
    pub(crate) form: &'l Form,
    /// The proclitics, as written.
    pub(crate) proclitics: &'w str,
    /// Whether the word carries the article.
    pub(crate) article: bool,
    /// Whether an attached pronoun follows.
    pub(crate) enclitic: bool,
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    fn lex() -> EventLexicon {
        EventLexicon::from_toml(
            "events.toml",
            include_str!("../../gazetteers/events.toml"),
        )
        .unwrap()
    }

    macro_rules! t {
        ($name:ident, $word:expr, $found:expr) => {
            #[test]
            fn $name() {
                let lex = lex();
                let w = normalize($word);
                assert_eq!(
                    !lex.lookup(w.as_str()).is_empty(),
                    $found,
                    "{}",
                    $word
                );
            }
        };
    }

    t!(noun_plain, "قصف", true);
    t!(noun_article, "القصف", true);
    t!(noun_baa, "بقصف", true);
    t!(noun_accusative, "هجوماً", true);
    t!(noun_enclitic, "هجومه", true);
    t!(noun_lam_article, "للانسحاب", true);
    t!(noun_wa_enclitic, "وانسحابها", true);
    t!(verb_past_fem, "شنّت", false);
    t!(verb_present, "يهاجمُ", true);
    t!(verb_future, "سنقصف", true);
    t!(verb_future_fem, "ستقصف", true);
    t!(verb_form_iv, "أسقط", true);
    t!(verb_form_iv_present, "يسقطون", true);
    t!(verb_form_viii, "استهدف", true);
    t!(verb_form_viii_present, "تستهدف", true);
    t!(verb_doubled, "فرّوا", true);
    t!(not_inside_word, "قصفات", false);
    t!(overflight_is_no_trigger, "تحليق", false);
    t!(verb_with_article_is_noun_only, "اليهاجم", false);
    t!(air_support_indefinite, "بدعم", true);
    t!(air_support_not_definite, "الدعم", false);

    /// Words that read only as one of the types outside the annotation's
    /// nine: control and reinforcements are never an attack.
    #[test]
    fn control_and_reinforcements_read_as_their_own_types() {
        let lex = lex();
        for (word, ty) in [
            ("سيطرة", EventType::TerritoryCapture),
            ("سيطرت", EventType::TerritoryCapture),
            ("تعزيزات", EventType::Reinforcement),
        ] {
            let w = normalize(word);
            let readings = lex.lookup(w.as_str());
            assert!(!readings.is_empty(), "{word}");
            for r in readings {
                let entry = &lex.entries[r.form.entry];
                assert_eq!(entry.ty, TriggerType::Fixed(ty), "{word}");
            }
        }
        // The present "يسيطر" (holds ground) is no reading at all.
        assert!(lex.lookup(normalize("يسيطر").as_str()).is_empty());
    }

    #[test]
    fn future_prefix_needs_a_present_verb() {
        let lex = lex();
        // "سقصف" would be the future prefix on a past stem.
        assert!(lex.lookup(normalize("سقصف").as_str()).is_empty());
    }

    #[test]
    fn conjugation_drops_the_alef_of_derived_forms() {
        let forms: Vec<String> =
            conjugate("انسحب").into_iter().map(|f| f.0).collect();
        assert!(forms.contains(&"ينسحب".to_string()));
        assert!(forms.contains(&"انسحبوا".to_string()));
        assert!(!forms.contains(&"يانسحب".to_string()));
    }

    #[test]
    fn cue_sets_match_with_clitics() {
        let lex = lex();
        assert!(lex.cues.air.has_word("بالطيران"));
        assert!(lex.cues.negation.has_word("ولم"));
        assert!(lex.cues.light.has_word("شنه"));
        assert!(lex.cues.light.has_word("يشن"));
        assert_eq!(lex.cues.aircraft.match_len(&["سلاح", "الجو", "x"]), 2);
        assert_eq!(lex.cues.aircraft.match_len(&["وسلاح", "الجو"]), 2);
    }

    #[test]
    fn bad_files_are_typed_errors() {
        let err = EventLexicon::from_toml("e.toml", "version = 1\n[[trigger]]\ntype = \"strike\"\nnouns=[\"x\"]\n[cues]\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("e.toml"), "{err}");
        let src = include_str!("../../gazetteers/events.toml")
            .replace("type = \"offensive\"", "type = \"offense\"");
        let err = EventLexicon::from_toml("e.toml", &src).unwrap_err();
        assert!(
            err.to_string().contains("unknown event type \"offense\""),
            "{err}"
        );
    }
}
