//! The event vocabulary (`gazetteers/events.toml`), compiled for lookup.

use super::EventType;
use crate::hash::{
    str_hash, token_hash, FastMap, FastSet, HashFilter, WordTable,
};
#[cfg(test)]
use crate::text::clitic_splits;
use crate::text::{
    enclitic_len, for_each_clitic_split, normalize, CliticSplit, Word,
};
use crate::{Error, SharedStr};
use serde::Deserialize;

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
    /// With a rule name of its own (`rule = "air_support"`): the name an
    /// event of each type takes, `type.rule`, indexed by
    /// `EventType as usize`, built once (see [`Entry::rule_name`]).
    pub(crate) rule_names: Option<Box<[SharedStr]>>,
}

impl Entry {
    /// The name of the rule an event of type `ty` fired by this entry
    /// takes (`verb`: the trigger is a verb form).
    pub(crate) fn rule_name(&self, ty: EventType, verb: bool) -> SharedStr {
        match self.rule_names.as_deref().and_then(|n| n.get(ty as usize)) {
            Some(name) => name.clone(),
            None => SharedStr::from_static(ty.default_rule(verb)),
        }
    }
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
///
/// Words of a sentence are looked up by their [`WordKeys`]: the ids, in
/// the lexicon's vocabulary, of the word and of its clitic-stripped
/// stems, computed once per word. [`WordSet::has_word`] does the same
/// from a bare string.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet {
    words: FastSet<String>,
    /// The vocabulary ids of `words`, as a bit set (bit `id % 64` of
    /// word `id / 64`).
    ids: Vec<u64>,
    phrases: Vec<Phrase>,
    /// The vocabulary ids of the phrases' first words, as a bit set like
    /// `ids`: a word with none of them starts no phrase.
    phrase_ids: Vec<u64>,
}

/// A multi-word entry of a [`WordSet`].
#[derive(Clone, Debug)]
struct Phrase {
    /// The first word and, if it has the article, the word without it.
    first: Vec<String>,
    /// Vocabulary ids of `first`.
    first_ids: Vec<u32>,
    /// The words after the first.
    rest: Vec<String>,
}

/// The vocabulary ids of a word and its clitic-stripped stems (only those
/// the lexicon knows), as [`EventLexicon::keys`] finds them.
pub(crate) type WordKeys = [u32];

