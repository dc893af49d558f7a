//! Replays the peers' Arabic time suites (Duckling, Maha, dateparser)
//! through `hadath::parse_time` and prints pass rates.
//!
//! The comparison is containment: an expected instant passes when it lies
//! inside the window we return and our precision is not coarser than the
//! peer's grain; an expected interval passes when its start lies in the
//! period of our `from` and its (inclusive) end in the period of our `to`.
//! Cases where the news reading differs on purpose from the peer's
//! expectation are listed, with the reason, in
//! `tests/peer/time_disagreements.json`; each must really disagree (a
//! stale entry fails the test), and they are left out of the rate that is
//! asserted.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};
use hadath::{parse_time, Precision, TimeValue};
use serde_json::Value;
use std::collections::HashMap;

const DUCKLING: &str = include_str!("peer/duckling_ar_time.json");
const MAHA: &str = include_str!("peer/maha_ar_time.json");
const DATEPARSER: &str = include_str!("peer/dateparser_ar.json");
const DISAGREE: &str = include_str!("peer/time_disagreements.json");

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap())
        })
        .unwrap_or_else(|e| panic!("bad datetime {s}: {e}"))
}

/// The last instant of the period that starts at `t` with precision `p`.
fn period_end(t: NaiveDateTime, p: Precision) -> NaiveDateTime {
    let day_end = |d: NaiveDate| d.and_hms_opt(23, 59, 59).unwrap();
    let d = t.date();
    match p {
        Precision::Minute | Precision::PartOfDay => t + Duration::seconds(59),
        Precision::Hour => t + Duration::seconds(3599),
        Precision::Week => day_end(d + Duration::days(6)),
        Precision::Month => day_end(
            d.checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap(),
        ),
        Precision::Season => day_end(
            d.checked_add_months(Months::new(3)).unwrap().pred_opt().unwrap(),
        ),
        Precision::Year => {
            day_end(NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap())
        }
        _ => day_end(d),
    }
}

/// The last instant of a `to` bound (inclusive) with precision `p`.
fn to_end(t: NaiveDateTime, p: Precision) -> NaiveDateTime {
    match p {
        Precision::Minute | Precision::PartOfDay => t + Duration::seconds(59),
        Precision::Hour => t + Duration::seconds(3599),
        _ => t.date().and_hms_opt(23, 59, 59).unwrap(),
    }
}

/// The first instant of the period that a `to` bound ends.
fn unit_start(t: NaiveDateTime, p: Precision) -> NaiveDateTime {
    let d = t.date();
    let start = match p {
        Precision::Week => d - Duration::days(6),
        Precision::Month => d.with_day(1).unwrap(),
        Precision::Season => {
            d.checked_sub_months(Months::new(3)).unwrap().succ_opt().unwrap()
        }
        Precision::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap(),
        _ => return t,
    };
    start.and_hms_opt(0, 0, 0).unwrap()
}

fn rank(p: Precision) -> u8 {
    match p {
        Precision::Minute => 1,
        Precision::Hour => 2,
        Precision::PartOfDay => 3,
        Precision::Day => 4,
        Precision::Week => 5,
        Precision::Month => 6,
        Precision::Season => 7,
        _ => 8,
    }
}

fn grain_rank(g: &str) -> u8 {
    match g {
        "second" | "minute" => 1,
        "hour" => 2,
        "day" => 4,
        "week" => 5,
        "month" => 6,
        _ => 8,
    }
}

fn contains(v: &TimeValue, x: NaiveDateTime, date_only: bool) -> bool {
    let (Some(f), Some(t)) = (v.from, v.to) else { return false };
    if date_only {
        return f.date() <= x.date() && x.date() <= t.date();
    }
    f <= x && x <= to_end(t, v.precision)
}

fn in_period(
    b: Option<NaiveDateTime>,
    p: Precision,
    x: NaiveDateTime,
) -> bool {
    b.is_some_and(|b| b <= x && x <= period_end(b, p))
}

struct Outcome {
    suite: &'static str,
    text: String,
    pass: bool,
    got: String,
}

fn show(v: &Option<TimeValue>) -> String {
    match v {
        Some(v) => format!(
            "{}..{} {:?} {:?}",
            v.from_iso().unwrap_or_default(),
            v.to_iso().unwrap_or_default(),
            v.precision,
            v.kind
        ),
        None => "no parse".to_string(),
    }
}

fn duckling() -> Vec<Outcome> {
    let cases: Vec<Value> = serde_json::from_str(DUCKLING).unwrap();
    let mut out = Vec::new();
    for c in cases {
        let text = c["text"].as_str().unwrap().to_string();
        let anchor = dt(c["reference"].as_str().unwrap());
        let e = &c["expected"];
        let got = parse_time(&text, Some(anchor));
        // Islamic feasts: our tabular Hijri calendar is documented as
        // within a day or two of Umm al-Qura, so allow one day.
        let hijri = matches!(
            e["holiday"].as_str(),
            Some("عيد الفطر" | "عيد الأضحى" | "رأس السنة الهجرية" | "رمضان")
        );
        let shifts: &[i64] = if hijri { &[0, -1, 1] } else { &[0] };
        let pass = shifts.iter().any(|&sh| {
            let sh = Duration::days(sh);
            match (&got, e["kind"].as_str()) {
                (Some(v), Some("instant")) => {
                    let x = dt(e["value"].as_str().unwrap()) + sh;
                    let g = e["grain"].as_str().unwrap_or("day");
                    contains(v, x, false)
                        && rank(v.precision) <= grain_rank(g).max(1)
                        || (contains(v, x, false) && g == "second")
                }
                (Some(v), Some("interval")) => {
                    let f = dt(e["from"].as_str().unwrap()) + sh;
                    // Duckling's `to` is exclusive.
                    let t = dt(e["to"].as_str().unwrap())
                        - Duration::seconds(1)
                        + sh;
                    in_period(v.from, v.precision, f)
                        && in_last_period(v.to, v.precision, t)
                }
                _ => false,
            }
        });
        out.push(Outcome { suite: "duckling", text, pass, got: show(&got) });
    }
    out
}

