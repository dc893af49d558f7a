//! hadath (حدث, "event") turns Arabic news articles about armed conflict
//! into typed, structured events — who did what to whom, where, when and
//! how many — each tied to the exact span of the original text.
//!
//! # Overview
//!
//! * [`Extractor`] runs the whole pipeline and returns a [`Document`].
//!   Build it once ([`Extractor::builtin`] or [`Extractor::builder`]) and
//!   share it across threads.
//! * [`Input`] is one article: its text and, optionally, its
//!   [`DocumentDate`], the anchor for relative times such as `أمس`.
//! * [`Document`] holds the sentences, the page chrome, and the entity,
//!   quantity, time and event mentions, each located by a [`Loc`].
//! * [`Quantity`] is a number in the text (digits or words, with its
//!   [`Qualifier`] and [`QuantityKind`]); [`parse_number`] reads one
//!   number from a string (`"ثلاثمائة وخمسون"` → 350).
//! * [`normalize`] is the orthographic folding every stage works on, with
//!   its offset map back to the original ([`Normalized`]).
//! * [`Entity`] is an actor, person or place mention, resolved against the
//!   [`Gazetteer`] (`gazetteers/*.toml`, extendable with
//!   [`ExtractorBuilder::gazetteer_str`]); its [`Entry`] gives the id,
//!   type, parent chain and coordinates.
//! * [`report()`] gives a stable, readable [`Report`] of a document (one
//!   line per event, entity, time and quantity) for snapshot tests.
//!
//! # Example: extracting from an article
//!
//! ```
//! use hadath::{Extractor, Input};
//!
//! let text = "قصفت الطائرات الروسية مدينة الرقة أمس.\nشاركها";
//! let input = Input::new(text).with_date("2017-06-01".parse()?);
//! let doc = Extractor::builtin().extract(input);
//!
//! // Every span points into the text exactly as given.
//! for s in &doc.sentences {
//!     assert_eq!(&text[s.loc.start..s.loc.end], s.loc.text);
//! }
//! // The share widget is marked as page chrome, not deleted.
//! assert_eq!(doc.chrome[0].loc.text, "شاركها");
//! // The document serializes to the JSON the command-line tool prints.
//! let json = serde_json::to_string(&doc)?;
//! assert!(json.contains("\"events\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Offsets and normalization
//!
//! Every public offset is a half-open range of UTF-8 **byte** offsets into
//! the *original* input, as a [`Span`] or in a [`Loc`] (which adds the same
//! range in chars). The stages work on the normalized text (diacritics,
//! tatweel and bidi marks removed, letter variants folded, digits made
//! ASCII) and map their results back through [`Normalized::original_span`],
//! so `&text[loc.start..loc.end] == loc.text` always holds.
//!
//! # Crate features
//!
//! * `cli` (default): the `hadath` command-line tool. Library users can
//!   turn it off with `default-features = false`; the library itself needs
//!   no feature.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![warn(missing_debug_implementations)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

#[doc(hidden)]
#[path = "stages.rs"]
pub mod __stages;
mod data;
mod document;
mod error;
pub mod eval;
mod event;
mod extractor;
mod gazetteer;
mod hash;
mod number;
mod report;
mod shared_str;
mod span;
#[cfg(test)]
mod test_texts;
pub mod text;
mod time;

pub use document::{Document, Loc};
pub use error::{Error, ErrorKind};
pub use event::{
    DocumentEvent, Event, EventType, Genericity, Modality, Polarity, Tense,
};
pub use extractor::{DocumentDate, Extractor, ExtractorBuilder, Input};
pub use gazetteer::{Entity, EntityForm, EntityKind, Entry, Gazetteer};
pub use number::{parse_number, Number, Qualifier, Quantity, QuantityKind};
pub use report::{report, EventReport, Report};
pub use shared_str::{LocText, SharedStr};
pub use span::Span;
pub use text::{
    clitic_splits, normalize, words, ChromeKind, ChromeLine, CliticSplit,
    Normalized, QuoteDirection, QuoteMark, Sentence,
};
pub use time::{parse_time, Precision, TimeKind, TimeMention, TimeValue};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
