//! Scoring extracted events against gold event mentions.
//!
//! This is the scoring of `tests/gold/score_events.py` (the gold format is
//! `tests/gold/FORMAT.md`), in Rust: the same matching (same type, or the
//! same coarse type, and overlapping trigger spans), the same argument
//! checks and the same figures.
//!
//! ```
//! use hadath::eval::{score, Gold};
//!
//! let gold: Gold = serde_json::from_str(r#"{"format": "hadath-gold/1",
//!   "documents": [{"doc": "a", "date": "2017-06-01", "events": [
//!     {"type": "shelling", "context": "قصف المدينة", "trigger": "قصف"}]}]}"#)?;
//! let text = "قصف المدينة.";
//! let pred = serde_json::json!({"events": [{"type": "shelling",
//!     "trigger": {"text": "قصف", "start": 0, "end": 6}}]});
//! let s = score(&gold, |doc| (doc == "a").then(|| (text.to_string(), pred.clone())))?;
//! assert_eq!(s.trigger.f1, 1.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// A gold file.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Gold {
    /// The format tag, `hadath-gold/1`.
    pub format: String,
    /// The annotated documents.
    pub documents: Vec<GoldDocument>,
}

/// The gold mentions of one article.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldDocument {
    /// The article's file stem.
    pub doc: String,
    /// Its publication date.
    pub date: String,
    /// The gold event mentions.
    pub events: Vec<GoldEvent>,
}

/// A gold date window.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldDate {
    /// First acceptable day.
    pub from: String,
    /// Last acceptable day.
    pub to: String,
}

/// A gold count.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldCount {
    /// The number.
    pub value: f64,
    /// Its qualifier, when scored.
    pub qualifier: Option<String>,
}

/// One gold event mention.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[allow(missing_docs)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub event_type: String,
    /// An exact substring of the article around the trigger.
    pub context: String,
    /// Which occurrence of `context` (1-based).
    pub occurrence: Option<usize>,
    /// A substring of `context`: the trigger.
    pub trigger: String,
    pub agent: Option<Vec<String>>,
    pub target: Option<Vec<String>>,
    pub place: Option<Vec<String>>,
    pub date: Option<GoldDate>,
    pub count: Option<GoldCount>,
    pub polarity: Option<String>,
    pub tense: Option<String>,
    pub genericity: Option<String>,
    pub modality: Option<String>,
    /// A debatable mention: neither missed nor false if found.
    #[serde(default)]
    pub optional: bool,
}

/// Precision, recall and F1 with their counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Prf {
    fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                a as f64 / b as f64
            }
        };
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf { p, r, f1, tp, fp, fn_ }
    }
}

/// The scores of a run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    /// Trigger + type.
    pub trigger: Prf,
    /// Trigger + coarse type (airstrike = shelling, offensive = clash).
    pub coarse: Prf,
    /// Full events: a match counts only if every scored argument is right.
    pub full: Prf,
    /// Per argument: (right, scored).
    pub args: BTreeMap<String, (usize, usize)>,
    /// Misses, false events and wrong arguments, one line each.
    pub lines: Vec<String>,
}

/// What went wrong reading gold or predictions: the message names the
/// article and the mention.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EvalError(String);

const SCORED: [&str; 9] = [
    "airstrike",
    "shelling",
    "offensive",
    "clash",
    "withdrawal",
    "deadline",
    "casualties",
    "displacement",
    "shootdown",
];
const ARGS: [&str; 9] = [
    "agent",
    "target",
    "place",
    "date",
    "count",
    "polarity",
    "tense",
    "genericity",
    "modality",
];

fn coarse(t: &str) -> &str {
    match t {
        "airstrike" | "shelling" => "strike",
        "offensive" | "clash" => "fight",
        other => other,
    }
}

/// The gold trigger's byte span in `text`.
fn gold_span(text: &str, ev: &GoldEvent) -> Result<(usize, usize), EvalError> {
    let occ = ev.occurrence.unwrap_or(1).max(1);
    let mut from = 0;
    let mut pos = None;
    for _ in 0..occ {
        let found = text.get(from..).and_then(|t| t.find(&ev.context));
        let Some(p) = found else {
            return Err(EvalError(format!(
                "context not found: {}",
                ev.context
            )));
        };
        pos = Some(from + p);
        from += p + text
            .get(from + p..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
    }
    let pos = pos.unwrap_or(0);
    let off = ev.context.find(&ev.trigger).ok_or_else(|| {
        EvalError(format!(
            "trigger {:?} not in context {:?}",
            ev.trigger, ev.context
        ))
    })?;
    Ok((pos + off, pos + off + ev.trigger.len()))
}

/// Ids of a predicted argument: an object, a list of them, or null; an
/// entity's ancestors count as its ids.
fn ids(v: Option<&Value>) -> HashSet<String> {
    let mut out = HashSet::new();
    let items: Vec<&Value> = match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    };
    for item in items {
        match item {
            Value::Object(m) => {
                if let Some(Value::String(id)) = m.get("id") {
                    out.insert(id.clone());
                    if let Some(Value::Array(anc)) = m.get("ancestors") {
                        out.extend(
                            anc.iter().filter_map(|a| {
                                a.as_str().map(str::to_string)
                            }),
                        );
                    }
                }
            }
            Value::String(s) => {
                out.insert(s.clone());
            }
            _ => {}
        }
    }
    out
}

