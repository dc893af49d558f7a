//! The gazetteer data: TOML schema, loading, validation and lookups.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::matcher::Matcher;
use crate::data::line_col;
use crate::hash::{WordHash, WordTable};
use crate::{normalize, Error, SharedStr};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What a gazetteer entry names.
///
/// ```
/// use hadath::EntityKind;
/// assert_eq!(EntityKind::Place.as_str(), "place");
/// assert_eq!(serde_json::to_string(&EntityKind::Actor).unwrap(), "\"actor\"");
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// An armed force, government, group or organisation.
    Actor,
    /// A person who acts or speaks for an actor.
    Person,
    /// A place: country, governorate, town, village, airbase ...
    Place,
}

impl EntityKind {
    /// The lower-case name used in JSON and in the TOML table names.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Actor => "actor",
            EntityKind::Person => "person",
            EntityKind::Place => "place",
        }
    }
}

/// One gazetteer entry, as loaded (names as written, not normalized).
///
/// ```
/// let ex = hadath::Extractor::builtin();
/// let e = ex.gazetteer().get(hadath::EntityKind::Actor, "saa").unwrap();
/// assert_eq!(e.name_en, "Syrian Arab Army");
/// assert_eq!(e.parent.as_deref(), Some("syrian_regime"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Entry {
    /// Actor, person or place.
    pub kind: EntityKind,
    /// The canonical id, unique within its kind.
    pub id: String,
    /// The entry type (`state_military`, `air_force`, `city`, ...).
    pub entry_type: String,
    /// The Arabic name.
    pub name_ar: String,
    /// Other Arabic names.
    pub aliases_ar: Vec<String>,
    /// The English name.
    pub name_en: String,
    /// Other English names.
    pub aliases_en: Vec<String>,
    /// The parent id (an actor for actors and persons, a place for places).
    pub parent: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level division of a foreign place.
    pub admin1: Option<String>,
    /// Latitude (places).
    pub lat: Option<f64>,
    /// Longitude (places).
    pub lon: Option<f64>,
    /// GeoNames id (places).
    pub geonames_id: Option<u64>,
    /// First day the entry is valid.
    pub valid_from: Option<NaiveDate>,
    /// First day the entry is no longer valid (exclusive).
    pub valid_to: Option<NaiveDate>,
    /// Adjectives naming the actor after a force noun.
    pub demonyms_ar: Vec<String>,
    /// Normalized names that are ordinary words too.
    pub(crate) weak: HashSet<String>,
    /// Normalized names that need a locative cue.
    pub(crate) cued: HashSet<String>,
}

impl Entry {
    /// Whether the actor fights only from the air (type `air_force`).
    ///
    /// ```
    /// let g = hadath::Extractor::builtin();
    /// let g = g.gazetteer();
    /// assert!(g.get(hadath::EntityKind::Actor, "russia_aerospace").unwrap().is_air_only());
    /// assert!(!g.get(hadath::EntityKind::Actor, "saa").unwrap().is_air_only());
    /// ```
    pub fn is_air_only(&self) -> bool {
        self.entry_type == "air_force"
    }

    /// Whether the entry is a state (actor) or a country (place).
    ///
    /// ```
    /// let g = hadath::Extractor::builtin();
    /// let g = g.gazetteer();
    /// assert!(g.get(hadath::EntityKind::Actor, "russia").unwrap().is_country());
    /// assert!(g.get(hadath::EntityKind::Place, "russia").unwrap().is_country());
    /// assert!(!g.get(hadath::EntityKind::Place, "raqqa").unwrap().is_country());
    /// ```
    pub fn is_country(&self) -> bool {
        matches!(self.entry_type.as_str(), "state" | "country")
    }

    /// Whether the entry is valid on `date` (always, without dates).
    ///
    /// ```
    /// let g = hadath::Extractor::builtin();
    /// let nusra = g.gazetteer().get(hadath::EntityKind::Actor, "nusra").unwrap();
    /// assert!(nusra.valid_on("2015-01-01".parse().unwrap()));
    /// assert!(!nusra.valid_on("2018-01-01".parse().unwrap()));
    /// ```
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= date)
            && self.valid_to.is_none_or(|t| date < t)
    }

    /// The number of days the entry is valid up to `horizon` (the latest
    /// date in the data): an open start counts from 1800, an open end up
    /// to the horizon.
    pub(crate) fn window_days(&self, horizon: NaiveDate) -> i64 {
        let far_past = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap_or_default();
        let from = self.valid_from.unwrap_or(far_past);
        let to = self.valid_to.unwrap_or(horizon).max(from);
        (to - from).num_days()
    }

    /// All Arabic names: the name, then the aliases.
    pub(crate) fn names_ar(&self) -> impl Iterator<Item = &str> {
        core::iter::once(self.name_ar.as_str())
            .chain(self.aliases_ar.iter().map(String::as_str))
    }

    fn overlaps(&self, other: &Entry) -> bool {
        let start = self.valid_from.max(other.valid_from);
        let end = match (self.valid_to, other.valid_to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (start, end) {
            (Some(s), Some(e)) => s < e,
            _ => true,
        }
    }
}

