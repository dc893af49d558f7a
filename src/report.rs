//! A stable, readable report of a [`Document`], for snapshot tests.
//!
//! The JSON of a [`Document`] is complete but long; a snapshot of it would
//! bury a changed event under hundreds of offsets. A [`Report`] keeps what
//! a reviewer reads: one line per event in its [`Display`](core::fmt::Display)
//! form with the exact original text of its trigger and arguments, and the
//! entities, times and quantities one line each. Its fields serialize in
//! declaration order, so its YAML (or JSON) is stable from run to run.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::gazetteer::Entity;
use crate::number::{Qualifier, Quantity, QuantityKind};
use crate::time::{Precision, TimeMention};
use crate::Document;
use serde::Serialize;

/// A readable summary of a [`Document`], stable enough to snapshot.
///
/// Build it with [`report`] (or [`Document::report`]). Every line quotes
/// original text between `«` and `»`; offsets are UTF-8 byte offsets into
/// the input, half-open.
///
/// * `entities`: `kind id «text» start..end` (`-` for an entity without
///   an id);
/// * `times`: `«text» from..to precision` (`?` for an open end);
/// * `quantities`: `«text» value qualifier`, with the kind added when it
///   is not a cardinal (`?` for a vague amount with no single value).
///
/// ```
/// use hadath::{Extractor, Input};
///
/// let text = "قصفت الطائرات الروسية مدينة الرقة أمس، ما أدى إلى مقتل 12 مدنياً.";
/// let doc = Extractor::builtin()
///     .extract(Input::new(text).with_date("2017-06-01".parse()?));
/// let report = hadath::report(&doc);
/// assert_eq!(report.date.as_deref(), Some("2017-06-01"));
/// assert_eq!(report.entities, [
///     "actor russia_aerospace «الطائرات الروسية» 9..40",
///     "place raqqa «مدينة الرقة» 41..62",
/// ]);
/// assert_eq!(report.times, ["«أمس» 2017-05-31..2017-05-31 day"]);
/// assert_eq!(report.quantities, ["«12» 12 exact"]);
/// let e = &report.events[0];
/// assert_eq!(e.line, doc.events[0].to_string());
/// assert_eq!(e.trigger, doc.events[0].trigger.text);
/// // The snapshot test renders it as YAML; JSON works too.
/// let json = serde_json::to_string(&report)?;
/// assert!(json.starts_with("{\"date\":\"2017-06-01\",\"events\":["));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The document date, if one was given.
    pub date: Option<String>,
    /// One entry per event mention, in text order.
    pub events: Vec<EventReport>,
    /// Actor, person and place mentions: `kind id «text» start..end`.
    pub entities: Vec<String>,
    /// Time mentions: `«text» from..to precision`.
    pub times: Vec<String>,
    /// Quantities: `«text» value qualifier [kind]`.
    pub quantities: Vec<String>,
}

/// One event of a [`Report`]: its [`Display`](core::fmt::Display) line and
/// the exact original text of its trigger and arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventReport {
    /// The event's one-line form ([`crate::Event`]'s `Display`).
    pub line: String,
    /// The trigger, as written.
    pub trigger: String,
    /// The agent, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// The target, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The place, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The time, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The count, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// The source, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The stable, readable [`Report`] of a document, for snapshot tests of
/// your own articles (see the README, "Snapshot-testing your own
/// articles").
///
/// ```
/// let doc = hadath::Extractor::builtin().extract("قتل 3 مدنيين في قصف على إدلب.");
/// let r = hadath::report(&doc);
/// assert_eq!(r.events.len(), doc.events.len());
/// assert!(r.entities.iter().any(|e| e.contains("«إدلب»")));
/// ```
pub fn report(doc: &Document) -> Report {
    Report {
        date: doc.date.clone(),
        events: doc
            .events
            .iter()
            .map(|e| EventReport {
                line: e.to_string(),
                trigger: e.trigger.text.to_string(),
                agent: e.agent.as_ref().map(|x| x.loc.text.to_string()),
                target: e.target.as_ref().map(|x| x.loc.text.to_string()),
                place: e.place.as_ref().map(|x| x.loc.text.to_string()),
                time: e.time.as_ref().map(|x| x.loc.text.to_string()),
                count: e.count.as_ref().map(|x| x.loc.text.to_string()),
                source: e.source.as_ref().map(|x| x.loc.text.to_string()),
            })
            .collect(),
        entities: doc.entities.iter().map(entity_line).collect(),
        times: doc.times.iter().map(time_line).collect(),
        quantities: doc.quantities.iter().map(quantity_line).collect(),
    }
}

fn entity_line(e: &Entity) -> String {
    format!(
        "{} {} «{}» {}..{}",
        e.kind.as_str(),
        e.id.as_deref().unwrap_or("-"),
        e.loc.text,
        e.loc.start,
        e.loc.end
    )
}

fn time_line(t: &TimeMention) -> String {
    let from = t.value.from_iso().unwrap_or_else(|| "?".into());
    let to = t.value.to_iso().unwrap_or_else(|| "?".into());
    format!("«{}» {from}..{to} {}", t.loc.text, precision(t.value.precision))
}

fn quantity_line(q: &Quantity) -> String {
    let value = match (q.value, q.min, q.max) {
        (Some(v), _, _) => number(v),
        (None, Some(a), Some(b)) => format!("{}..{}", number(a), number(b)),
        (None, Some(a), None) => format!("{}..", number(a)),
        (None, None, Some(b)) => format!("..{}", number(b)),
        (None, None, None) => "?".into(),
    };
    let mut s = format!("«{}» {value} {}", q.loc.text, qualifier(q.qualifier));
    match q.kind {
        QuantityKind::Ordinal => s.push_str(" ordinal"),
        QuantityKind::Percent => s.push_str(" percent"),
        QuantityKind::Cardinal => {}
    }
    if q.overflow {
        s.push_str(" overflow");
    }
    s
}

/// A whole number without a decimal point; others as Rust prints them.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn precision(p: Precision) -> &'static str {
    match p {
        Precision::Minute => "minute",
        Precision::Hour => "hour",
        Precision::PartOfDay => "part_of_day",
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Season => "season",
        Precision::Year => "year",
    }
}

fn qualifier(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::AtLeast => "at_least",
        Qualifier::MoreThan => "more_than",
        Qualifier::AtMost => "at_most",
        Qualifier::LessThan => "less_than",
        Qualifier::About => "about",
    }
}

impl Document {
    /// The stable, readable [`Report`] of this document; the same as
    /// [`report`](crate::report()).
    ///
    /// ```
    /// let doc = hadath::Extractor::builtin().extract("قصف الرقة.");
    /// assert_eq!(doc.report(), hadath::report(&doc));
    /// ```
    pub fn report(&self) -> Report {
        report(self)
    }
}