fn maha() -> Vec<Outcome> {
    let cases: Vec<Value> = serde_json::from_str(MAHA).unwrap();
    let mut out = Vec::new();
    for c in cases {
        let text = c["text"].as_str().unwrap().to_string();
        let e = &c["expected"];
        let kind = e["kind"].as_str().unwrap_or("");
        if kind == "am_pm" {
            continue; // Not a time: only an AM/PM flag is asserted.
        }
        let anchor = dt(c["reference"].as_str().unwrap());
        let got = parse_time(&text, Some(anchor));
        let pass = match (&got, kind) {
            (Some(v), "instant") => {
                let x = dt(e["value"].as_str().unwrap());
                contains(v, x, e["compare"] == "date")
            }
            (Some(v), "hijri_date") => {
                contains(v, dt(e["gregorian"].as_str().unwrap()), true)
            }
            (Some(v), "interval") => {
                let ok_from = match e["from"].as_str() {
                    Some(f) => in_period(v.from, v.precision, dt(f)),
                    None => v.from.is_none(),
                };
                let ok_to = match e["to"].as_str() {
                    Some(t) => in_last_period(v.to, v.precision, dt(t)),
                    None => true,
                };
                ok_from && ok_to
            }
            _ => false,
        };
        out.push(Outcome { suite: "maha", text, pass, got: show(&got) });
    }
    out
}

fn dateparser() -> Vec<Outcome> {
    let cases: Vec<Value> = serde_json::from_str(DATEPARSER).unwrap();
    let mut out = Vec::new();
    for c in cases {
        let kind = c["kind"].as_str().unwrap_or("");
        if !matches!(kind, "relative" | "hijri" | "translation") {
            continue;
        }
        let text = c["text"].as_str().unwrap().to_string();
        let anchor = c["reference"].as_str().map(dt);
        let Some(exp) = c["expected"].as_str() else { continue };
        let got = parse_time(&text, anchor);
        let x = dt(exp);
        let date_only = kind == "relative";
        let pass = got.as_ref().is_some_and(|v| {
            // The Hijri cases are checked to the day: our tabular calendar
            // is documented as approximate.
            contains(v, x, date_only || kind == "hijri")
        });
        out.push(Outcome { suite: "dateparser", text, pass, got: show(&got) });
    }
    out
}

#[test]
fn peer_time_suites() {
    let dis: Vec<Value> = serde_json::from_str(DISAGREE).unwrap();
    let mut disagree: HashMap<(String, String), String> = HashMap::new();
    for d in &dis {
        let key = (
            d["suite"].as_str().unwrap().to_string(),
            d["text"].as_str().unwrap().to_string(),
        );
        let reason = d["reason"].as_str().unwrap().to_string();
        assert!(!reason.is_empty(), "a disagreement needs a reason: {key:?}");
        assert!(
            disagree.insert(key.clone(), reason).is_none(),
            "duplicate {key:?}"
        );
    }
    let verbose = std::env::var("TIME_PEER_VERBOSE").is_ok();
    let mut stale = Vec::new();
    let mut report = Vec::new();
    // Floors guard against regressions (the targets are 85% of
    // Duckling's and 80% of Maha's instants and intervals).
    for (name, outcomes, floor) in [
        ("duckling", duckling(), 0.95),
        ("maha", maha(), 0.85),
        ("dateparser", dateparser(), 0.73),
    ] {
        let total = outcomes.len();
        let passed = outcomes.iter().filter(|o| o.pass).count();
        let mut dis_n = 0;
        for o in &outcomes {
            let key = (o.suite.to_string(), o.text.clone());
            if disagree.contains_key(&key) {
                dis_n += 1;
                if o.pass {
                    stale.push(key);
                }
            } else if !o.pass && verbose {
                eprintln!("FAIL {name}: {:?} -> {}", o.text, o.got);
            }
        }
        let rate = passed as f64 / total as f64;
        let counted = total - dis_n;
        let rate_ex = passed as f64 / counted.max(1) as f64;
        let line = format!(
            "{name}: {passed}/{total} = {:.1}% (recorded disagreements: {dis_n}; \
             {passed}/{counted} = {:.1}% without them)",
            rate * 100.0,
            rate_ex * 100.0
        );
        eprintln!("{line}");
        report.push((name, rate_ex, floor, line));
    }
    assert!(stale.is_empty(), "disagreements that now agree: {stale:?}");
    for (name, rate, floor, line) in report {
        assert!(rate >= floor, "{name} below {floor}: {line}");
    }
}

/// Whether `x` lies in the period that the `to` bound `b` ends.
fn in_last_period(
    b: Option<NaiveDateTime>,
    p: Precision,
    x: NaiveDateTime,
) -> bool {
    b.is_some_and(|b| unit_start(b, p) <= x && x <= to_end(b, p))
}