/// A set of normalized words, hashed with a hash fast on short words (the
/// matcher looks up several per name hit).
pub(crate) type WordSet = HashSet<String, WordHash>;

/// The context vocabulary of the matcher (`gazetteers/context.toml`),
/// normalized.
#[derive(Clone, Debug)]
pub(crate) struct Context {
    pub(crate) locative: WordSet,
    pub(crate) agentive_before_from: WordSet,
    pub(crate) classifiers: WordSet,
    pub(crate) unknown_classifiers: WordSet,
    pub(crate) name_prefixes: WordSet,
    pub(crate) not_names: WordSet,
    /// (normalized phrase, canonical direction), longest first.
    pub(crate) directions: Vec<(String, String)>,
    pub(crate) force_heads: WordSet,
    pub(crate) place_heads: WordSet,
    pub(crate) between: WordSet,
    /// Groups of normalized interchangeable word forms.
    pub(crate) variants: Vec<Vec<String>>,
    /// The words a proclitic strip looks for: the locative words, the
    /// classifiers, unknown-place classifiers and demonym heads.
    pub(crate) known: WordSet,
    /// The locative words and the words between a demonym and its head,
    /// with their [`adjective`] bits: what a demonym's head search asks
    /// of a word, looked up by its hash in the text.
    pub(crate) adjectives: WordTable<u8>,
}

/// The sets of [`Context::adjectives`] a word belongs to, one bit each.
pub(crate) mod adjective {
    /// In [`Context::locative`](super::Context::locative).
    pub(crate) const LOCATIVE: u8 = 1;
    /// In [`Context::between`](super::Context::between).
    pub(crate) const BETWEEN: u8 = 2;
}

/// The sets of [`Context::known`] a word belongs to, one bit each.
pub(crate) mod role {
    pub(crate) const LOCATIVE: u8 = 1;
    pub(crate) const CLASSIFIER: u8 = 2;
    pub(crate) const UNKNOWN_CLASSIFIER: u8 = 4;
    pub(crate) const FORCE_HEAD: u8 = 8;
    pub(crate) const PLACE_HEAD: u8 = 16;
}