impl WordSet {
    fn new<'a>(items: impl IntoIterator<Item = &'a String>) -> WordSet {
        let mut set = WordSet::default();
        for item in items {
            let n = normalize(item);
            let mut parts = n.as_str().split_whitespace();
            let Some(first) = parts.next() else { continue };
            let rest: Vec<String> = parts.map(str::to_string).collect();
            if rest.is_empty() {
                set.words.extend(bare_forms(first));
            } else {
                set.phrases.push(Phrase {
                    first: bare_forms(first),
                    first_ids: Vec::new(),
                    rest,
                });
            }
        }
        set
    }

    /// Gives every word of the set an id in `vocab`.
    fn intern(&mut self, vocab: &mut FastMap<String, u32>) {
        let mut id = |w: &String| {
            let next = vocab.len() as u32;
            *vocab.entry(w.clone()).or_insert(next)
        };
        self.ids = Vec::new();
        for w in &self.words {
            let k = id(w) as usize;
            if self.ids.len() <= k / 64 {
                self.ids.resize(k / 64 + 1, 0);
            }
            if let Some(bits) = self.ids.get_mut(k / 64) {
                *bits |= 1 << (k % 64);
            }
        }
        self.phrase_ids = Vec::new();
        for p in &mut self.phrases {
            p.first_ids = p.first.iter().map(&mut id).collect();
            for &k in &p.first_ids {
                let k = k as usize;
                if self.phrase_ids.len() <= k / 64 {
                    self.phrase_ids.resize(k / 64 + 1, 0);
                }
                if let Some(bits) = self.phrase_ids.get_mut(k / 64) {
                    *bits |= 1 << (k % 64);
                }
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// Whether a word, or one of its clitic-stripped stems, is in the set
    /// (out of line: few words get here).
    #[inline(never)]
    pub(crate) fn has_word(&self, word: &str) -> bool {
        if self.words.contains(word) {
            return true;
        }
        // The splits walked without being stored.
        let mut found = false;
        for_each_clitic_split(word, |s| {
            found = found || self.words.contains(s.stem);
        });
        found
    }

    /// [`WordSet::has_word`] of a word given by its keys.
    pub(crate) fn has_keys(&self, keys: &WordKeys) -> bool {
        any_key_in(&self.ids, keys)
    }

    /// How many words starting at `words[0]` the set matches (0: none);
    /// `keys` are the keys of `words[0]`. (The rules ask only whether
    /// it matches, [`WordSet::starts`].)
    #[cfg(test)]
    pub(crate) fn match_len<'w>(
        &self,
        keys: &WordKeys,
        words: &(impl Words<'w> + ?Sized),
    ) -> usize {
        // A phrase, too, starts with a word of the vocabulary: a word
        // without keys (most words) matches nothing.
        if keys.is_empty() {
            0
        } else {
            self.match_len_keyed(keys, words)
        }
    }

    /// Whether the set matches anything from `words[0]` on
    /// ([`WordSet::match_len`] above 0; `keys` are the keys of
    /// `words[0]`): a word of the set needs no phrase tried, since any
    /// match will do (tested equal to `match_len` above 0).
    #[inline]
    pub(crate) fn starts<'w>(
        &self,
        keys: &WordKeys,
        words: &(impl Words<'w> + ?Sized),
    ) -> bool {
        !keys.is_empty()
            && (self.has_keys(keys)
                || any_key_in(&self.phrase_ids, keys)
                    && self.phrase_len(keys, words, 0) > 0)
    }

    /// [`WordSet::match_len`] of a word with keys: the phrases are tried
    /// only when one of the keys starts one.
    #[cfg(test)]
    fn match_len_keyed<'w>(
        &self,
        keys: &WordKeys,
        words: &(impl Words<'w> + ?Sized),
    ) -> usize {
        let best = usize::from(self.has_keys(keys));
        if !any_key_in(&self.phrase_ids, keys) {
            return best;
        }
        self.phrase_len(keys, words, best)
    }

    /// [`WordSet::match_len`] without the phrase filter.
    #[cfg(test)]
    fn match_len_slow(&self, keys: &WordKeys, words: &[&str]) -> usize {
        self.phrase_len(keys, words, usize::from(self.has_keys(keys)))
    }

    /// The longest phrase that matches from `words[0]` on, if longer
    /// than `best`.
    fn phrase_len<'w>(
        &self,
        keys: &WordKeys,
        words: &(impl Words<'w> + ?Sized),
        mut best: usize,
    ) -> usize {
        for p in &self.phrases {
            let len = p.rest.len() + 1;
            if len <= words.count()
                && len > best
                && p.first_ids.iter().any(|id| keys.contains(id))
                && p.rest.iter().enumerate().all(|(k, w)| {
                    words.word(k + 1).is_some_and(|t| same_word(w, t))
                })
            {
                best = len;
            }
        }
        best
    }
}

/// The words a [`WordSet`] phrase is matched against, from the first
/// on: a slice of words, or a sentence's words read from its text as
/// they are asked for.
pub(crate) trait Words<'w> {
    /// How many words there are.
    fn count(&self) -> usize;
    /// Word `k` (none past the end).
    fn word(&self, k: usize) -> Option<&'w str>;
}

impl<'w> Words<'w> for [&'w str] {
    fn count(&self) -> usize {
        self.len()
    }

    fn word(&self, k: usize) -> Option<&'w str> {
        self.get(k).copied()
    }
}

