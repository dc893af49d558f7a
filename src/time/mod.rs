//! Arabic dates and times, resolved against the document date.
//!
//! The parser (`parse.rs`) reads the normalized text token by token and
//! recognises month names (Levantine, Egyptian/Gulf, Maghrebi, paired
//! forms such as `أيار/مايو`), numeric dates, weekdays with parts of the
//! day, relative expressions (`أمس`, `الشهر الماضي`, `منذ أيام`),
//! parts of periods (`مطلع الشهر الحالي`), clock times, Hijri months,
//! years and feasts, and spans (`منذ X`, `حتى X`, `من X إلى Y`,
//! `بين X و Y`). The resolver (`resolve.rs`) turns them into windows
//! against the document date; without one, relative expressions keep
//! their relative form and get no dates.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod hijri;
mod months;
mod num;
mod parse;
mod resolve;
mod vocab;

use crate::document::Loc;
use crate::extractor::Prepared;
use chrono::NaiveDateTime;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// How precise a time value is.
///
/// ```
/// let v = hadath::parse_time("أمس", Some("2017-06-01T00:00:00".parse().unwrap())).unwrap();
/// assert_eq!(v.precision, hadath::Precision::Day);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// A clock time with minutes (`الساعة 3:18`, `التاسعة والنصف`).
    Minute,
    /// A clock hour (`الساعة الثامنة مساء`).
    Hour,
    /// A part of a day (`ليل الإثنين`, `صباح اليوم`).
    PartOfDay,
    /// A day, or a window of days (`15 أيار 2017`, `مطلع الشهر`).
    Day,
    /// A week, Monday to Sunday (`الأسبوع الماضي`).
    Week,
    /// A month (`الشهر الماضي`, `آب 2020`).
    Month,
    /// A season (`فصل الصيف`), meteorological: March-May spring, June-August
    /// summer, September-November autumn, December-February winter.
    Season,
    /// A year (`العام 2014`).
    Year,
}

/// The shape of a time value.
///
/// ```
/// let a = Some("2016-06-21T00:00:00".parse().unwrap());
/// let v = hadath::parse_time("منذ نهاية أيلول", a).unwrap();
/// assert_eq!(v.kind, hadath::TimeKind::OpenEnd);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimeKind {
    /// One point at its precision (a day, a month, a minute).
    Point,
    /// A window with a stated or implied start and end
    /// (`من 13 إلى 15 تموز`, `مطلع الشهر الحالي`, `منذ أيام`).
    Interval,
    /// Up to a time (`حتى 31 أيار`): no start; `from` is absent.
    OpenStart,
    /// From a time up to the document date (`منذ العام 2014`).
    OpenEnd,
}

/// A resolved (or, without a document date, relative) time value.
///
/// `from` and `to` are inclusive bounds. They serialize as ISO 8601
/// dates (`2017-05-25`) for day precision and coarser, and as datetimes
/// (`2017-05-25T21:30:00`) for minute, hour and part-of-day precision.
///
/// `relative` is the unresolved form of an expression that needs the
/// document date, kept even when it is resolved: `day-1` (yesterday, the
/// whole day one before the anchor), `month+0` (this month),
/// `now-10day` (an instant ten days back), `recent:day` (`منذ أيام`),
/// `last:24hour`, `mon:last` (the last Monday on or before the anchor;
/// `before`/`after` with a direction word), `--05-25` (a day and month
/// without a year), `---25` (a day of the month), `month+0:16` (day 16 of
/// this month), `summer`, `now`; suffixes `:past`/`:next` (direction
/// words), `/start` `/early` `/middle` `/late` (parts of a period),
/// `T18-23` (a part of the day) and `T21:30` (a clock time); spans join
/// two forms with `..`. Without a document date a relative expression
/// has `relative` and no `from`/`to`: nothing relative gets an invented
/// date.
///
/// ```
/// use hadath::parse_time;
/// let anchor = Some("2017-06-01T00:00:00".parse().unwrap());
/// let v = parse_time("15 أيار 2017", None).unwrap();
/// assert_eq!(v.from_iso().as_deref(), Some("2017-05-15"));
/// let v = parse_time("أمس", anchor).unwrap();
/// assert_eq!(v.from_iso().as_deref(), Some("2017-05-31"));
/// assert_eq!(v.relative.as_deref(), Some("day-1"));
/// let v = parse_time("أمس", None).unwrap();
/// assert_eq!(v.from, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeValue {
    /// Start (inclusive), if known.
    pub from: Option<NaiveDateTime>,
    /// End (inclusive), if known.
    pub to: Option<NaiveDateTime>,
    /// Precision.
    pub precision: Precision,
    /// Shape.
    pub kind: TimeKind,
    /// The unresolved relative form, for expressions that need the
    /// document date.
    pub relative: Option<String>,
    /// Whether the text says the time is GMT (`(ت غ)`, `بتوقيت غرينتش`).
    pub gmt: bool,
    /// For an open span, the window of its stated bound: `X` in `منذ X`
    /// (kind [`TimeKind::OpenEnd`]) or `حتى X` ([`TimeKind::OpenStart`]).
    /// An event said to start `منذ ليل الأحد` happened in this window;
    /// a deadline `لغاية 31 أيار` falls in it. Serializes as
    /// `"bound": {"from": ..., "to": ...}`.
    ///
    /// ```
    /// let a = Some("2016-06-21T00:00:00".parse().unwrap());
    /// let v = hadath::parse_time("منذ الأحد", a).unwrap();
    /// assert_eq!(v.to_iso().as_deref(), Some("2016-06-21"));
    /// let (from, to) = v.bound.unwrap();
    /// assert_eq!((from.to_string(), to.to_string()),
    ///            ("2016-06-19 00:00:00".into(), "2016-06-19 00:00:00".into()));
    /// ```
    pub bound: Option<(NaiveDateTime, NaiveDateTime)>,
}

