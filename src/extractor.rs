//! The pipeline: [`Extractor`], its builder, and [`Input`].
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::document::{CharIndex, Document, Loc};
use crate::text::{self, ChromeKind, Normalized, Sentence};
use crate::{Error, LocText, Span};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use core::fmt;
use core::ops::Range;
use once_cell::sync::Lazy;
use std::sync::Arc;

/// The date an article was published: the anchor for relative times.
///
/// Parsed with [`str::parse`] from `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM[:SS]`; anything else is an
/// [`ErrorKind::InvalidDate`](crate::ErrorKind::InvalidDate).
///
/// ```
/// use hadath::DocumentDate;
/// let d: DocumentDate = "2017-06-01".parse().unwrap();
/// assert_eq!(d.to_string(), "2017-06-01");
/// let t: DocumentDate = "2017-06-01T14:30".parse().unwrap();
/// assert_eq!(t.to_string(), "2017-06-01T14:30:00");
/// assert!("01/06/2017".parse::<DocumentDate>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentDate {
    /// A calendar date.
    Date(NaiveDate),
    /// A date with a time of day.
    DateTime(NaiveDateTime),
}

impl DocumentDate {
    /// The calendar date.
    ///
    /// ```
    /// let d: hadath::DocumentDate = "2017-06-01T08:00".parse().unwrap();
    /// assert_eq!(d.date().to_string(), "2017-06-01");
    /// ```
    pub fn date(&self) -> NaiveDate {
        match self {
            DocumentDate::Date(d) => *d,
            DocumentDate::DateTime(dt) => dt.date(),
        }
    }

    /// The date and time (midnight for a plain date).
    ///
    /// ```
    /// let d: hadath::DocumentDate = "2017-06-01".parse().unwrap();
    /// assert_eq!(d.datetime().to_string(), "2017-06-01 00:00:00");
    /// ```
    pub fn datetime(&self) -> NaiveDateTime {
        match self {
            DocumentDate::Date(d) => d.and_time(chrono::NaiveTime::MIN),
            DocumentDate::DateTime(dt) => *dt,
        }
    }
}

impl core::str::FromStr for DocumentDate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(DocumentDate::Date(d));
        }
        for fmt in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
                return Ok(DocumentDate::DateTime(dt));
            }
        }
        Err(Error::invalid_date(s))
    }
}

impl fmt::Display for DocumentDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentDate::Date(d) => f.write_str(&crate::time::iso_string(
                d.and_time(NaiveTime::MIN),
                false,
            )),
            DocumentDate::DateTime(dt) => {
                f.write_str(&crate::time::iso_string(*dt, true))
            }
        }
    }
}

impl From<NaiveDate> for DocumentDate {
    fn from(d: NaiveDate) -> Self {
        DocumentDate::Date(d)
    }
}

impl From<NaiveDateTime> for DocumentDate {
    fn from(dt: NaiveDateTime) -> Self {
        DocumentDate::DateTime(dt)
    }
}

/// One article to extract from: its text and, optionally, its date.
///
/// `&str` converts into an `Input` with no date, so
/// `extractor.extract("...")` just works.
///
/// ```
/// use hadath::{Extractor, Input};
/// let input = Input::new("قصف الرقة أمس.").with_date("2017-06-01".parse().unwrap());
/// let doc = Extractor::builtin().extract(input);
/// assert_eq!(doc.date.as_deref(), Some("2017-06-01"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Input<'t> {
    text: &'t str,
    date: Option<DocumentDate>,
}