impl Context {
    /// The [`role`] bits of `w` (0 when it is not in [`Context::known`]).
    pub(crate) fn roles(&self, w: &str) -> u8 {
        [
            (&self.locative, role::LOCATIVE),
            (&self.classifiers, role::CLASSIFIER),
            (&self.unknown_classifiers, role::UNKNOWN_CLASSIFIER),
            (&self.force_heads, role::FORCE_HEAD),
            (&self.place_heads, role::PLACE_HEAD),
        ]
        .into_iter()
        .filter(|(set, _)| set.contains(w))
        .fold(0, |r, (_, bit)| r | bit)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    version: u32,
    locative: Vec<String>,
    agentive_before_from: Vec<String>,
    classifiers: Vec<String>,
    unknown_place_classifiers: Vec<String>,
    name_prefixes: Vec<String>,
    not_names: Vec<String>,
    directions: std::collections::BTreeMap<String, String>,
    demonyms: RawDemonyms,
    #[serde(default)]
    variants: Vec<RawVariant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDemonyms {
    force_heads: Vec<String>,
    place_heads: Vec<String>,
    between: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    forms: Vec<String>,
}

/// Normalizes a name as the text is: folded, one space between words.
pub(crate) fn norm_name(s: &str) -> String {
    let n = normalize(s);
    n.as_str().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_set(v: Vec<String>) -> WordSet {
    v.iter().map(|s| norm_name(s)).filter(|s| !s.is_empty()).collect()
}

impl Context {
    pub(crate) fn from_toml(file: &str, src: &str) -> Result<Context, Error> {
        let raw: RawContext = crate::data::parse(file, src)?;
        crate::data::check_version(file, raw.version)?;
        let mut directions: Vec<(String, String)> = raw
            .directions
            .into_iter()
            .map(|(k, v)| (norm_name(&k), v))
            .collect();
        directions.sort_by_key(|d| core::cmp::Reverse(d.0.len()));
        let mut ctx = Context {
            locative: norm_set(raw.locative),
            agentive_before_from: norm_set(raw.agentive_before_from),
            classifiers: norm_set(raw.classifiers),
            unknown_classifiers: norm_set(raw.unknown_place_classifiers),
            name_prefixes: norm_set(raw.name_prefixes),
            not_names: norm_set(raw.not_names),
            directions,
            force_heads: norm_set(raw.demonyms.force_heads),
            place_heads: norm_set(raw.demonyms.place_heads),
            between: norm_set(raw.demonyms.between),
            variants: raw
                .variants
                .into_iter()
                .map(|v| v.forms.iter().map(|f| norm_name(f)).collect())
                .collect(),
            known: WordSet::default(),
            adjectives: WordTable::new(6, []),
        };
        ctx.known = [
            &ctx.locative,
            &ctx.classifiers,
            &ctx.unknown_classifiers,
            &ctx.force_heads,
            &ctx.place_heads,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        let bits = |w: &String| {
            let bit =
                |set: &WordSet, b: u8| if set.contains(w) { b } else { 0 };
            bit(&ctx.locative, adjective::LOCATIVE)
                | bit(&ctx.between, adjective::BETWEEN)
        };
        let words: WordSet =
            ctx.locative.iter().chain(&ctx.between).cloned().collect();
        let entries: Vec<(String, u8)> =
            words.into_iter().map(|w| (w.clone(), bits(&w))).collect();
        ctx.adjectives = WordTable::new(10, entries);
        Ok(ctx)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: u32,
    #[serde(default)]
    actor: Vec<RawEntry>,
    #[serde(default)]
    person: Vec<RawEntry>,
    #[serde(default)]
    place: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: toml::Spanned<String>,
    #[serde(rename = "type")]
    entry_type: toml::Spanned<String>,
    name_ar: String,
    #[serde(default)]
    aliases_ar: Vec<String>,
    name_en: toml::Spanned<String>,
    #[serde(default)]
    aliases_en: Vec<String>,
    parent: Option<String>,
    country: Option<String>,
    admin1: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    geonames_id: Option<u64>,
    valid_from: Option<String>,
    valid_to: Option<String>,
    #[serde(default)]
    weak_ar: Vec<String>,
    #[serde(default)]
    cued_ar: Vec<String>,
    #[serde(default)]
    demonyms_ar: Vec<String>,
    #[allow(dead_code)] // Documentation only.
    note: Option<String>,
    #[allow(dead_code)] // Documentation only.
    source: Option<String>,
}

/// Where an entry was defined, for error messages.
#[derive(Clone, Debug)]
struct Origin {
    file: String,
    line: usize,
    column: usize,
}

impl Origin {
    fn error(&self, id: &str, message: impl Into<String>) -> Error {
        Error::data(
            self.file.as_str(),
            Some(self.line),
            Some(self.column),
            Some(id.to_string()),
            message,
        )
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first day of that
/// period (`end = false`) or the first day after it (`end = true`; a full
/// date is itself the first day after).
fn parse_period(s: &str, end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    match parts.len() {
        1 => {
            let y = i32::try_from(num(0)?).ok()?;
            NaiveDate::from_ymd_opt(if end { y + 1 } else { y }, 1, 1)
        }
        2 => {
            let y = i32::try_from(num(0)?).ok()?;
            let m = num(1)?;
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            if !end {
                return Some(first);
            }
            if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), m + 1, 1)
            }
        }
        3 => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// One source of gazetteer data: a file name (for errors) and its text.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    pub(crate) name: String,
    /// Borrowed for the built-in files: their entries' strings are then
    /// shared by reference ([`SharedStr::from_static`]).
    pub(crate) text: Cow<'static, str>,
}

/// An entry's id, English name and type as slices of a `'static` source,
/// where the source writes them as plain quoted strings.
#[derive(Clone, Copy, Debug, Default)]
struct StaticStrings {
    id: Option<&'static str>,
    name_en: Option<&'static str>,
    entry_type: Option<&'static str>,
}

impl StaticStrings {
    /// The strings of `r` that `text`, its `'static` source if it has
    /// one, holds verbatim between quotes at their spans.
    fn of(text: Option<&'static str>, r: &RawEntry) -> StaticStrings {
        let Some(text) = text else {
            return StaticStrings::default();
        };
        let at = |v: &toml::Spanned<String>| {
            let inner =
                text.get(v.span())?.strip_prefix('"')?.strip_suffix('"')?;
            (inner == v.get_ref()).then_some(inner)
        };
        StaticStrings {
            id: at(&r.id),
            name_en: at(&r.name_en),
            entry_type: at(&r.entry_type),
        }
    }
}

/// The gazetteers of actors, persons and places, with the matcher built
/// over their names.
///
/// Get the one an extractor uses with
/// [`Extractor::gazetteer`](crate::Extractor::gazetteer).
///
/// ```
/// use hadath::EntityKind;
/// let ex = hadath::Extractor::builtin();
/// let g = ex.gazetteer();
/// assert_eq!(g.ancestors(EntityKind::Actor, "russia_aerospace"),
///            ["russia_forces", "russia_mod", "russia"]);
/// assert_eq!(g.governorate("tabqa"), Some("raqqa_governorate"));
/// ```
#[derive(Debug)]
pub struct Gazetteer {
    pub(crate) entries: Vec<Entry>,
    index: HashMap<(EntityKind, String), usize>,
    /// Ancestors of every entry, nearest first, as entry indices.
    pub(crate) ancestors: Vec<Vec<usize>>,
    /// The strings every mention of an entry carries, shared (by entry).
    pub(crate) strings: Vec<EntryStrings>,
    pub(crate) context: Context,
    pub(crate) matcher: Matcher,
    /// [`Entry::window_days`] of every entry, up to the latest
    /// valid_from/valid_to in the data.
    pub(crate) window_days: Vec<i64>,
}

/// The strings an entity of an entry carries, built once per entry so
/// that a mention only bumps reference counts.
#[derive(Debug, Clone)]
pub(crate) struct EntryStrings {
    pub(crate) id: SharedStr,
    pub(crate) ancestors: Arc<[SharedStr]>,
    pub(crate) name_en: SharedStr,
    pub(crate) entry_type: SharedStr,
    /// The governorate of a place (itself for a governorate).
    pub(crate) governorate: Option<SharedStr>,
}

/// [`line_col`] for offsets mostly in increasing order: newlines are
/// counted from the last offset asked on (from the start again when an
/// offset comes before it).
struct LineCursor<'s> {
    src: &'s str,
    /// The last offset asked (a char boundary), its line and the start of
    /// that line.
    at: usize,
    line: usize,
    line_start: usize,
}

impl<'s> LineCursor<'s> {
    fn new(src: &'s str) -> LineCursor<'s> {
        LineCursor { src, at: 0, line: 1, line_start: 0 }
    }

    /// 1-based line and column (in chars) of the byte offset `offset`, as
    /// [`line_col`].
    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        if !self.src.is_char_boundary(offset) {
            return line_col(self.src, offset);
        }
        if offset < self.at {
            *self = LineCursor::new(self.src);
        }
        let gap = self.src.as_bytes().get(self.at..offset).unwrap_or_default();
        for (i, &b) in gap.iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.at + i + 1;
            }
        }
        self.at = offset;
        let last = self.src.get(self.line_start..offset).unwrap_or_default();
        (self.line, last.chars().count() + 1)
    }
}

impl Gazetteer {
    /// Loads, merges and checks the sources (later sources add entries or
    /// replace entries with the same kind and id), then builds the matcher.
    pub(crate) fn load(
        sources: &[Source],
        context: Context,
    ) -> Result<Gazetteer, Error> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut origins: Vec<Origin> = Vec::new();
        let mut statics: Vec<StaticStrings> = Vec::new();
        let mut index: HashMap<(EntityKind, String), usize> = HashMap::new();
        for src in sources {
            let raw: RawFile = crate::data::parse(&src.name, &src.text)?;
            crate::data::check_version(&src.name, raw.version)?;
            let mut seen: HashSet<(EntityKind, String)> = HashSet::new();
            let tables = [
                (EntityKind::Actor, raw.actor),
                (EntityKind::Person, raw.person),
                (EntityKind::Place, raw.place),
            ];
            // Entries come in file order within a table: their lines are
            // counted on from the last one, not from the file's start.
            let mut lines = LineCursor::new(&src.text);
            let lent = match src.text {
                Cow::Borrowed(text) => Some(text),
                Cow::Owned(_) => None,
            };
            for (kind, list) in tables {
                for r in list {
                    let (line, column) = lines.line_col(r.id.span().start);
                    let origin =
                        Origin { file: src.name.clone(), line, column };
                    let fixed = StaticStrings::of(lent, &r);
                    let entry = check_entry(kind, r, &origin)?;
                    let key = (kind, entry.id.clone());
                    if !seen.insert(key.clone()) {
                        return Err(origin.error(
                            &entry.id,
                            format!("duplicate {} id", kind.as_str()),
                        ));
                    }
                    if let Some(&i) = index.get(&key) {
                        // `index` holds positions pushed below.
                        if let Some(slot) = entries.get_mut(i) {
                            *slot = entry;
                        }
                        if let Some(slot) = origins.get_mut(i) {
                            *slot = origin;
                        }
                        if let Some(slot) = statics.get_mut(i) {
                            *slot = fixed;
                        }
                    } else {
                        index.insert(key, entries.len());
                        entries.push(entry);
                        origins.push(origin);
                        statics.push(fixed);
                    }
                }
            }
        }
        let ancestors = resolve_parents(&entries, &origins, &index)?;
        check_alias_conflicts(&entries, &origins, &ancestors, &context)?;
        let matcher = Matcher::build(&entries, &context)?;
        let horizon = entries
            .iter()
            .flat_map(|e| [e.valid_from, e.valid_to])
            .flatten()
            .max()
            .unwrap_or_default();
        let window_days =
            entries.iter().map(|e| e.window_days(horizon)).collect();
        let mut g = Gazetteer {
            entries,
            index,
            ancestors,
            strings: Vec::new(),
            context,
            matcher,
            window_days,
        };
        g.strings = (0..g.entries.len())
            .map(|i| g.entry_strings(i, &statics))
            .collect();
        Ok(g)
    }

    /// Keeps the entries of `pool` valid on `date`, unless none is (then
    /// the pool stays as it is: an out-of-date name still names someone).
    pub(crate) fn keep_valid_on(
        &self,
        pool: &mut Vec<usize>,
        date: Option<chrono::NaiveDate>,
    ) {
        let Some(date) = date else { return };
        let valid =
            |i: &usize| self.entries.get(*i).is_some_and(|e| e.valid_on(date));
        if pool.iter().any(valid) {
            pool.retain(valid);
        }
    }

    /// The index of the entry with this kind and id.
    pub(crate) fn entry_index(
        &self,
        kind: EntityKind,
        id: &str,
    ) -> Option<usize> {
        self.index.get(&(kind, id.to_string())).copied()
    }

    /// The entry of that kind and id.
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// let p = ex.gazetteer().get(hadath::EntityKind::Place, "raqqa").unwrap();
    /// assert_eq!(p.geonames_id, Some(172955));
    /// assert!(ex.gazetteer().get(hadath::EntityKind::Place, "atlantis").is_none());
    /// ```
    pub fn get(&self, kind: EntityKind, id: &str) -> Option<&Entry> {
        self.index
            .get(&(kind, id.to_string()))
            .and_then(|&i| self.entries.get(i))
    }

    /// The number of patterns in the matcher's automaton (names, their
    /// spelling variants, contracted forms and demonyms).
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// assert!(ex.gazetteer().pattern_count() > ex.gazetteer().entries().len());
    /// ```
    pub fn pattern_count(&self) -> usize {
        self.matcher.len()
    }

    /// All entries, in load order.
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// assert!(ex.gazetteer().entries().len() > 200);
    /// ```
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The ids of the entry's ancestors, nearest first (empty when the
    /// entry is unknown). A person's ancestors are its actor and theirs.
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// let g = ex.gazetteer();
    /// assert_eq!(g.ancestors(hadath::EntityKind::Person, "rami_abdulrahman"), ["sohr"]);
    /// assert_eq!(g.ancestors(hadath::EntityKind::Place, "raqqa"),
    ///            ["raqqa_governorate", "syria"]);
    /// ```
    pub fn ancestors(&self, kind: EntityKind, id: &str) -> Vec<&str> {
        self.index
            .get(&(kind, id.to_string()))
            .map(|&i| self.ancestor_ids(i))
            .unwrap_or_default()
    }

    pub(crate) fn ancestor_ids(&self, i: usize) -> Vec<&str> {
        self.ancestors
            .get(i)
            .map(|a| {
                a.iter()
                    .filter_map(|&j| self.entries.get(j))
                    .map(|e| e.id.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The governorate a place lies in: the nearest governorate among the
    /// place and its ancestors.
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// assert_eq!(ex.gazetteer().governorate("raqqa_governorate"), Some("raqqa_governorate"));
    /// assert_eq!(ex.gazetteer().governorate("moscow"), None);
    /// ```
    pub fn governorate(&self, place_id: &str) -> Option<&str> {
        let &i = self.index.get(&(EntityKind::Place, place_id.to_string()))?;
        self.governorate_of(i)
            .and_then(|g| self.entries.get(g))
            .map(|e| e.id.as_str())
    }

    /// The strings of entry `i`, by reference where `statics` has them.
    fn entry_strings(
        &self,
        i: usize,
        statics: &[StaticStrings],
    ) -> EntryStrings {
        let fixed = |j: usize| statics.get(j).copied().unwrap_or_default();
        let shared = |s: Option<&'static str>, or: &str| {
            s.map_or_else(|| SharedStr::from(or), SharedStr::from_static)
        };
        let id =
            |j: usize| self.entries.get(j).map(|e| shared(fixed(j).id, &e.id));
        let e = self.entries.get(i);
        EntryStrings {
            id: id(i).unwrap_or_else(|| SharedStr::from("")),
            ancestors: self
                .ancestors
                .get(i)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|&j| id(j))
                .collect(),
            name_en: shared(fixed(i).name_en, e.map_or("", |e| &e.name_en)),
            entry_type: shared(
                fixed(i).entry_type,
                e.map_or("", |e| &e.entry_type),
            ),
            governorate: self.governorate_of(i).and_then(id),
        }
    }

    pub(crate) fn governorate_of(&self, i: usize) -> Option<usize> {
        let chain = core::iter::once(i)
            .chain(self.ancestors.get(i).into_iter().flatten().copied());
        for j in chain {
            let e = self.entries.get(j)?;
            if e.kind == EntityKind::Place && e.entry_type == "governorate" {
                return Some(j);
            }
        }
        None
    }

    pub(crate) fn index_of(
        &self,
        kind: EntityKind,
        id: &str,
    ) -> Option<usize> {
        self.index.get(&(kind, id.to_string())).copied()
    }

    /// Whether entry `a` has `b` among its ancestors.
    pub(crate) fn is_ancestor(&self, b: usize, a: usize) -> bool {
        self.ancestors.get(a).is_some_and(|v| v.contains(&b))
    }

    /// A Markdown list of every id, by kind (the `gazetteers/IDS.md` file).
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// assert!(ex.gazetteer().ids_markdown().contains("| `sdf` |"));
    /// ```
    pub fn ids_markdown(&self) -> String {
        let mut out = String::from(
            "# Built-in gazetteer ids\n\nGenerated from `gazetteers/*.toml` \
             by `cargo test` (test `ids_md_is_current`); do not edit.\n",
        );
        for kind in [EntityKind::Actor, EntityKind::Person, EntityKind::Place]
        {
            out.push_str(&format!(
                "\n## {}\n\n| id | type | name | English | parent |\n\
                 |---|---|---|---|---|\n",
                kind.as_str()
            ));
            let mut list: Vec<&Entry> =
                self.entries.iter().filter(|e| e.kind == kind).collect();
            list.sort_by(|a, b| a.id.cmp(&b.id));
            for e in list {
                out.push_str(&format!(
                    "| `{}` | {} | {} | {} | {} |\n",
                    e.id,
                    e.entry_type,
                    e.name_ar,
                    e.name_en.replace('|', "/"),
                    e.parent
                        .as_deref()
                        .map(|p| format!("`{p}`"))
                        .unwrap_or_default()
                ));
            }
        }
        out
    }
}

fn check_entry(
    kind: EntityKind,
    r: RawEntry,
    origin: &Origin,
) -> Result<Entry, Error> {
    let id = r.id.into_inner();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(origin.error(&id, "id must be non-empty [a-z0-9_]"));
    }
    if norm_name(&r.name_ar).is_empty() {
        return Err(origin.error(&id, "empty name_ar"));
    }
    if let Some(a) = r.aliases_ar.iter().find(|a| norm_name(a).is_empty()) {
        return Err(origin.error(&id, format!("empty alias {a:?}")));
    }
    if r.entry_type.get_ref().trim().is_empty() {
        return Err(origin.error(&id, "empty type"));
    }
    let date = |s: &Option<String>, end: bool, field: &str| {
        s.as_deref()
            .map(|v| {
                parse_period(v, end).ok_or_else(|| {
                    origin.error(
                        &id,
                        format!(
                            "bad {field} {v:?}: expected YYYY, YYYY-MM or \
                             YYYY-MM-DD"
                        ),
                    )
                })
            })
            .transpose()
    };
    let valid_from = date(&r.valid_from, false, "valid_from")?;
    let valid_to = date(&r.valid_to, true, "valid_to")?;
    if let (Some(f), Some(t)) = (valid_from, valid_to) {
        if t <= f {
            return Err(origin.error(&id, "valid_to is not after valid_from"));
        }
    }
    if r.lat.is_some_and(|v| !(-90.0..=90.0).contains(&v))
        || r.lon.is_some_and(|v| !(-180.0..=180.0).contains(&v))
    {
        return Err(origin.error(&id, "lat/lon out of range"));
    }
    let names: HashSet<String> = core::iter::once(&r.name_ar)
        .chain(&r.aliases_ar)
        .map(|s| norm_name(s))
        .collect();
    let flagged = |list: &[String], what: &str| {
        let mut set = HashSet::new();
        for w in list {
            let n = norm_name(w);
            if !names.contains(&n) {
                return Err(origin.error(
                    &id,
                    format!("{what} {w:?} is not one of the entry's names"),
                ));
            }
            set.insert(n);
        }
        Ok(set)
    };
    let weak = flagged(&r.weak_ar, "weak_ar")?;
    let cued = flagged(&r.cued_ar, "cued_ar")?;
    Ok(Entry {
        kind,
        id,
        entry_type: r.entry_type.into_inner(),
        name_ar: r.name_ar,
        aliases_ar: r.aliases_ar,
        name_en: r.name_en.into_inner(),
        aliases_en: r.aliases_en,
        parent: r.parent.filter(|p| !p.is_empty()),
        country: r.country,
        admin1: r.admin1,
        lat: r.lat,
        lon: r.lon,
        geonames_id: r.geonames_id,
        valid_from,
        valid_to,
        demonyms_ar: r.demonyms_ar,
        weak,
        cued,
    })
}

fn resolve_parents(
    entries: &[Entry],
    origins: &[Origin],
    index: &HashMap<(EntityKind, String), usize>,
) -> Result<Vec<Vec<usize>>, Error> {
    let parent_of = |i: usize| -> Result<Option<usize>, Error> {
        let Some(e) = entries.get(i) else { return Ok(None) };
        let Some(p) = &e.parent else { return Ok(None) };
        let pkind = match e.kind {
            EntityKind::Place => EntityKind::Place,
            _ => EntityKind::Actor,
        };
        let found = index.get(&(pkind, p.clone())).copied().or_else(|| {
            (e.kind == EntityKind::Person)
                .then(|| index.get(&(EntityKind::Person, p.clone())).copied())
                .flatten()
        });
        match found {
            Some(j) => Ok(Some(j)),
            None => Err(origins.get(i).map_or_else(
                || Error::data("<gazetteer>", None, None, None, "bad parent"),
                |o| {
                    o.error(
                        &e.id,
                        format!(
                            "unknown parent {p:?} (no {} with that id)",
                            pkind.as_str()
                        ),
                    )
                },
            )),
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for i in 0..entries.len() {
        let mut chain = Vec::new();
        let mut cur = parent_of(i)?;
        while let Some(j) = cur {
            if j == i || chain.contains(&j) {
                let e = entries.get(i).map(|e| e.id.as_str()).unwrap_or("");
                return Err(origins.get(i).map_or_else(
                    || Error::data("<gazetteer>", None, None, None, "cycle"),
                    |o| o.error(e, "the parent chain loops back to the entry"),
                ));
            }
            chain.push(j);
            cur = parent_of(j)?;
        }
        out.push(chain);
    }
    Ok(out)
}

/// The normalized names of an entry with their spelling variants.
pub(crate) fn name_forms(e: &Entry, context: &Context) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in e.names_ar() {
        for v in spelling_variants(&norm_name(name), context) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// A normalized name with each word replaced by its variant forms (at most
/// 16 combinations).
pub(crate) fn spelling_variants(name: &str, context: &Context) -> Vec<String> {
    let mut out = vec![String::new()];
    for (k, word) in name.split(' ').enumerate() {
        let forms: Vec<&str> = context
            .variants
            .iter()
            .find(|g| g.iter().any(|f| f == word))
            .map(|g| g.iter().map(String::as_str).collect())
            .unwrap_or_else(|| vec![word]);
        let mut next = Vec::new();
        for prefix in &out {
            for f in &forms {
                if next.len() >= 16 {
                    break;
                }
                let mut s = prefix.clone();
                if k > 0 {
                    s.push(' ');
                }
                s.push_str(f);
                next.push(s);
            }
        }
        out = next;
    }
    out
}

fn check_alias_conflicts(
    entries: &[Entry],
    origins: &[Origin],
    ancestors: &[Vec<usize>],
    context: &Context,
) -> Result<(), Error> {
    let mut claims: HashMap<(EntityKind, bool, String), Vec<usize>> =
        HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for n in name_forms(e, context) {
            let v = claims.entry((e.kind, false, n)).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
        for d in &e.demonyms_ar {
            for n in spelling_variants(&norm_name(d), context) {
                let v = claims.entry((e.kind, true, n)).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
    }
    let related = |a: usize, b: usize| {
        ancestors.get(a).is_some_and(|v| v.contains(&b))
            || ancestors.get(b).is_some_and(|v| v.contains(&a))
    };
    let mut keys: Vec<_> = claims.keys().cloned().collect();
    keys.sort();
    for key in keys {
        let Some(list) = claims.get(&key) else { continue };
        for (x, &a) in list.iter().enumerate() {
            for &b in list.iter().skip(x + 1) {
                let (Some(ea), Some(eb)) = (entries.get(a), entries.get(b))
                else {
                    continue;
                };
                if ea.overlaps(eb) && !related(a, b) {
                    let what = if key.1 { "demonym" } else { "alias" };
                    let msg = format!(
                        "{what} {:?} is also claimed by {} {:?}; give the \
                         two entries disjoint valid_from/valid_to or drop \
                         one claim",
                        key.2,
                        ea.kind.as_str(),
                        ea.id
                    );
                    return Err(origins.get(b).map_or_else(
                        || {
                            Error::data(
                                "<gazetteer>",
                                None,
                                None,
                                None,
                                msg.clone(),
                            )
                        },
                        |o| o.error(&eb.id, msg.clone()),
                    ));
                }
            }
        }
    }
    Ok(())
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

    macro_rules! period {
        ($name:ident, $s:expr, $end:expr, $want:expr) => {
            #[test]
            fn $name() {
                let want: Option<&str> = $want;
                assert_eq!(
                    parse_period($s, $end),
                    want.map(|w| w.parse::<NaiveDate>().unwrap())
                );
            }
        };
    }
    period!(year_from, "2015", false, Some("2015-01-01"));
    period!(year_to, "2015", true, Some("2016-01-01"));
    period!(month_to, "2016-11", true, Some("2016-12-01"));
    period!(december_to, "2024-12", true, Some("2025-01-01"));
    period!(day_to, "2024-12-08", true, Some("2024-12-08"));
    period!(bad_month, "2024-13", false, None);
    period!(garbage, "soon", false, None);

    /// The cursor answers `line_col` for offsets in increasing order (every
    /// entry id of the built-in files, and every offset of a text with
    /// Arabic, empty lines and a last line without a newline), going back,
    /// off a char boundary and past the end.
    #[test]
    fn line_cursor_is_line_col() {
        let files = [
            include_str!("../../gazetteers/actors.toml"),
            include_str!("../../gazetteers/places.toml"),
        ];
        for src in files {
            let raw: RawFile = crate::data::parse("t", src).unwrap();
            let mut c = LineCursor::new(src);
            let lists = [raw.actor, raw.person, raw.place];
            let mut n = 0;
            for r in lists.iter().flatten() {
                let at = r.id.span().start;
                assert_eq!(c.line_col(at), line_col(src, at), "{at}");
                n += 1;
            }
            assert!(n > 100);
        }
        let text = "a\nقصف ب\n\n\nالرقة x\nend";
        let mut c = LineCursor::new(text);
        for at in 0..text.len() + 3 {
            assert_eq!(c.line_col(at), line_col(text, at), "{at}");
        }
        for at in [9, 3, 0, 17, 4, 40, 2] {
            assert_eq!(c.line_col(at), line_col(text, at), "{at}");
        }
    }

    #[test]
    fn variants_multiply_per_word() {
        let ctx = Context::from_toml(
            "t",
            "version = 1\nlocative=[]\nagentive_before_from=[]\nclassifiers=[]\n\
             unknown_place_classifiers=[]\nname_prefixes=[]\nnot_names=[]\n\
             [directions]\n[demonyms]\nforce_heads=[]\nplace_heads=[]\n\
             between=[]\n[[variants]]\nforms=[\"سوريا\",\"سورية\"]\n\
             [[variants]]\nforms=[\"الديمقراطية\",\"الديموقراطية\"]\n",
        )
        .unwrap();
        let v = spelling_variants(&norm_name("قوات سوريا الديمقراطية"), &ctx);
        assert_eq!(v.len(), 4);
        assert!(v.contains(&norm_name("قوات سورية الديموقراطية")));
    }

    /// A `'static` source's entry strings point into it where it writes
    /// them plainly; escaped ones and an owned source's are copies, with
    /// the same values.
    #[test]
    fn static_sources_lend_their_strings() {
        static FILE: &str = "version = 1\n\
            [[place]]\nid = \"g\"\ntype = \"governorate\"\n\
            name_ar = \"الرقة\"\nname_en = \"Raqqa Governorate\"\n\
            [[place]]\nid = \"r\"\ntype = 'city'\nname_ar = \"الطبقة\"\n\
            name_en = \"Ta\\u0062qa\"\nparent = \"g\"\n";
        let ctx = crate::Extractor::builtin().gazetteer().context.clone();
        let inside =
            |s: &str| FILE.as_bytes().as_ptr_range().contains(&s.as_ptr());
        for text in [Cow::Borrowed(FILE), Cow::Owned(FILE.to_string())] {
            let lent = matches!(text, Cow::Borrowed(_));
            let src = Source { name: "t.toml".into(), text };
            let g = Gazetteer::load(&[src], ctx.clone()).unwrap();
            let [gov, city] = &g.strings[..] else { panic!("two entries") };
            assert_eq!(gov.id, "g");
            assert_eq!(gov.name_en, "Raqqa Governorate");
            assert_eq!(gov.entry_type, "governorate");
            assert_eq!(city.id, "r");
            assert_eq!(city.name_en, "Tabqa");
            assert_eq!(city.entry_type, "city");
            assert_eq!(city.governorate.as_deref(), Some("g"));
            assert_eq!(&city.ancestors[..], ["g"]);
            for s in [&gov.id, &gov.name_en, &gov.entry_type, &city.id] {
                assert_eq!(inside(s), lent, "{s}");
            }
            assert_eq!(inside(&city.ancestors[0]), lent);
            // A literal string and an escape are not read from the source.
            assert!(!inside(&city.entry_type));
            assert!(!inside(&city.name_en));
        }
    }

    /// Every built-in entry's strings are lent by the built-in files.
    #[test]
    fn builtin_entry_strings_are_lent() {
        let ex = crate::Extractor::builtin();
        let strings = &ex.gazetteer().strings;
        assert!(strings.len() > 200);
        let lent = |s: &SharedStr| {
            let ptr = s.as_ptr();
            [
                crate::extractor::BUILTIN_ACTORS,
                crate::extractor::BUILTIN_PLACES,
            ]
            .iter()
            .any(|f| f.as_bytes().as_ptr_range().contains(&ptr))
        };
        for s in strings {
            assert!(lent(&s.id) && lent(&s.name_en) && lent(&s.entry_type));
        }
    }
}