impl TimeValue {
    fn iso(&self, t: Option<NaiveDateTime>) -> Option<String> {
        let with_time = matches!(
            self.precision,
            Precision::Minute | Precision::Hour | Precision::PartOfDay
        );
        Some(iso_string(t?, with_time))
    }

    /// `from` as the ISO string it serializes to.
    ///
    /// ```
    /// let v = hadath::parse_time("2017/5/15", None).unwrap();
    /// assert_eq!(v.from_iso().as_deref(), Some("2017-05-15"));
    /// ```
    pub fn from_iso(&self) -> Option<String> {
        self.iso(self.from)
    }

    /// `to` as the ISO string it serializes to.
    ///
    /// ```
    /// let v = hadath::parse_time("أيار 2017", None).unwrap();
    /// assert_eq!(v.to_iso().as_deref(), Some("2017-05-31"));
    /// ```
    pub fn to_iso(&self) -> Option<String> {
        self.iso(self.to)
    }

    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if let Some(f) = self.from_iso() {
            map.serialize_entry("from", &f)?;
        }
        if let Some(t) = self.to_iso() {
            map.serialize_entry("to", &t)?;
        }
        map.serialize_entry("precision", &self.precision)?;
        map.serialize_entry("kind", &self.kind)?;
        if let Some(r) = &self.relative {
            map.serialize_entry("relative", r)?;
        }
        if self.gmt {
            map.serialize_entry("gmt", &true)?;
        }
        if let Some((f, t)) = self.bound {
            let mut b = std::collections::BTreeMap::new();
            if let Some(f) = self.iso(Some(f)) {
                b.insert("from", f);
            }
            if let Some(t) = self.iso(Some(t)) {
                b.insert("to", t);
            }
            map.serialize_entry("bound", &b)?;
        }
        Ok(())
    }
}

impl Serialize for TimeValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        self.write(&mut map)?;
        map.end()
    }
}

/// A date, time or period in the text.
///
/// Serializes as the [`Loc`] fields (`text`, `start`, `end`,
/// `char_start`, `char_end`) plus those of its [`TimeValue`].
///
/// ```
/// use hadath::{Extractor, Input};
/// let text = "قصفت الطائرات الرقة أمس.";
/// let doc = Extractor::builtin()
///     .extract(Input::new(text).with_date("2017-06-01".parse().unwrap()));
/// let t = &doc.times[0];
/// assert_eq!(t.loc.text, "أمس");
/// assert_eq!(t.value.from_iso().as_deref(), Some("2017-05-31"));
/// let json = serde_json::to_string(t).unwrap();
/// assert!(json.contains("\"from\":\"2017-05-31\""));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeMention {
    /// Where the expression stands in the original input.
    pub loc: Loc,
    /// What it means.
    pub value: TimeValue,
}