impl<'t> Input<'t> {
    /// An input with no date: relative times stay unresolved.
    pub fn new(text: &'t str) -> Input<'t> {
        Input { text, date: None }
    }

    /// Checks that `bytes` are UTF-8 and makes an input of them.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8), with the
    /// byte offset of the first invalid byte.
    ///
    /// ```
    /// assert!(hadath::Input::from_bytes("قصف".as_bytes()).is_ok());
    /// let err = hadath::Input::from_bytes(b"\xd9").unwrap_err();
    /// assert_eq!(err.to_string(), "invalid UTF-8 at byte offset 0");
    /// ```
    pub fn from_bytes(bytes: &'t [u8]) -> Result<Input<'t>, Error> {
        match core::str::from_utf8(bytes) {
            Ok(text) => Ok(Input::new(text)),
            Err(e) => Err(Error::invalid_utf8(e.valid_up_to())),
        }
    }

    /// Sets the document date.
    pub fn with_date(mut self, date: DocumentDate) -> Input<'t> {
        self.date = Some(date);
        self
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The document date, if set.
    pub fn date(&self) -> Option<DocumentDate> {
        self.date
    }
}

impl<'t> From<&'t str> for Input<'t> {
    fn from(text: &'t str) -> Input<'t> {
        Input::new(text)
    }
}

impl<'t> From<&'t String> for Input<'t> {
    fn from(text: &'t String) -> Input<'t> {
        Input::new(text)
    }
}

/// Turns Arabic news text into a [`Document`] of entities, quantities,
/// times and events.
///
/// Build it once and share it: it is `Send + Sync`, and cloning it is
/// cheap (the data behind it is reference-counted).
///
/// ```
/// let extractor = hadath::Extractor::builtin();
/// let doc = extractor.extract("قصفت الطائرات الروسية الرقة.");
/// assert_eq!(doc.sentences.len(), 1);
/// ```
#[derive(Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

struct Inner {
    chrome: text::ChromeLexicon,
    events: crate::event::EventLexicon,
    gazetteer: crate::Gazetteer,
}

impl fmt::Debug for Extractor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extractor").finish_non_exhaustive()
    }
}

const BUILTIN_CHROME: &str = include_str!("../gazetteers/chrome.toml");
const BUILTIN_EVENTS: &str = include_str!("../gazetteers/events.toml");
pub(crate) static BUILTIN_ACTORS: &str =
    include_str!("../gazetteers/actors.toml");
pub(crate) static BUILTIN_PLACES: &str =
    include_str!("../gazetteers/places.toml");
const BUILTIN_CONTEXT: &str = include_str!("../gazetteers/context.toml");

static BUILTIN: Lazy<Extractor> = Lazy::new(|| {
    // The built-in data is checked by the test suite; failing here would
    // be a bug in the crate, not in anyone's input.
    #[allow(clippy::expect_used)]
    ExtractorBuilder::new().build().expect("built-in data is valid")
});

impl Extractor {
    /// The extractor with the built-in gazetteers and lexicons.
    ///
    /// The data is parsed once per process; later calls clone a handle.
    pub fn builtin() -> Extractor {
        BUILTIN.clone()
    }

    /// The gazetteers of actors, persons and places this extractor uses.
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// assert!(ex.gazetteer().get(hadath::EntityKind::Actor, "sdf").is_some());
    /// ```
    pub fn gazetteer(&self) -> &crate::Gazetteer {
        &self.inner.gazetteer
    }