/// Whether one of `keys` is in the bit set `ids` (bit `id % 64` of
/// word `id / 64`).
#[inline]
fn any_key_in(ids: &[u64], keys: &WordKeys) -> bool {
    keys.iter().any(|&k| {
        let k = k as usize;
        ids.get(k / 64).is_some_and(|bits| bits >> (k % 64) & 1 != 0)
    })
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
    /// Every trigger form and every word of every word set.
    lexemes: WordTable<Lexeme>,
    /// Every lexeme behind every string [`prefixes`] gives: a word none
    /// of whose two cores (itself, and itself without its enclitic) is
    /// here has no stem in `lexemes`.
    cores: CoreFilter,
    /// The stem table's words, as its own filter holds them (the same
    /// answers, from a filter of constant size).
    stems: StemFilter,
    pub(crate) cues: Cues,
    /// The actors that fight only from the air (looked up with the
    /// crate's fast hasher: every agent of a strike asks, through
    /// [`EventLexicon::is_air_actor`]).
    pub(crate) air_actors: FastSet<String>,
    /// The [`token_hash`]es of `air_actors` as a bit filter: most ids
    /// are found not to be one without hashing their text.
    air_filter: HashFilter,
    pub(crate) referents: Vec<Referent>,
    /// The vocabulary ids of every referent's words, as a bit set: a
    /// word none of whose keys is here is no referent.
    referent_ids: Vec<u64>,
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
        let mut forms: FastMap<String, Vec<Form>> = FastMap::default();
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
                rule_names: t.rule.as_ref().map(|r| {
                    EventType::ALL
                        .iter()
                        .map(|ty| SharedStr::from(format!("{ty}.{r}")))
                        .collect()
                }),
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
        let mut lex = EventLexicon {
            entries,
            lexemes: WordTable::new(6, Vec::new()),
            cores: CoreFilter::new(core::iter::empty()),
            stems: StemFilter::new(core::iter::empty()),
            cues,
            air_filter: HashFilter::new(
                12,
                raw.air_actors.ids.iter().map(String::as_str),
            ),
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
            referent_ids: Vec::new(),
        };
        let mut vocab = FastMap::default();
        for set in lex.word_sets_mut() {
            set.intern(&mut vocab);
        }
        for r in &lex.referents {
            let ids = &r.words.ids;
            if lex.referent_ids.len() < ids.len() {
                lex.referent_ids.resize(ids.len(), 0);
            }
            for (all, bits) in lex.referent_ids.iter_mut().zip(ids) {
                *all |= bits;
            }
        }
        let mut lexemes: FastMap<String, Lexeme> = forms
            .into_iter()
            .map(|(w, forms)| (w, Lexeme { id: None, forms }))
            .collect();
        for (w, id) in vocab {
            lexemes.entry(w).or_default().id = Some(id);
        }
        let mut lexemes: Vec<(String, Lexeme)> = lexemes.into_iter().collect();
        // A fixed order, whatever the map's (the slow path of the tests
        // searches it).
        lexemes.sort_by(|a, b| a.0.cmp(&b.0));
        let cores: Vec<String> = lexemes
            .iter()
            .flat_map(|(w, _)| prefixes().map(move |p| p + w.as_str()))
            .collect();
        lex.cores = CoreFilter::new(cores.iter().map(String::as_str));
        lex.stems = StemFilter::new(lexemes.iter().map(|(w, _)| w.as_str()));
        lex.lexemes = WordTable::new(StemFilter::LOG, lexemes);
        Ok(lex)
    }

    /// Every word set of the lexicon.
    fn word_sets_mut(&mut self) -> impl Iterator<Item = &mut WordSet> {
        let c = &mut self.cues;
        let cues = [
            &mut c.air,
            &mut c.ground,
            &mut c.negation,
            &mut c.cessation,
            &mut c.killed_by,
            &mut c.causal,
            &mut c.support,
            &mut c.strike_modifiers,
            &mut c.future,
            &mut c.generic,
            &mut c.disputed,
            &mut c.source,
            &mut c.light,
            &mut c.target_markers,
            &mut c.people,
            &mut c.aircraft,
        ];
        let entries = self.entries.iter_mut().flat_map(|e| {
            [
                &mut e.needs_next,
                &mut e.needs_prev,
                &mut e.not_next,
                &mut e.needs_near,
            ]
        });
        let referents = self.referents.iter_mut().map(|r| &mut r.words);
        cues.into_iter().chain(entries).chain(referents)
    }

    /// Whether an entity id is one of the actors that fight only from
    /// the air: its [`token_hash`] (its length and first and last eight
    /// bytes) tested in the filter before the set.
    #[inline]
    pub(crate) fn is_air_actor(&self, id: &str) -> bool {
        self.air_filter.may_contain_hash(str_hash(id))
            && self.air_actors.contains(id)
    }

    /// Whether a word given by its keys may be a referent: whether one
    /// of the referents' word sets has it (tested against them).
    #[inline]
    pub(crate) fn may_be_referent(&self, keys: &WordKeys) -> bool {
        any_key_in(&self.referent_ids, keys)
    }

    /// Analyses a word: appends its [`WordKeys`] (the vocabulary ids of
    /// the word and its stems) to `keys` and its trigger readings (every
    /// form it can be, least stripped first) to `readings`.
    ///
    /// The clitic splits are walked without being stored, and a stem the
    /// bit filter of the stem table rejects costs no probe.
    ///
    /// Most words have no stem in the table: a word whose cores (the
    /// word, and the word without its enclitic) the core filter rejects
    /// is not split at all. `hash` is the word's [`token_hash`] (the
    /// one the document's word list holds), so the whole word is not
    /// hashed again. (The rules ask the filter and the split
    /// themselves, to analyse each distinct word of a document once.)
    #[cfg(test)]
    pub(crate) fn analyse<'l, 'w>(
        &'l self,
        word: &'w str,
        hash: u64,
        keys: &mut Vec<u32>,
        readings: &mut Vec<Reading<'l, 'w>>,
    ) {
        let w = Word { start: 0, end: word.len(), hash, arabic: false };
        if self.may_have_stem(word.as_bytes(), &w) {
            self.analyse_split(word, hash, keys, readings);
        }
    }

    /// The core filter of [`EventLexicon::analyse`]: whether word `w`
    /// of the text `text` (its bytes) may have a stem in the table; a
    /// word it rejects has neither keys nor readings. The whole word's
    /// hash is tested first; when the filter rejects it, the word
    /// without its enclitic is hashed in place.
    ///
    /// The enclitic is read from the end of the text up to the word's
    /// end, not from the word sliced: the letters it compares are
    /// two-byte letters, and a word is a whole run of letters, so none
    /// is found across the word's start (tested against the word
    /// sliced, [`EventLexicon::may_have_stem_sliced`]).
    #[inline(always)]
    pub(crate) fn may_have_stem(&self, text: &[u8], w: &Word) -> bool {
        self.cores.may_contain_hash(w.hash) || {
            let upto = text.get(..w.end).unwrap_or_default();
            let stem_end =
                enclitic_len(upto).and_then(|e| w.end.checked_sub(e));
            stem_end.is_some_and(|end| {
                end >= w.start
                    && self
                        .cores
                        .may_contain_hash(token_hash(text, w.start, end))
            })
        }
    }

    /// [`WordSet::has_word`] of a word of `set` (a set of this lexicon)
    /// behind the core filter: every word of a set is a lexeme, so a
    /// word the filter rejects (no stem in the lexicon) is in no set.
    /// (Out of line: few words get here.)
    #[inline(never)]
    pub(crate) fn set_has_word(&self, set: &WordSet, word: &str) -> bool {
        let w = Word {
            start: 0,
            end: word.len(),
            hash: str_hash(word),
            arabic: false,
        };
        self.may_have_stem(word.as_bytes(), &w) && set.has_word(word)
    }

    /// [`EventLexicon::may_have_stem`] with the word sliced from the
    /// text, for the test.
    #[cfg(test)]
    pub(crate) fn may_have_stem_sliced(&self, text: &[u8], w: &Word) -> bool {
        self.cores.may_contain_hash(w.hash) || {
            let word = text.get(w.range()).unwrap_or_default();
            enclitic_len(word).is_some_and(|e| {
                let stem = token_hash(word, 0, word.len() - e);
                self.cores.may_contain_hash(stem)
            })
        }
    }

    /// [`EventLexicon::analyse`] of a word the core filter let through.
    #[inline(never)]
    pub(crate) fn analyse_split<'l, 'w>(
        &'l self,
        word: &'w str,
        hash: u64,
        keys: &mut Vec<u32>,
        readings: &mut Vec<Reading<'l, 'w>>,
    ) {
        let start = keys.len();
        let mut any_split = false;
        for_each_clitic_split(word, |split| {
            any_split = true;
            // The first split is often the whole word, already hashed.
            let h = if split.stem.len() == word.len() {
                hash
            } else {
                str_hash(split.stem)
            };
            if self.stems.may_contain_hash(h) {
                self.look_up(h, &split, start, keys, readings);
            }
        });
        // A word too short to be a stem has no split: look it up itself.
        if !any_split {
            let found = self.lexemes.get_hashed(word.as_bytes(), hash);
            if let Some(id) = found.and_then(|l| l.id) {
                keys.push(id);
            }
        }
    }

    /// Looks up a stem the filter let through (out of line: most stems
    /// never get here), and adds what it gives.
    #[inline(never)]
    fn look_up<'l, 'w>(
        &'l self,
        h: u64,
        split: &CliticSplit<'w>,
        start: usize,
        keys: &mut Vec<u32>,
        readings: &mut Vec<Reading<'l, 'w>>,
    ) {
        if let Some(lexeme) = self.lexemes.probe(split.stem.as_bytes(), h) {
            self.add(lexeme, split, start, keys, readings);
        }
    }

    /// Adds what a stem found through `split` gives: its id to the keys
    /// from `start` on (once), and its readings.
    #[inline]
    fn add<'l, 'w>(
        &'l self,
        lexeme: &'l Lexeme,
        split: &CliticSplit<'w>,
        start: usize,
        keys: &mut Vec<u32>,
        readings: &mut Vec<Reading<'l, 'w>>,
    ) {
        if let Some(id) = lexeme.id {
            if !keys.get(start..).is_some_and(|seen| seen.contains(&id)) {
                keys.push(id);
            }
        }
        for form in &lexeme.forms {
            if self.reads_as(form, split) {
                readings.push(Reading {
                    form,
                    proclitics: split.proclitics,
                    article: split.article,
                    enclitic: !split.enclitic.is_empty(),
                });
            }
        }
    }

    /// [`EventLexicon::analyse`] the slow way: the stored splits, and a
    /// binary search of the sorted keys for every stem and for the whole
    /// word.
    #[cfg(test)]
    fn analyse_slow<'l, 'w>(
        &'l self,
        word: &'w str,
        keys: &mut Vec<u32>,
        readings: &mut Vec<Reading<'l, 'w>>,
    ) {
        let start = keys.len();
        // The entries are sorted by key.
        let entries: Vec<(&str, &Lexeme)> = self.lexemes.entries().collect();
        let find = |w: &str| {
            let k = entries.binary_search_by(|(k, _)| (*k).cmp(w));
            k.ok().and_then(|k| entries.get(k)).map(|&(_, l)| l)
        };
        let splits = clitic_splits(word);
        if splits.first().is_none_or(|s| s.stem.len() != word.len()) {
            if let Some(id) = find(word).and_then(|l| l.id) {
                keys.push(id);
            }
        }
        for split in &splits {
            if let Some(lexeme) = find(split.stem) {
                self.add(lexeme, split, start, keys, readings);
            }
        }
    }

    /// Whether a form found through a clitic split can be read so.
    fn reads_as(&self, form: &Form, split: &CliticSplit<'_>) -> bool {
        let verb = matches!(form.pos, Pos::PastVerb | Pos::PresentVerb);
        // The future prefix goes with present verbs only.
        let future = split.proclitics.contains('س');
        let indefinite =
            self.entries.get(form.entry).is_some_and(|e| e.indefinite);
        !(verb && split.article
            || future && form.pos != Pos::PresentVerb
            || indefinite && split.article)
    }

    /// The trigger readings of a word: every form it can be, with the
    /// clitic split that found it, least stripped first.
    #[cfg(test)]
    pub(crate) fn lookup<'w>(&self, word: &'w str) -> Vec<Reading<'_, 'w>> {
        let mut out = Vec::new();
        self.analyse(word, str_hash(word), &mut Vec::new(), &mut out);
        out
    }
}