impl Serialize for TimeMention {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("text", &self.loc.text)?;
        map.serialize_entry("start", &self.loc.start)?;
        map.serialize_entry("end", &self.loc.end)?;
        map.serialize_entry("char_start", &self.loc.char_start)?;
        map.serialize_entry("char_end", &self.loc.char_end)?;
        self.value.write(&mut map)?;
        map.end()
    }
}

/// Whether a sentence speaks about the future (`سوف`, `المقبل`). The
/// words are 6, 12 or 14 bytes long: other tokens are passed over on
/// their length.
fn is_future(toks: &[parse::Tok<'_>]) -> bool {
    toks.iter().any(|t| future_word(t.s))
}

/// Whether a token is one of the words of [`is_future`].
#[inline(always)]
fn future_word(s: &str) -> bool {
    matches!(s.len(), 6 | 12 | 14)
        && matches!(s, "سوف" | "المقبل" | "المقبله" | "القادم" | "القادمه")
}

/// Whether the parser may find an expression at token `i`: most tokens
/// are words the parser cannot read, words it reads only after another,
/// or words that are no expression alone, followed by a word it cannot
/// read ([`vocab`]), or a pair of table words the parser fails on
/// followed by one ([`vocab::pair_fails`]). A cheap test
/// that never rejects a token where [`parse::Parser::parse`] succeeds.
fn may_begin(toks: &[parse::Tok<'_>], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    if !vocab::live(t) || t.class & vocab::NOT_FIRST != 0 {
        return false;
    }
    match (toks.get(i + 1), toks.get(i + 2)) {
        (Some(n), Some(c)) if vocab::live(n) => {
            !vocab::tokens_pair_fails(t, n, c)
        }
        (Some(n), None) if vocab::live(n) => true,
        _ => !vocab::alone_fails(t),
    }
}

/// All time expressions of the sentence at `range` of the normalized
/// `text`, whose words are `words`, given to `out` in order; `toks` is a
/// reused token buffer. The sentence is tokenized from the word
/// [`parse::start_word`] gives (the tokens before it begin nothing and
/// are read by no parse), and not at all without one, with the long runs
/// of words the parser cannot read cut short ([`parse::tokenize_live`]).
fn scan<'a>(
    text: &'a str,
    range: core::ops::Range<usize>,
    words: &[crate::text::Word],
    anchor: Option<NaiveDateTime>,
    toks: &mut Vec<parse::Tok<'a>>,
    out: &mut impl FnMut(core::ops::Range<usize>, TimeValue),
) {
    let Some(j) = parse::start_word(text, range.clone(), words) else {
        return;
    };
    let (skipped, rest) = words.split_at(j.min(words.len()));
    let from = match (skipped, rest.first()) {
        ([_, ..], Some(w)) => w.start,
        _ => range.start,
    };
    parse::tokenize_live(text, from..range.end, rest, toks);
    scan_tokens(text, words, anchor, toks, out);
}