    /// A builder, to add or replace data files.
    ///
    /// ```
    /// let ex = hadath::Extractor::builder().build().unwrap();
    /// assert!(ex.extract("نص").events.is_empty());
    /// ```
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Extracts everything from one article.
    ///
    /// ```
    /// let doc = hadath::Extractor::builtin().extract("عنوان\nنص المقال.");
    /// assert_eq!(doc.sentences.len(), 2);
    /// ```
    pub fn extract<'t>(&self, input: impl Into<Input<'t>>) -> Document {
        let input = input.into();
        let prepared = self.prepare(input);
        let entities = self.entities(&prepared);
        let quantities = crate::number::extract(&prepared);
        let times = crate::time::extract(&prepared);
        let events = self.events(&prepared, &entities, &quantities, &times);
        let mut scratch = AssembleScratch::default();
        self.assemble(
            &mut scratch,
            input,
            &prepared,
            entities,
            quantities,
            times,
            events,
        )
    }

    /// Extracts everything from several articles: the same documents as
    /// [`Extractor::extract`] on each, in order, but faster.
    ///
    /// Each stage runs over all the articles before the next stage starts,
    /// so its code and tables stay in the CPU caches instead of being
    /// evicted by the other stages after every article. On the seeds, a
    /// batch of a few hundred articles runs about a third faster than one
    /// `extract` call per article (`BENCHMARKS.md`). Everything the stages
    /// find for the whole batch is held at once, so keep batches to what
    /// memory allows.
    ///
    /// ```
    /// let ex = hadath::Extractor::builtin();
    /// let articles = ["قصفت طائرات التحالف الرقة.", "اشتباكات في منبج."];
    /// let docs = ex.extract_many(articles);
    /// assert_eq!(docs.len(), 2);
    /// assert_eq!(docs[1], ex.extract(articles[1]));
    /// ```
    pub fn extract_many<'t, I>(&self, inputs: I) -> Vec<Document>
    where
        I: IntoIterator,
        I::Item: Into<Input<'t>>,
    {
        let inputs: Vec<Input<'t>> =
            inputs.into_iter().map(Into::into).collect();
        let prepared: Vec<Prepared<'t>> =
            inputs.iter().map(|&i| self.prepare(i)).collect();
        let entities: Vec<_> =
            prepared.iter().map(|p| self.entities(p)).collect();
        let quantities: Vec<_> =
            prepared.iter().map(crate::number::extract).collect();
        let times: Vec<_> =
            prepared.iter().map(crate::time::extract).collect();
        let events: Vec<_> = (prepared.iter().zip(&entities))
            .zip(quantities.iter().zip(&times))
            .map(|((p, e), (q, t))| self.events(p, e, q, t))
            .collect();
        let found = (entities.into_iter().zip(quantities))
            .zip(times.into_iter().zip(events));
        // One set of working tables for the batch's document merges.
        let mut scratch = AssembleScratch::default();
        (inputs.into_iter().zip(&prepared))
            .zip(found)
            .map(|((input, p), ((e, q), (t, ev)))| {
                self.assemble(&mut scratch, input, p, e, q, t, ev)
            })
            .collect()
    }

    /// The [`Document`] of a prepared article and what the stages found,
    /// with working tables kept across the documents of a batch.
    #[allow(clippy::too_many_arguments)]
    fn assemble(
        &self,
        scratch: &mut AssembleScratch,
        input: Input<'_>,
        prepared: &Prepared<'_>,
        entities: Vec<crate::Entity>,
        quantities: Vec<crate::Quantity>,
        times: Vec<crate::TimeMention>,
        events: Vec<crate::Event>,
    ) -> Document {
        let chrome = prepared.chrome_lines();
        let sentences = prepared.public_sentences();
        prepared.repeated_sentences(&mut scratch.repeats);
        // The sentence texts read in place from the public sentences.
        let document_events = crate::event::merge_with(
            &mut scratch.merge,
            &events,
            sentences.len(),
            |i| sentences.get(i).map(|s| s.loc.text.as_str()),
            &scratch.repeats,
        );
        Document {
            date: input.date.map(|d| d.to_string()),
            len: input.text.len(),
            sentences,
            chrome,
            entities,
            quantities,
            times,
            events,
            document_events,
        }
    }
}

/// The stages of [`Extractor::extract`], one by one (used by the stage
/// benchmarks; `hadath::__stages` exposes them).
impl Extractor {
    pub(crate) fn prepare<'t>(&self, input: Input<'t>) -> Prepared<'t> {
        Prepared::new(input, &self.inner)
    }

    pub(crate) fn entities(&self, p: &Prepared<'_>) -> Vec<crate::Entity> {
        crate::gazetteer::extract(p, &self.inner.gazetteer)
    }

    pub(crate) fn events(
        &self,
        p: &Prepared<'_>,
        entities: &[crate::Entity],
        quantities: &[crate::Quantity],
        times: &[crate::TimeMention],
    ) -> Vec<crate::Event> {
        crate::event::extract(
            p,
            &self.inner.events,
            &self.inner.gazetteer,
            entities,
            quantities,
            times,
        )
    }
}

/// Builds an [`Extractor`], optionally with data of your own.
#[derive(Debug, Default)]
pub struct ExtractorBuilder {
    chrome: Option<(String, String)>,
    events: Option<(String, String)>,
    gazetteers: Vec<crate::gazetteer::Source>,
    gazetteer_errors: Vec<Error>,
}