/// Every string a word may carry before its stem, and more: a
/// conjunction, then a preposition or the future particle, then the
/// article (`ال`, or the `ل` left of it after the `ل` of `لل`), each or
/// none.
fn prefixes() -> impl Iterator<Item = String> {
    const CONJ: [&str; 3] = ["", "و", "ف"];
    const PREP: [&str; 5] = ["", "ب", "ل", "ك", "س"];
    const ART: [&str; 3] = ["", "ال", "ل"];
    CONJ.into_iter().flat_map(|c| {
        PREP.into_iter().flat_map(move |p| {
            ART.into_iter().map(move |a| [c, p, a].concat())
        })
    })
}

/// The core filter: `2^20` bits.
type CoreFilter = BitFilter<{ 1 << 14 }>;

/// The stem filter: `2^16` bits, as many as the stem table is built
/// with for its own filter, so that it answers as that one.
type StemFilter = BitFilter<{ 1 << 10 }>;

/// A [`HashFilter`] of `64 * WORDS` bits (`WORDS` a power of two; the
/// same two bits a hash), its size a constant: every word of a text, and
/// every stem of the words that pass, is tested, and a constant shift
/// and a fixed-length array (no length to check the index against)
/// leave the walks that test it registers to spare (tested to answer as
/// the `HashFilter`).
#[derive(Clone, Debug)]
struct BitFilter<const WORDS: usize> {
    bits: Box<[u64; WORDS]>,
}