/// [`scan`] over the tokens `toks` of a sentence whose words are `words`
/// (the words of Arabic letters that the tokens leave out are read from
/// it for [`is_future`]).
fn scan_tokens(
    text: &str,
    words: &[crate::text::Word],
    anchor: Option<NaiveDateTime>,
    toks: &[parse::Tok<'_>],
    out: &mut impl FnMut(core::ops::Range<usize>, TimeValue),
) {
    // Whether the sentence speaks about the future: read when an
    // expression first needs it.
    let mut future = None;
    // A word is sliced only if its length is that of one of the words
    // (most are not), which saves checking both ends of every word for
    // char boundaries.
    let words_future = || {
        words.iter().any(|w| {
            matches!(w.end.wrapping_sub(w.start), 6 | 12 | 14)
                && future_word(text.get(w.start..w.end).unwrap_or_default())
        })
    };
    let parser = parse::Parser::new(toks);
    let mut i = 0;
    while i < toks.len() {
        if !may_begin(toks, i) {
            i += 1;
            continue;
        }
        match parser.parse(i) {
            Some((p, end)) if end > i => {
                let value = resolve::resolve_with(&p, anchor, || {
                    *future.get_or_insert_with(|| {
                        is_future(toks) || words_future()
                    })
                });
                let (s, e) = match (toks.get(i), toks.get(end - 1)) {
                    (Some(a), Some(b)) => (a.start, b.end),
                    _ => break,
                };
                out(s..e, value);
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// Parses a whole string as one time expression (the string is
/// normalized first), resolved against `anchor` if given.
///
/// Returns `None` unless one expression covers the whole string (leading
/// `في` and surrounding white space and punctuation aside).
///
/// ```
/// use hadath::{parse_time, Precision, TimeKind};
/// let anchor = Some("2016-06-21T00:00:00".parse().unwrap());
/// let v = parse_time("ليل الإثنين", anchor).unwrap();
/// assert_eq!(v.from_iso().as_deref(), Some("2016-06-20T18:00:00"));
/// assert_eq!(v.precision, Precision::PartOfDay);
/// let v = parse_time("مطلع الشهر الحالي", anchor).unwrap();
/// assert_eq!((v.from_iso().unwrap(), v.to_iso().unwrap()),
///            ("2016-06-01".into(), "2016-06-15".into()));
/// assert_eq!(v.kind, TimeKind::Interval);
/// assert!(parse_time("قصف", anchor).is_none());
/// ```
pub fn parse_time(
    text: &str,
    anchor: Option<NaiveDateTime>,
) -> Option<TimeValue> {
    let n = crate::normalize(text);
    let toks = parse::tokenize(n.as_str(), 0);
    let future = is_future(&toks);
    let parser = parse::Parser::new(&toks);
    let skip = |t: &parse::Tok<'_>| {
        matches!(
            t.s,
            "في" | "خلال"
                | "طوال"
                | ","
                | "."
                | "("
                | ")"
                | ":"
                | "-"
                | "?"
                | "!"
        )
    };
    let first = toks.iter().position(|t| !skip(t))?;
    let last = toks.iter().rposition(|t| !skip(t))?;
    for start in [first, 0] {
        if !may_begin(&toks, start) {
            continue;
        }
        if let Some((p, end)) = parser.parse(start) {
            if end > last {
                return Some(resolve::resolve(&p, anchor, future));
            }
        }
    }
    None
}

pub(crate) fn extract(p: &Prepared<'_>) -> Vec<TimeMention> {
    let anchor = p.date.map(|d| d.datetime());
    let text = p.norm.as_str();
    // Room for the tokens of the longest sentence (and some punctuation)
    // and a few mentions, so that the buffers do not grow by copying.
    let most = p.sentences.iter().map(|s| s.words.len()).max().unwrap_or(0);
    let mut out = Vec::with_capacity(16);
    let mut toks = Vec::with_capacity(2 * most + 16);
    let mut push = |r, value| out.push(TimeMention { loc: p.loc(r), value });
    for s in &p.sentences {
        let words = p.words.get(s.words.clone()).unwrap_or_default();
        scan(text, s.norm.clone(), words, anchor, &mut toks, &mut push);
    }
    out
}

/// `t` as chrono's `format("%Y-%m-%d")` writes it, or
/// `format("%Y-%m-%dT%H:%M:%S")` when `with_time`, without reading a
/// format string on every call (this runs for every time value written
/// out). Years outside 0..=9999, which chrono writes with a sign, go
/// through chrono.
pub(crate) fn iso_string(t: NaiveDateTime, with_time: bool) -> String {
    use chrono::{Datelike, Timelike};
    let year = match u32::try_from(t.year()) {
        Ok(y) if y <= 9999 => y,
        _ => return iso_by_chrono(t, with_time),
    };
    let mut s = String::with_capacity(19);
    push_digits(&mut s, year, 4);
    s.push('-');
    push_digits(&mut s, t.month(), 2);
    s.push('-');
    push_digits(&mut s, t.day(), 2);
    if with_time {
        s.push('T');
        push_digits(&mut s, t.hour(), 2);
        s.push(':');
        push_digits(&mut s, t.minute(), 2);
        s.push(':');
        push_digits(&mut s, t.second(), 2);
    }
    s
}

/// The slow path of [`iso_string`], and its test reference.
fn iso_by_chrono(t: NaiveDateTime, with_time: bool) -> String {
    let f = if with_time { "%Y-%m-%dT%H:%M:%S" } else { "%Y-%m-%d" };
    t.format(f).to_string()
}

/// The last `width` decimal digits of `n`, zero-padded.
fn push_digits(s: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        s.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests;