impl ExtractorBuilder {
    /// A builder with the built-in data.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Replaces the page-chrome vocabulary with a TOML string in the
    /// format of `gazetteers/chrome.toml`. `name` is used in errors.
    ///
    /// ```
    /// let err = hadath::Extractor::builder()
    ///     .chrome_str("mine.toml", "version = 1\nwidget_words = [")
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("mine.toml:2:"));
    /// ```
    pub fn chrome_str(
        &mut self,
        name: impl Into<String>,
        toml: impl Into<String>,
    ) -> &mut ExtractorBuilder {
        self.chrome = Some((name.into(), toml.into()));
        self
    }

    /// Replaces the event vocabulary (triggers and cues) with a TOML
    /// string in the format of `gazetteers/events.toml`. `name` is used in
    /// errors.
    ///
    /// ```
    /// let builtin = include_str!("../gazetteers/events.toml");
    /// // Make "قنص" (sniping) a shelling trigger too.
    /// let mine = builtin.replace(
    ///     "nouns = [\"قذائف\"",
    ///     "nouns = [\"قنص\", \"قذائف\"",
    /// );
    /// let ex = hadath::Extractor::builder()
    ///     .events_str("mine.toml", mine)
    ///     .build()
    ///     .unwrap();
    /// # let _ = ex;
    /// let err = hadath::Extractor::builder()
    ///     .events_str("bad.toml", "version = 2")
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("bad.toml"));
    /// ```
    pub fn events_str(
        &mut self,
        name: impl Into<String>,
        toml: impl Into<String>,
    ) -> &mut ExtractorBuilder {
        self.events = Some((name.into(), toml.into()));
        self
    }

    /// Adds a gazetteer as a TOML string in the format of
    /// `gazetteers/actors.toml` / `places.toml` (`[[actor]]`, `[[person]]`
    /// and `[[place]]` tables). Its entries are added to the built-in ones;
    /// an entry with the kind and id of an existing one replaces it. `name`
    /// is used in errors.
    ///
    /// ```
    /// let toml = r#"
    /// version = 1
    /// [[place]]
    /// id = "hisha_new"
    /// type = "village"
    /// name_ar = "قرية الهيشة الجديدة"
    /// name_en = "New Hisha"
    /// parent = "raqqa_governorate"
    /// "#;
    /// let ex = hadath::Extractor::builder().gazetteer_str("mine.toml", toml).build()?;
    /// let doc = ex.extract("وصلوا إلى قرية الهيشة الجديدة");
    /// assert_eq!(doc.entities[0].id.as_deref(), Some("hisha_new"));
    /// let err = hadath::Extractor::builder()
    ///     .gazetteer_str("bad.toml", "version = 1\n[[place]]\nid = \"x\"\n")
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("bad.toml:2:"));
    /// # Ok::<(), hadath::Error>(())
    /// ```
    pub fn gazetteer_str(
        &mut self,
        name: impl Into<String>,
        toml: impl Into<String>,
    ) -> &mut ExtractorBuilder {
        self.gazetteers.push(crate::gazetteer::Source {
            name: name.into(),
            text: std::borrow::Cow::Owned(toml.into()),
        });
        self
    }

    /// Adds a gazetteer file (see [`ExtractorBuilder::gazetteer_str`]).
    /// A file that cannot be read is reported by [`ExtractorBuilder::build`].
    ///
    /// ```
    /// let err = hadath::Extractor::builder()
    ///     .gazetteer_file("/no/such/file.toml")
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("/no/such/file.toml:"));
    /// ```
    pub fn gazetteer_file(
        &mut self,
        path: impl AsRef<std::path::Path>,
    ) -> &mut ExtractorBuilder {
        let path = path.as_ref();
        match std::fs::read_to_string(path) {
            Ok(text) => {
                self.gazetteers.push(crate::gazetteer::Source {
                    name: path.display().to_string(),
                    text: std::borrow::Cow::Owned(text),
                });
            }
            Err(e) => self.gazetteer_errors.push(Error::io(path, &e)),
        }
        self
    }

    /// Builds the extractor, checking all data.
    ///
    /// # Errors
    ///
    /// * [`ErrorKind::Data`](crate::ErrorKind::Data) when a chrome, event
    ///   or gazetteer source is malformed (bad TOML, an unknown version,
    ///   a duplicate or dangling id ...), naming the source, the line and
    ///   column when known, and the entry;
    /// * [`ErrorKind::Io`](crate::ErrorKind::Io) when a file given to
    ///   [`ExtractorBuilder::gazetteer_file`] could not be read.
    pub fn build(&self) -> Result<Extractor, Error> {
        let chrome = match &self.chrome {
            Some((name, src)) => text::ChromeLexicon::from_toml(name, src)?,
            None => text::ChromeLexicon::from_toml(
                "gazetteers/chrome.toml",
                BUILTIN_CHROME,
            )?,
        };
        let events = match &self.events {
            Some((name, src)) => {
                crate::event::EventLexicon::from_toml(name, src)?
            }
            None => crate::event::EventLexicon::from_toml(
                "gazetteers/events.toml",
                BUILTIN_EVENTS,
            )?,
        };
        if let Some(e) = self.gazetteer_errors.first() {
            return Err(e.clone());
        }
        let context = crate::gazetteer::Context::from_toml(
            "gazetteers/context.toml",
            BUILTIN_CONTEXT,
        )?;
        let mut sources = vec![
            crate::gazetteer::Source {
                name: "gazetteers/actors.toml".into(),
                text: BUILTIN_ACTORS.into(),
            },
            crate::gazetteer::Source {
                name: "gazetteers/places.toml".into(),
                text: BUILTIN_PLACES.into(),
            },
        ];
        sources.extend(self.gazetteers.iter().cloned());
        let gazetteer = crate::Gazetteer::load(&sources, context)?;
        Ok(Extractor { inner: Arc::new(Inner { chrome, events, gazetteer }) })
    }
}