impl<const WORDS: usize> BitFilter<WORDS> {
    /// log2 of the number of bits.
    const LOG: u32 = WORDS.trailing_zeros() + 6;

    /// The filter of `words`.
    fn new<'a>(words: impl Iterator<Item = &'a str>) -> Self {
        let mut f = BitFilter { bits: Box::new([0; WORDS]) };
        for w in words {
            for i in Self::indices(str_hash(w)) {
                if let Some(x) = f.bits.get_mut(i / 64) {
                    *x |= 1 << (i % 64);
                }
            }
        }
        f
    }

    /// The two bits of a hash, as [`HashFilter`] takes them: its top
    /// `LOG` bits, and the `LOG` bits below the top 32.
    #[inline(always)]
    fn indices(h: u64) -> [usize; 2] {
        let mask = (1u64 << Self::LOG) - 1;
        [(h >> (64 - Self::LOG)) as usize, ((h >> 32) & mask) as usize]
    }

    /// Whether a word whose [`token_hash`] is `h` may be in the set (it
    /// is not when this is false).
    #[inline(always)]
    fn may_contain_hash(&self, h: u64) -> bool {
        Self::indices(h).iter().all(|&i| {
            self.bits.get(i / 64).is_some_and(|x| x >> (i % 64) & 1 != 0)
        })
    }
}