fn day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn str_field<'a>(p: &'a Value, k: &str) -> Option<&'a str> {
    p.get(k).and_then(Value::as_str)
}

/// Some(right) for an argument the gold scores, None otherwise.
fn check_arg(name: &str, g: &GoldEvent, p: &Value) -> Option<bool> {
    let list = |v: &Option<Vec<String>>| {
        v.as_ref().map(|l| l.iter().cloned().collect::<HashSet<_>>())
    };
    match name {
        "polarity" => Some(
            str_field(p, "polarity").unwrap_or("positive")
                == g.polarity.as_deref().unwrap_or("positive"),
        ),
        "genericity" => Some(
            str_field(p, "genericity").unwrap_or("specific")
                == g.genericity.as_deref().unwrap_or("specific"),
        ),
        "tense" => Some(
            (str_field(p, "tense") == Some("future"))
                == (g.tense.as_deref() == Some("future")),
        ),
        "modality" => g
            .modality
            .as_ref()
            .map(|m| str_field(p, "modality").unwrap_or("asserted") == m),
        "agent" | "target" => {
            let want =
                list(if name == "agent" { &g.agent } else { &g.target })?;
            let mut got = ids(p.get(name));
            if g.event_type == "clash" {
                got.extend(ids(p.get(if name == "agent" {
                    "target"
                } else {
                    "agent"
                })));
            }
            Some(!got.is_disjoint(&want))
        }
        "place" => {
            let want = list(&g.place)?;
            Some(!ids(p.get("place")).is_disjoint(&want))
        }
        "date" => {
            let want = g.date.as_ref()?;
            let t = p.get("time");
            let from = t.and_then(|t| str_field(t, "from"));
            let Some(from) = from else { return Some(false) };
            let to = t.and_then(|t| str_field(t, "to")).unwrap_or(from);
            Some(match (day(from), day(to), day(&want.from), day(&want.to)) {
                (Some(s), Some(e), Some(a), Some(b)) => a <= s && e <= b,
                _ => false,
            })
        }
        "count" => {
            let want = g.count.as_ref()?;
            let c = p.get("count");
            let value = c.and_then(|c| c.get("value")).and_then(Value::as_f64);
            Some(
                value == Some(want.value)
                    && want.qualifier.as_ref().is_none_or(|q| {
                        c.and_then(|c| str_field(c, "qualifier"))
                            == Some(q.as_str())
                    }),
            )
        }
        _ => None,
    }
}