/// What [`Extractor::assemble`] keeps across the documents of a batch:
/// the document merge's tables and the list of repeated sentences, so
/// that each document clears them instead of allocating its own.
#[derive(Debug, Default)]
struct AssembleScratch {
    merge: crate::event::MergeScratch,
    repeats: Vec<(usize, usize)>,
}

/// A sentence as the stages see it.
#[derive(Clone, Debug)]
pub(crate) struct SentenceInfo {
    /// Byte range in the normalized text.
    pub(crate) norm: Range<usize>,
    /// 0-based line (paragraph) index.
    pub(crate) line: usize,
    /// Why the line is chrome, if it is.
    pub(crate) chrome: Option<ChromeKind>,
    /// Its words: a range of [`Prepared::words`].
    pub(crate) words: Range<usize>,
}

/// The shared state of one extraction: the original text, its
/// normalization and segmentation. Stages read it; none changes it.
pub(crate) struct Prepared<'t> {
    /// Ties the stages' view to the input's lifetime (the input's shared
    /// copy is [`Prepared::shared`]).
    input: core::marker::PhantomData<&'t str>,
    pub(crate) norm: Normalized,
    pub(crate) sentences: Vec<SentenceInfo>,
    /// Every word of the normalized text, found once for all stages.
    pub(crate) words: Vec<text::Word>,
    #[allow(dead_code)] // Read by the time stage.
    pub(crate) date: Option<DocumentDate>,
    chrome: Vec<text::ChromeHit>,
    chars: CharIndex,
    /// The one copy of the input that every [`Loc`]'s text is a slice of.
    shared: Arc<str>,
}