/// What the lexicon knows of a word (or stem).
#[derive(Clone, Debug, Default)]
struct Lexeme {
    /// Its id among the words of the word sets, if it is one.
    id: Option<u32>,
    /// The trigger forms it is.
    forms: Vec<Form>,
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
        let aircraft = &lex.cues.aircraft;
        let k = keys(&lex, "سلاح");
        assert_eq!(aircraft.match_len(&k, &["سلاح", "الجو", "x"][..]), 2);
        let k = keys(&lex, "وسلاح");
        assert_eq!(aircraft.match_len(&k, &["وسلاح", "الجو"][..]), 2);
        assert_eq!(aircraft.match_len(&k, &["وسلاح"][..]), 0);
    }

    fn keys(lex: &EventLexicon, w: &str) -> Vec<u32> {
        let mut out = Vec::new();
        lex.analyse(w, str_hash(w), &mut out, &mut Vec::new());
        out
    }

    /// Looking a word up by its keys gives the same answer as by its
    /// text, for every word of the articles and every word set.
    #[test]
    fn keys_answer_as_the_words_do() {
        let mut lex = lex();
        let text = crate::test_texts::articles().join("\n");
        let n = normalize(&text);
        let words: Vec<&str> =
            crate::text::words(n.as_str()).map(|r| &n.as_str()[r]).collect();
        let all_keys: Vec<Vec<u32>> =
            words.iter().map(|w| keys(&lex, w)).collect();
        let mut hits = 0;
        for set in lex.word_sets_mut() {
            for (w, k) in words.iter().zip(&all_keys) {
                assert_eq!(set.has_keys(k), set.has_word(w), "{w}");
                hits += usize::from(set.has_keys(k));
            }
        }
        assert!(hits > 100, "{hits}");
    }

    /// A word's keys are in the referents' union exactly when one
    /// referent's word set has them, on every word of the test texts.
    #[test]
    fn referent_union_answers_as_the_referents() {
        let lex = lex();
        let text = crate::test_texts::all().join("\n");
        let n = normalize(&text);
        let mut hits = 0;
        for r in crate::text::words(n.as_str()) {
            let k = keys(&lex, &n.as_str()[r]);
            let each = lex.referents.iter().any(|r| r.words.has_keys(&k));
            assert_eq!(lex.may_be_referent(&k), each);
            hits += usize::from(each);
        }
        assert!(hits > 20, "{hits}");
    }

    /// The phrase filter changes no match, and `starts` answers as a
    /// match length above 0: every word set, from every word of the test
    /// texts on.
    #[test]
    fn phrase_filter_answers_as_the_phrases() {
        let mut lex = lex();
        let text = crate::test_texts::all().join("\n");
        let n = normalize(&text);
        let words: Vec<&str> =
            crate::text::words(n.as_str()).map(|r| &n.as_str()[r]).collect();
        let all_keys: Vec<Vec<u32>> =
            words.iter().map(|w| keys(&lex, w)).collect();
        let (mut phrases, mut starts) = (0, 0);
        for set in lex.word_sets_mut() {
            for (j, k) in all_keys.iter().enumerate() {
                let ws = &words[j..];
                let len = set.match_len(k, ws);
                assert_eq!(len, set.match_len_slow(k, ws), "{}", ws[0]);
                assert_eq!(set.starts(k, ws), len > 0, "{}", ws[0]);
                phrases += usize::from(len > 1);
                starts += usize::from(len > 0);
            }
        }
        assert!(phrases > 3, "{phrases}");
        assert!(starts > 100, "{starts}");
    }

    /// The stem filter lets every key of the table through, and probing
    /// finds it.
    #[test]
    fn stem_table_finds_every_key() {
        let lex = lex();
        let entries: Vec<(&str, &Lexeme)> = lex.lexemes.entries().collect();
        assert!(entries.len() > 1000, "{}", entries.len());
        assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        for (key, lexeme) in entries {
            assert!(lex.lexemes.may_contain_hash(str_hash(key)), "{key}");
            let found = lex.lexemes.get(key).unwrap();
            assert!(std::ptr::eq(found, lexeme), "{key}");
        }
    }

    /// The filtered analysis finds what the slow one does, in the same
    /// order, on every word of the articles and peer texts, and the
    /// filter does reject most stems.
    #[test]
    fn analyse_answers_as_the_slow_path() {
        let lex = lex();
        let texts = crate::test_texts::all().join("\n");
        let n = normalize(&texts);
        let (mut found, mut rejected, mut stems) = (0, 0, 0);
        for r in crate::text::words(n.as_str()) {
            let w = &n.as_str()[r];
            let (mut k1, mut r1, mut k2, mut r2) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            lex.analyse(w, str_hash(w), &mut k1, &mut r1);
            lex.analyse_slow(w, &mut k2, &mut r2);
            assert_eq!(k1, k2, "{w}");
            let key = |r: &Reading<'_, '_>| {
                let pro = r.proclitics.to_string();
                (r.form as *const Form, pro, r.article, r.enclitic)
            };
            let r1: Vec<_> = r1.iter().map(key).collect();
            let r2: Vec<_> = r2.iter().map(key).collect();
            assert_eq!(r1, r2, "{w}");
            found += usize::from(!k1.is_empty() || !r1.is_empty());
            for sp in clitic_splits(w) {
                stems += 1;
                let h = str_hash(sp.stem);
                rejected += usize::from(!lex.lexemes.may_contain_hash(h));
            }
        }
        assert!(found > 500, "{found}");
        assert!(rejected * 10 > stems * 8, "{rejected} of {stems}");
    }

    /// A word set asked behind the core filter answers as the set alone,
    /// for every word set and every distinct word of the test texts
    /// (and each without a leading `و` or `س`, as the rules ask).
    #[test]
    fn set_has_word_answers_as_has_word() {
        let mut lex = lex();
        let texts = crate::test_texts::all().join("\n");
        let n = normalize(&texts);
        let mut words: Vec<&str> =
            crate::text::words(n.as_str()).map(|r| &n.as_str()[r]).collect();
        let stripped: Vec<&str> = words
            .iter()
            .filter_map(|w| w.strip_prefix('و').or(w.strip_prefix('س')))
            .collect();
        words.extend(stripped);
        words.sort_unstable();
        words.dedup();
        let sets: Vec<WordSet> =
            lex.word_sets_mut().map(|s| s.clone()).collect();
        let mut found = 0;
        for set in &sets {
            for w in &words {
                let want = set.has_word(w);
                assert_eq!(lex.set_has_word(set, w), want, "{w}");
                found += usize::from(want);
            }
        }
        assert!(found > 200, "{found}");
    }

    /// The core filter answers as the [`HashFilter`] of as many bits on
    /// the same words: built on every other word of the test texts, for
    /// every word of them and 65 536 other hashes.
    #[test]
    fn core_filter_answers_as_the_hash_filter() {
        let texts = crate::test_texts::all().join("\n");
        let n = normalize(&texts);
        let words: Vec<&str> =
            crate::text::words(n.as_str()).map(|r| &n.as_str()[r]).collect();
        let kept = || words.iter().step_by(2).copied();
        let ours = CoreFilter::new(kept());
        let theirs = HashFilter::new(CoreFilter::LOG, kept());
        let stems = StemFilter::new(kept());
        let table = HashFilter::new(16, kept());
        let mut passed = 0;
        for w in &words {
            let h = str_hash(w);
            assert_eq!(ours.may_contain_hash(h), theirs.may_contain_hash(h));
            assert_eq!(stems.may_contain_hash(h), table.may_contain_hash(h));
            passed += usize::from(ours.may_contain_hash(h));
        }
        assert!(passed * 2 > words.len(), "{passed}");
        let mut h = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..1 << 16 {
            h = h.wrapping_mul(0xf135_7aea_2e62_a9c5).rotate_left(17) ^ 1;
            assert_eq!(ours.may_contain_hash(h), theirs.may_contain_hash(h));
            assert_eq!(stems.may_contain_hash(h), table.may_contain_hash(h));
        }
    }

    /// The core filter reading the enclitic from the text up to a word's
    /// end answers as reading it from the word sliced, on every word of
    /// the test texts (the document's word list, so words of any script
    /// beside each other).
    #[test]
    fn core_filter_in_place_answers_as_sliced() {
        let lex = lex();
        let texts = crate::test_texts::all().join("\n");
        let (n, words) = crate::text::normalize_with_words(&texts);
        let text = n.as_str().as_bytes();
        let mut passed = 0;
        for w in &words {
            let want = lex.may_have_stem_sliced(text, w);
            assert_eq!(lex.may_have_stem(text, w), want, "{w:?}");
            passed += usize::from(want);
        }
        assert!(passed > 500, "{passed}");
    }

    /// The core filter's prefixes hold what every clitic split of every
    /// word of the test texts (and of words built to reach every reading)
    /// leaves before its stem, so the filter rejects no word with a stem
    /// in the table.
    #[test]
    fn prefixes_cover_every_split() {
        let all: FastSet<String> = prefixes().collect();
        let text = crate::test_texts::all().join("\n");
        let n = normalize(&text);
        let built = ["وللجيش", "فالجيش", "وبالجيش", "فسيقصفونها", "وكالقصف"];
        let words = crate::text::words(n.as_str())
            .map(|r| &n.as_str()[r])
            .chain(built);
        let mut splits = 0;
        for w in words {
            for sp in clitic_splits(w) {
                let at = w.len() - sp.stem.len() - sp.enclitic.len();
                assert!(all.contains(&w[..at]), "{w}: {:?}", &w[..at]);
                assert_eq!(&w[at..at + sp.stem.len()], sp.stem);
                splits += 1;
            }
        }
        assert!(splits > 10_000, "{splits}");
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