/// Scores predictions against gold. `load(doc)` gives an article's text
/// and its predicted document (as JSON), or `None` when there is none (its
/// gold mentions are then all missed).
///
/// # Errors
///
/// An [`EvalError`] when a gold mention's context or trigger is not found
/// in its article's text.
pub fn score(
    gold: &Gold,
    mut load: impl FnMut(&str) -> Option<(String, Value)>,
) -> Result<Scores, EvalError> {
    let mut s = Scores::default();
    let (mut tp, mut fp, mut fn_, mut ctp, mut cfp, mut cfn, mut full) =
        (0, 0, 0, 0, 0, 0, 0);
    let mut args: BTreeMap<String, (usize, usize)> =
        ARGS.iter().map(|a| (a.to_string(), (0, 0))).collect();
    for doc in &gold.documents {
        let Some((text, pred)) = load(&doc.doc) else {
            for g in doc.events.iter().filter(|g| !g.optional) {
                fn_ += 1;
                cfn += 1;
                s.lines.push(format!(
                    "MISS {} {:<12} {}  «{}»",
                    doc.doc, g.event_type, g.trigger, g.context
                ));
            }
            continue;
        };
        let preds: Vec<&Value> = pred
            .get("events")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter(|p| {
                        str_field(p, "type")
                            .is_some_and(|t| SCORED.contains(&t))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let golds: Vec<((usize, usize), &GoldEvent)> = doc
            .events
            .iter()
            .map(|g| gold_span(&text, g).map(|sp| (sp, g)))
            .collect::<Result<_, _>>()?;
        for coarse_pass in [false, true] {
            let mut used = HashSet::new();
            let mut matched: BTreeMap<usize, usize> = BTreeMap::new();
            for (gi, (gs, g)) in golds.iter().enumerate() {
                for (pi, p) in preds.iter().enumerate() {
                    if used.contains(&pi) {
                        continue;
                    }
                    let tr = p.get("trigger");
                    let num = |k: &str| {
                        tr.and_then(|t| t.get(k))
                            .and_then(Value::as_u64)
                            .map(|v| v as usize)
                    };
                    let (ps, pe) = (num("start"), num("end"));
                    let pt = str_field(p, "type").unwrap_or("");
                    let same = pt == g.event_type
                        || coarse_pass && coarse(pt) == coarse(&g.event_type);
                    let overlap = matches!((ps, pe), (Some(a), Some(b)) if gs.0 < b && a < gs.1);
                    if same && overlap {
                        used.insert(pi);
                        matched.insert(gi, pi);
                        break;
                    }
                }
            }
            let (tp_, fp_, fn__) = if coarse_pass {
                (&mut ctp, &mut cfp, &mut cfn)
            } else {
                (&mut tp, &mut fp, &mut fn_)
            };
            for (gi, (_, g)) in golds.iter().enumerate() {
                if g.optional {
                    continue;
                }
                if matched.contains_key(&gi) {
                    *tp_ += 1;
                } else {
                    *fn__ += 1;
                    if !coarse_pass {
                        s.lines.push(format!(
                            "MISS {} {:<12} {}  «{}»",
                            doc.doc, g.event_type, g.trigger, g.context
                        ));
                    }
                }
            }
            let optional_hits: HashSet<usize> = golds
                .iter()
                .enumerate()
                .filter(|(gi, (_, g))| g.optional && matched.contains_key(gi))
                .filter_map(|(gi, _)| matched.get(&gi).copied())
                .collect();
            for (pi, p) in preds.iter().enumerate() {
                if !used.contains(&pi) && !optional_hits.contains(&pi) {
                    *fp_ += 1;
                    if !coarse_pass {
                        let t = p
                            .get("trigger")
                            .and_then(|t| str_field(t, "text"))
                            .unwrap_or("");
                        s.lines.push(format!(
                            "FP   {} {:<12} {}",
                            doc.doc,
                            str_field(p, "type").unwrap_or(""),
                            t
                        ));
                    }
                }
            }
            if coarse_pass {
                continue;
            }
            for (&gi, &pi) in &matched {
                // Both indices come from enumerating `golds` and `preds`.
                let (Some(&(_, g)), Some(&pred)) =
                    (golds.get(gi), preds.get(pi))
                else {
                    continue;
                };
                if g.optional {
                    continue;
                }
                let mut all = true;
                for a in ARGS {
                    if let Some(ok) = check_arg(a, g, pred) {
                        let e = args.entry(a.to_string()).or_default();
                        e.1 += 1;
                        e.0 += usize::from(ok);
                        all &= ok;
                        if !ok {
                            let key = if a == "date" { "time" } else { a };
                            s.lines.push(format!(
                                "ARG  {} {:<12} {} {a}: pred={}",
                                doc.doc,
                                g.event_type,
                                g.trigger,
                                pred.get(key)
                                    .map_or("null".to_string(), short)
                            ));
                        }
                    }
                }
                full += usize::from(all);
            }
        }
    }
    s.trigger = Prf::new(tp, fp, fn_);
    s.coarse = Prf::new(ctp, cfp, cfn);
    s.full = Prf::new(full, fp + (tp - full), fn_ + (tp - full));
    s.full.tp = full;
    s.args = args;
    Ok(s)
}

/// A short rendering of a predicted argument for the report.
fn short(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let keys = ["id", "from", "to", "value", "qualifier", "text"];
            let parts: Vec<String> = keys
                .iter()
                .filter_map(|k| {
                    m.get(*k)
                        .filter(|x| !x.is_null())
                        .map(|x| format!("{k}={x}"))
                })
                .collect();
            parts.join(" ")
        }
        other => other.to_string(),
    }
}

impl Scores {
    /// The report `score_events.py` prints.
    ///
    /// ```
    /// let s = hadath::eval::Scores::default();
    /// assert!(s.report().starts_with("trigger+type  P 0.000"));
    /// ```
    pub fn report(&self) -> String {
        let t = &self.trigger;
        let c = &self.coarse;
        let f = &self.full;
        let mut out = format!(
            "trigger+type  P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})\n",
            t.p, t.r, t.f1, t.tp, t.fp, t.fn_
        );
        out += &format!(
            "coarse types  P {:.3}  R {:.3}  F1 {:.3}\n",
            c.p, c.r, c.f1
        );
        for a in ARGS {
            if let Some(&(ok, n)) = self.args.get(a) {
                if n > 0 {
                    out += &format!(
                        "  {a:<11} {ok:>3}/{n:<3} {:.3}\n",
                        ok as f64 / n as f64
                    );
                }
            }
        }
        out += &format!(
            "full events (type + every gold argument right)  P {:.3}  R {:.3}  F1 {:.3}\n",
            f.p, f.r, f.f1
        );
        out
    }
}