impl<'t> Prepared<'t> {
    fn new(input: Input<'t>, inner: &Inner) -> Prepared<'t> {
        let (norm, words) = text::normalize_with_words(input.text);
        let chrome = text::detect_chrome(&norm, &words, &inner.chrome);
        // Sentences end at bytes that are no word bytes, so each word
        // falls in one sentence (tested): a sentence's words are those
        // that start in it.
        let mut w = 0;
        let sentences = text::split_sentences(&norm)
            .into_iter()
            .map(|(r, line)| {
                let first = text::first_word_from(&words, w, r.start);
                w = text::first_word_from(&words, first, r.end);
                SentenceInfo {
                    // Chrome hits are in line order.
                    chrome: chrome
                        .binary_search_by_key(&line, |c| c.line)
                        .ok()
                        .and_then(|k| chrome.get(k))
                        .map(|c| c.kind),
                    norm: r,
                    line,
                    words: first..w,
                }
            })
            .collect();
        Prepared {
            input: core::marker::PhantomData,
            chars: CharIndex::new(input.text),
            shared: Arc::from(input.text),
            norm,
            sentences,
            words,
            date: input.date,
            chrome,
        }
    }

    /// The [`Loc`] of a normalized byte range.
    pub(crate) fn loc(&self, norm: Range<usize>) -> Loc {
        self.loc_original(self.norm.original_span(norm))
    }

    /// The [`Loc`] of an original span.
    pub(crate) fn loc_original(&self, span: Span) -> Loc {
        Loc {
            // The empty text if the span is no range of char boundaries.
            text: LocText::slice(&self.shared, span.range()),
            start: span.start,
            end: span.end,
            char_start: self.chars.chars_before(span.start),
            char_end: self.chars.chars_before(span.end),
        }
    }

    fn public_sentences(&self) -> Vec<Sentence> {
        self.sentences
            .iter()
            .map(|s| Sentence {
                loc: self.loc(s.norm.clone()),
                line: s.line,
                norm: s.norm.clone(),
            })
            .collect()
    }

    /// (original, repeat) sentence index pairs for repeated paragraphs,
    /// written over `pairs`.
    fn repeated_sentences(&self, pairs: &mut Vec<(usize, usize)>) {
        // Sentences are in line order.
        let on_line = |line: usize| {
            let a = self.sentences.partition_point(|s| s.line < line);
            let b = self.sentences.partition_point(|s| s.line <= line);
            a..b.max(a)
        };
        pairs.clear();
        pairs.extend(
            self.chrome
                .iter()
                .filter_map(|c| Some((c.repeat_of?, c.line)))
                .flat_map(|(orig, rep)| on_line(orig).zip(on_line(rep))),
        );
    }

    fn chrome_lines(&self) -> Vec<text::ChromeLine> {
        self.chrome
            .iter()
            .map(|c| c.to_line(self.loc(c.norm.clone())))
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    /// A sentence's words, taken from the word list of the whole text,
    /// are the words of the sentence alone, with their hashes: no word
    /// crosses a sentence end. Texts are also cut after every kind of
    /// break byte, and broken at every break byte between two words.
    #[test]
    fn sentence_words_are_the_words_of_the_sentence() {
        let ex = super::Extractor::builtin();
        let mut texts = crate::test_texts::all();
        for b in ["\n", ".", "!", "?", ";", "(", ")", "[", "]", "1.5", "د.ت"]
        {
            texts.push(format!("قصف{b}الرقة{b}{b}a{b}7{b}"));
        }
        let mut n = 0;
        for t in &texts {
            let p = ex.prepare(crate::Input::new(t));
            let text = p.norm.as_str();
            let all: Vec<_> = crate::words(text).collect();
            assert_eq!(p.words.len(), all.len());
            let mut seen = 0;
            for s in &p.sentences {
                let st = &text[s.norm.clone()];
                let want: Vec<_> = crate::words(st)
                    .map(|r| r.start + s.norm.start..r.end + s.norm.start)
                    .collect();
                let got: Vec<_> = p.words[s.words.clone()]
                    .iter()
                    .map(|w| w.range())
                    .collect();
                assert_eq!(got, want, "{t}");
                seen += got.len();
            }
            for w in &p.words {
                let h =
                    crate::hash::token_hash(text.as_bytes(), w.start, w.end);
                assert_eq!(w.hash, h);
            }
            // Words outside every sentence (white space only) do not exist.
            assert_eq!(seen, all.len(), "{t}");
            n += seen;
        }
        assert!(n > 5_000, "{n}");
    }
    /// A [`Loc`](crate::Loc) made by [`Prepared::loc`] (the offset map,
    /// the char index and the shared text together) is what the plain
    /// computations give, on every range of normalized offsets (empty,
    /// reversed and past the end too) of texts that mix one- to four-byte
    /// chars, removed marks, folded letters and a text longer than one
    /// 64-byte block of the char index.
    #[test]
    fn locs_are_the_plain_spans_chars_and_texts() {
        let ex = super::Extractor::builtin();
        let texts = [
            "a قصفٌ€𝄞 الطائـرات\n٢٠ «قتيلا». b".to_string(),
            "\u{200f}أإآ ى،ة\u{64b}\u{640}x  y\n\nz".to_string(),
            "قصف€ab𝄞ـٌ".repeat(9),
        ];
        for t in &texts {
            let p = ex.prepare(crate::Input::new(t));
            let len = p.norm.as_str().len();
            // The chars that start before byte `b` (inside a char too).
            let chars = |b: usize| {
                let bytes = &t.as_bytes()[..b.min(t.len())];
                bytes.iter().filter(|&&c| (c as i8) >= -0x40).count()
            };
            for a in 0..len + 3 {
                for b in 0..len + 3 {
                    let loc = p.loc(a..b);
                    let span = p.norm.original_span(a..b);
                    assert_eq!((loc.start, loc.end), (span.start, span.end));
                    assert_eq!(loc.char_start, chars(span.start), "{a}..{b}");
                    assert_eq!(loc.char_end, chars(span.end), "{a}..{b}");
                    let want = t.get(span.range()).unwrap_or("");
                    assert_eq!(loc.text.as_str(), want, "{t} {a}..{b}");
                }
            }
        }
    }
}
