//! Resolution of parsed expressions against an anchor (the document
//! date), following the news reading: a bare weekday is the last such day
//! on or before the anchor; a day and month without a year is the nearest
//! past occurrence unless the sentence is about the future.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::hijri;
use super::parse::{Base, Clock, Expr, Nth, Parsed, Part, Unit};
use super::{Precision, TimeKind, TimeValue};
use chrono::{
    Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime,
    Timelike,
};

/// A resolved window: inclusive bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    from: NaiveDateTime,
    to: NaiveDateTime,
    precision: Precision,
}

fn at(d: NaiveDate, h: u32, m: u32) -> Option<NaiveDateTime> {
    Some(d.and_time(NaiveTime::from_hms_opt(h, m, 0)?))
}

fn days(from: NaiveDate, to: NaiveDate, precision: Precision) -> Window {
    Window {
        from: from.and_time(NaiveTime::MIN),
        to: to.and_time(NaiveTime::MIN),
        precision,
    }
}

fn month_window(y: i32, m: u32) -> Option<Window> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(days(first, last, Precision::Month))
}

fn year_window(y: i32) -> Option<Window> {
    Some(days(
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
        Precision::Year,
    ))
}

fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n.unsigned_abs()))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// anchor + n units, as an instant.
fn offset(a: NaiveDateTime, unit: Unit, n: i32) -> Option<NaiveDateTime> {
    let n64 = i64::from(n);
    Some(match unit {
        Unit::Minute => a.checked_add_signed(Duration::try_minutes(n64)?)?,
        Unit::Hour => a.checked_add_signed(Duration::try_hours(n64)?)?,
        Unit::Day => add_days(a.date(), n64)?.and_time(a.time()),
        Unit::Week => {
            add_days(a.date(), n64.checked_mul(7)?)?.and_time(a.time())
        }
        Unit::Month => add_months(a.date(), n)?.and_time(a.time()),
        Unit::Year => {
            add_months(a.date(), n.checked_mul(12)?)?.and_time(a.time())
        }
    })
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Minute => "minute",
        Unit::Hour => "hour",
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
        Unit::Year => "year",
    }
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The unresolved form of an expression (used when there is no anchor),
/// written into one string piece by piece, without the formatting
/// machinery (this runs for most expressions found; `relative_form_by_fmt`
/// of the tests is the `write!` version it is tested against).
fn relative_form(e: &Expr) -> String {
    let mut s = String::with_capacity(32);
    push_relative_form(&mut s, e);
    s
}

/// [`relative_form`] appended to `s` (never empty).
fn push_relative_form(s: &mut String, e: &Expr) {
    let day = |wd: u32| *WEEKDAYS.get(wd as usize).unwrap_or(&"?");
    // `{n}`, `{n:+}` (signed) and `{n:02}` (padded) of `format!`.
    let num = |s: &mut String, n: i64| push_num(s, n, false, 1);
    let signed = |s: &mut String, n: i32| push_num(s, n.into(), true, 1);
    let two = |s: &mut String, n: u32| push_num(s, n.into(), false, 2);
    match e.base {
        Base::Date { y, m, d, hijri } => {
            if hijri && (y.is_some() || m.is_some()) {
                s.push_str("hijri:");
            }
            match (y, m, d) {
                (None, Some(m), Some(d)) => {
                    s.push_str("--");
                    two(s, m);
                    s.push('-');
                    two(s, d);
                }
                (None, Some(m), None) => {
                    s.push_str("--");
                    two(s, m);
                }
                (None, None, Some(d)) => {
                    s.push_str("---");
                    two(s, d);
                }
                (Some(y), m, d) => {
                    num(s, y.into());
                    s.push('-');
                    two(s, m.unwrap_or(0));
                    s.push('-');
                    two(s, d.unwrap_or(0));
                }
                _ => s.push_str("date"),
            }
        }
        Base::Shift { unit, n } => {
            s.push_str(unit_name(unit));
            signed(s, n);
        }
        Base::Ago { unit, n } => {
            s.push_str("now");
            signed(s, n);
            s.push_str(unit_name(unit));
        }
        Base::Recent { unit } => {
            s.push_str("recent:");
            s.push_str(unit_name(unit));
        }
        Base::LastN { unit, n } | Base::NextN { unit, n } => {
            let last = matches!(e.base, Base::LastN { .. });
            s.push_str(if last { "last:" } else { "next:" });
            num(s, n.into());
            s.push_str(unit_name(unit));
        }
        Base::Easter { .. } => s.push_str("easter"),
        Base::HijriYear { n } => {
            s.push_str("hijri:year");
            signed(s, n);
        }
        Base::MinuteOfHour { m } => {
            s.push_str("now:minute=");
            two(s, m);
        }
        Base::Weekday { wd, dir } => {
            s.push_str(day(wd));
            s.push_str(match dir {
                -1 => ":before",
                1 => ":after",
                _ => ":last",
            });
        }
        Base::Season { s: k, .. } => s.push_str(
            ["spring", "summer", "autumn", "winter"]
                .get(k as usize)
                .unwrap_or(&"season"),
        ),
        Base::MonthDay { n, d } => {
            s.push_str("month");
            signed(s, n);
            s.push(':');
            two(s, d);
        }
        Base::WeekWeekday { n, wd } => {
            s.push_str("week");
            signed(s, n);
            s.push(':');
            s.push_str(day(wd));
        }
        Base::Now => s.push_str("now"),
    }
    if let Some(n) = e.year_shift {
        s.push_str(":year");
        signed(s, n);
    }
    if let Some(nth) = e.nth {
        let n = match nth {
            Nth::Weekday { wd, n } => {
                s.push('/');
                s.push_str(day(wd));
                n
            }
            Nth::Day { n } => {
                s.push_str("/day");
                n
            }
            Nth::Week { n } => {
                s.push_str("/week");
                n
            }
        };
        s.push('#');
        num(s, n.into());
    }
    if e.dir == -1 {
        s.push_str(":past");
    } else if e.dir == 1 {
        s.push_str(":next");
    }
    if let Some(p) = e.part {
        s.push_str(match p {
            Part::Start => "/start",
            Part::Early => "/early",
            Part::Middle => "/middle",
            Part::Late => "/late",
        });
    }
    if let Some((a, b)) = e.day_part {
        s.push('T');
        two(s, a);
        s.push('-');
        two(s, b);
    }
    if let Some(c) = e.clock {
        s.push('T');
        two(s, c.h);
        s.push(':');
        two(s, c.m);
    }
}

/// `n` in decimal as `format!` writes it: `-` before a negative number,
/// `+` before any other if `plus` (`{n:+}`), and zeros before the digits
/// up to `width` digits (`{n:02}`; the padded numbers are never signed).
fn push_num(s: &mut String, n: i64, plus: bool, width: u32) {
    if n < 0 {
        s.push('-');
    } else if plus {
        s.push('+');
    }
    let v = n.unsigned_abs();
    let digits = v.checked_ilog10().map_or(1, |l| l + 1);
    for _ in digits..width {
        s.push('0');
    }
    for place in (0..digits).rev() {
        let digit = v / 10u64.pow(place) % 10;
        s.push(char::from_digit(digit as u32, 10).unwrap_or('0'));
    }
}

/// Whether a base needs the anchor to be resolved.
fn is_relative(e: &Expr) -> bool {
    match e.base {
        Base::Date { y, .. } => {
            y.is_none() || y.is_some_and(|y| y < 0) || e.year_shift.is_some()
        }
        Base::Season { y, .. } | Base::Easter { y } => y.is_none(),
        _ => true,
    }
}

fn hijri_year_window(y: i32) -> Option<Window> {
    let a = hijri::to_gregorian(y, 1, 1)?;
    let b = hijri::to_gregorian(y + 1, 1, 1)?.pred_opt()?;
    Some(days(a, b, Precision::Year))
}

fn hijri_month_window(y: i32, m: u32) -> Option<Window> {
    let a = hijri::to_gregorian(y, m, 1)?;
    let b = add_days(a, i64::from(hijri::month_len(y, m)) - 1)?;
    Some(days(a, b, Precision::Month))
}

fn hijri_day(y: i32, m: u32, d: u32) -> Option<Window> {
    let a = hijri::to_gregorian(y, m, d)?;
    Some(days(a, a, Precision::Day))
}

/// The base window of an expression.
fn base_window(
    e: &Expr,
    anchor: Option<NaiveDateTime>,
    future: bool,
) -> Option<Window> {
    let forward = e.dir >= 1 || (future && e.dir == 0);
    let backward = e.dir <= -1;
    // `تشرين الثاني بعد القادم`: one more year out.
    let extra = i32::from(e.dir / 2);
    match e.base {
        Base::Date { y: Some(y), m, d, hijri: false } => match (m, d) {
            (Some(m), Some(d)) => {
                let a = NaiveDate::from_ymd_opt(y, m, d)?;
                Some(days(a, a, Precision::Day))
            }
            (Some(m), None) => month_window(y, m),
            _ => year_window(y),
        },
        Base::Date { y: Some(y), m, d, hijri: true } if y > 0 => {
            match (m, d) {
                (Some(m), Some(d)) => hijri_day(y, m, d),
                (Some(m), None) => hijri_month_window(y, m),
                _ => hijri_year_window(y),
            }
        }
        Base::Date { y: Some(gy), m: Some(m), d, hijri: true } => {
            // A Hijri date in a Gregorian year (`عيد الفطر 2013`).
            let gy = gy.checked_neg()?;
            let start = NaiveDate::from_ymd_opt(gy, 1, 1)?;
            let (hy, _, _) = hijri::from_gregorian(start);
            for y in [hy, hy + 1] {
                let w = match d {
                    Some(d) => hijri_day(y, m, d)?,
                    None => hijri_month_window(y, m)?,
                };
                if w.from.year() == gy {
                    return Some(w);
                }
            }
            None
        }
        Base::Date { y: Some(_), m: None, hijri: true, .. } => None,
        Base::Date { y: None, m, d, hijri } => {
            let a = anchor?.date();
            if hijri {
                let m = m?;
                let (hy, _, _) = hijri::from_gregorian(a);
                let make = |y: i32| match d {
                    Some(d) => hijri_day(y, m, d),
                    None => hijri_month_window(y, m),
                };
                if let Some(n) = e.year_shift {
                    return make(hy.checked_add(n)?);
                }
                let w = make(hy)?;
                if (w.from.date() > a && !forward)
                    || (backward && w.from.date() <= a)
                {
                    return make(hy - 1 + i32::from(e.dir.min(0) / 2));
                }
                if (w.to.date() < a && forward)
                    || (e.dir >= 1 && w.from.date() <= a)
                {
                    return make(hy + 1 + i32::from(e.dir.max(0) / 2));
                }
                return Some(w);
            }
            if let (Some(n), Some(m)) = (e.year_shift, m) {
                let y = a.year().checked_add(n)?;
                return match d {
                    Some(d) => {
                        let date = NaiveDate::from_ymd_opt(y, m, d)?;
                        Some(days(date, date, Precision::Day))
                    }
                    None => month_window(y, m),
                };
            }
            match (m, d) {
                (Some(m), Some(d)) => {
                    let make = |y: i32| NaiveDate::from_ymd_opt(y, m, d);
                    let mut date =
                        make(a.year()).or_else(|| make(a.year() - 1))?;
                    if (date > a && !forward) || (backward && date >= a) {
                        date = make(date.year() - 1)?;
                    } else if date < a && forward {
                        date = make(date.year() + 1)?;
                    }
                    if extra != 0 {
                        date = make(date.year().checked_add(extra)?)?;
                    }
                    Some(days(date, date, Precision::Day))
                }
                (Some(m), None) => {
                    let mut y = a.year();
                    if (m > a.month() && !forward)
                        || (backward && m >= a.month())
                    {
                        y -= 1;
                    } else if m < a.month() && forward {
                        y += 1;
                    }
                    month_window(y.checked_add(extra)?, m)
                }
                (None, Some(d)) if e.wd.is_some() => {
                    // The nearest month in which day d is that weekday.
                    let wd = e.wd?;
                    let first =
                        NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?;
                    let mut best: Option<NaiveDate> = None;
                    for k in -12..=12 {
                        let Some(f) = add_months(first, k) else { continue };
                        let Some(date) =
                            NaiveDate::from_ymd_opt(f.year(), f.month(), d)
                        else {
                            continue;
                        };
                        if date.weekday().num_days_from_monday() != wd {
                            continue;
                        }
                        let dist = (date - a).num_days().abs();
                        if best.is_none_or(|b| dist < (b - a).num_days().abs())
                        {
                            best = Some(date);
                        }
                    }
                    let date = best?;
                    Some(days(date, date, Precision::Day))
                }
                (None, Some(d)) => {
                    let first =
                        NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?;
                    let first = if d > a.day() {
                        add_months(first, -1)?
                    } else {
                        first
                    };
                    let date = NaiveDate::from_ymd_opt(
                        first.year(),
                        first.month(),
                        d,
                    )?;
                    Some(days(date, date, Precision::Day))
                }
                _ => None,
            }
        }
        Base::Shift { unit, n } => {
            let a = anchor?;
            let t = offset(a, unit, n)?;
            let d = t.date();
            Some(match unit {
                Unit::Minute | Unit::Hour => {
                    let p = if unit == Unit::Hour {
                        Precision::Hour
                    } else {
                        Precision::Minute
                    };
                    Window { from: t, to: t, precision: p }
                }
                Unit::Day => days(d, d, Precision::Day),
                Unit::Week => {
                    let mon = add_days(
                        d,
                        -i64::from(d.weekday().num_days_from_monday()),
                    )?;
                    days(mon, add_days(mon, 6)?, Precision::Week)
                }
                Unit::Month => month_window(d.year(), d.month())?,
                Unit::Year => year_window(d.year())?,
            })
        }
        Base::Ago { unit, n } => {
            let t = offset(anchor?, unit, n)?;
            Some(match unit {
                Unit::Minute => {
                    Window { from: t, to: t, precision: Precision::Minute }
                }
                Unit::Hour => {
                    Window { from: t, to: t, precision: Precision::Hour }
                }
                _ => days(t.date(), t.date(), Precision::Day),
            })
        }
        Base::Recent { unit } => {
            let a = anchor?;
            let (back, near) = match unit {
                Unit::Minute => (Unit::Minute, 1),
                Unit::Hour => (Unit::Hour, 1),
                Unit::Day => (Unit::Day, 10),
                Unit::Week => (Unit::Week, 8),
                Unit::Month => (Unit::Month, 12),
                Unit::Year => (Unit::Year, 10),
            };
            if matches!(unit, Unit::Minute | Unit::Hour) {
                let f = offset(a, back, -60)?;
                return Some(Window {
                    from: f,
                    to: a,
                    precision: Precision::Minute,
                });
            }
            let f = offset(a, back, -near)?.date();
            let t = add_days(a.date(), -1)?;
            Some(days(f, t, Precision::Day))
        }
        Base::LastN { unit, n } => {
            let a = anchor?;
            let f = offset(a, unit, -i32::try_from(n).ok()?)?;
            Some(days(f.date(), a.date(), Precision::Day))
        }
        Base::Weekday { wd, dir } => {
            let a = anchor?.date();
            let cur = i64::from(a.weekday().num_days_from_monday());
            let wd = i64::from(wd);
            let back = (cur - wd).rem_euclid(7);
            let fwd = (wd - cur).rem_euclid(7);
            let delta = match dir {
                -2 => -(if back == 0 { 7 } else { back }) - 7,
                2 => (if fwd == 0 { 7 } else { fwd }) + 7,
                -1 => -(if back == 0 { 7 } else { back }),
                1 => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                _ if future => fwd,
                _ => -back,
            };
            let d = add_days(a, delta)?;
            Some(days(d, d, Precision::Day))
        }
        Base::Season { s, y } => {
            let year = match y {
                Some(y) => y,
                None => anchor?.year() + i32::from(e.dir.clamp(-1, 1)),
            };
            let (m1, y2, m2) = match s {
                0 => (3, year, 5),
                1 => (6, year, 8),
                2 => (9, year, 11),
                _ => (12, year.checked_add(1)?, 2),
            };
            let a = NaiveDate::from_ymd_opt(year, m1, 1)?;
            let b = month_window(y2, m2)?.to.date();
            Some(days(a, b, Precision::Season))
        }
        Base::MonthDay { n, d } => {
            let a = anchor?.date();
            let first = add_months(
                NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?,
                n,
            )?;
            let date =
                NaiveDate::from_ymd_opt(first.year(), first.month(), d)?;
            Some(days(date, date, Precision::Day))
        }
        Base::NextN { unit, n } => {
            let a = anchor?;
            let n = i32::try_from(n).ok()?;
            let next = Expr::new(Base::Shift { unit, n: 1 });
            let first = base_window(&next, Some(a), future)?;
            let last = Expr::new(Base::Shift { unit, n });
            let last = base_window(&last, Some(a), future)?;
            Some(Window {
                from: first.from,
                to: last.to,
                precision: first.precision,
            })
        }
        Base::HijriYear { n } => {
            let (hy, _, _) = hijri::from_gregorian(anchor?.date());
            hijri_year_window(hy.checked_add(n)?)
        }
        Base::MinuteOfHour { m } => {
            let a = anchor?;
            let t = at(a.date(), a.time().hour(), m)?;
            Some(Window { from: t, to: t, precision: Precision::Minute })
        }
        Base::Easter { y } => {
            let d = match y {
                Some(y) => easter(y)?,
                None => {
                    let a = anchor?.date();
                    let d = easter(a.year())?;
                    if d > a && !forward {
                        easter(a.year() - 1)?
                    } else if d < a && forward {
                        easter(a.year() + 1)?
                    } else {
                        d
                    }
                }
            };
            Some(days(d, d, Precision::Day))
        }
        Base::WeekWeekday { n, wd } => {
            let a = anchor?.date();
            let mon =
                add_days(a, -i64::from(a.weekday().num_days_from_monday()))?;
            let d = add_days(mon, i64::from(n) * 7 + i64::from(wd))?;
            Some(days(d, d, Precision::Day))
        }
        Base::Now => {
            let a = anchor?;
            Some(Window { from: a, to: a, precision: Precision::Minute })
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian
/// computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(
        y,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// Picks the n-th weekday, day or week inside a month window.
fn apply_nth(w: Window, nth: Nth) -> Option<Window> {
    let (first, last) = (w.from.date(), w.to.date());
    let dow = |d: NaiveDate| i64::from(d.weekday().num_days_from_monday());
    let pick = |d: NaiveDate| (d >= first && d <= last).then_some(d);
    match nth {
        Nth::Weekday { wd, n } => {
            let wd = i64::from(wd);
            let d = if n > 0 {
                let f = add_days(first, (wd - dow(first)).rem_euclid(7))?;
                add_days(f, 7 * (i64::from(n) - 1))?
            } else {
                add_days(last, -(dow(last) - wd).rem_euclid(7))?
            };
            let d = pick(d)?;
            Some(days(d, d, Precision::Day))
        }
        Nth::Day { n } => {
            let d =
                if n > 0 { add_days(first, i64::from(n) - 1)? } else { last };
            let d = pick(d)?;
            Some(days(d, d, Precision::Day))
        }
        Nth::Week { n } => {
            let mon = if n > 0 {
                let f = add_days(first, (-dow(first)).rem_euclid(7))?;
                add_days(f, 7 * (i64::from(n) - 1))?
            } else {
                // The last week that ends inside the month.
                add_days(last, -(dow(last) + 1) % 7 - 6)?
            };
            let sun = add_days(mon, 6)?;
            pick(mon)?;
            pick(sun)?;
            Some(days(mon, sun, Precision::Week))
        }
    }
}

fn apply_part(w: Window, part: Part) -> Option<Window> {
    let (a, b) = (w.from.date(), w.to.date());
    let len = (b - a).num_days() + 1;
    if w.precision == Precision::Month {
        let (s, e) = match part {
            Part::Start => (1, 15),
            Part::Early => (1, 10),
            Part::Middle => (11, 20),
            Part::Late => (21, len),
        };
        let f = add_days(a, s - 1)?;
        let t = add_days(a, e.min(len) - 1)?;
        return Some(days(f, t, Precision::Day));
    }
    if w.precision == Precision::Year {
        let (s, e) = match part {
            Part::Start | Part::Early => (1, 3),
            Part::Middle => (5, 8),
            Part::Late => (10, 12),
        };
        let f = add_months(a, s - 1)?;
        let t = add_months(a, e)?.pred_opt()?;
        return Some(days(f, t, Precision::Month));
    }
    // A season or any other span: thirds.
    let third = (len / 3).max(1);
    let (s, e) = match part {
        Part::Start | Part::Early => (0, third - 1),
        Part::Middle => (third, 2 * third - 1),
        Part::Late => (len - third, len - 1),
    };
    Some(days(add_days(a, s)?, add_days(a, e)?, Precision::Day))
}

fn apply_clock(w: Window, c: Clock) -> Option<Window> {
    let t = at(w.from.date(), c.h, c.m)?;
    let p = if c.minutes { Precision::Minute } else { Precision::Hour };
    Some(Window { from: t, to: t, precision: p })
}

fn window(
    e: &Expr,
    anchor: Option<NaiveDateTime>,
    future: bool,
) -> Option<Window> {
    let mut w = base_window(e, anchor, future)?;
    if let Some(nth) = e.nth {
        w = apply_nth(w, nth)?;
    }
    if let Some(p) = e.part {
        w = apply_part(w, p)?;
    }
    if let Some(c) = e.clock {
        w = apply_clock(w, c)?;
    } else if let Some((a, b)) = e.day_part {
        if w.precision != Precision::Day {
            return Some(w);
        }
        w = Window {
            from: at(w.from.date(), a, 0)?,
            to: at(w.from.date(), b, 59)?,
            precision: Precision::PartOfDay,
        };
    }
    Some(w)
}

/// Resolves a parsed expression. Without an anchor, relative expressions
/// keep only their relative form.
pub(crate) fn resolve(
    p: &Parsed,
    anchor: Option<NaiveDateTime>,
    future: bool,
) -> TimeValue {
    resolve_with(p, anchor, || future)
}

/// [`resolve`] where whether the sentence speaks about the future is
/// asked of `future` only when a window is resolved (not for a relative
/// expression without an anchor, which keeps its relative form only).
pub(crate) fn resolve_with(
    p: &Parsed,
    anchor: Option<NaiveDateTime>,
    mut future: impl FnMut() -> bool,
) -> TimeValue {
    // The window of an expression, and whether it is relative.
    let mut one = |e: &Expr| {
        let rel = is_relative(e);
        let w = if rel && anchor.is_none() {
            None
        } else {
            window(e, anchor, future())
        };
        (w, rel)
    };
    match p {
        Parsed::One(e) => {
            let (w, rel) = one(e);
            let relative = rel.then(|| relative_form(e));
            let kind = match w {
                Some(w) if w.from != w.to && w.precision == Precision::Day => {
                    TimeKind::Interval
                }
                _ => TimeKind::Point,
            };
            TimeValue {
                from: w.map(|w| w.from),
                to: w.map(|w| w.to),
                precision: w
                    .map_or_else(|| natural_precision(e), |w| w.precision),
                kind,
                relative,
                gmt: e.gmt,
                bound: None,
            }
        }
        Parsed::Span { kind, a, b } => {
            let ra = a.as_ref().map(&mut one);
            let rb = b.as_ref().map(&mut one);
            let wa = ra.as_ref().and_then(|r| r.0);
            let wb = rb.as_ref().and_then(|r| r.0);
            // The relative forms of the ends, joined by `..` (an open
            // span has it at its open end), written into one string.
            let fa = a.as_ref().filter(|_| ra.is_some_and(|r| r.1));
            let fb = b.as_ref().filter(|_| rb.is_some_and(|r| r.1));
            let relative = (fa.is_some() || fb.is_some()).then(|| {
                let mut s = String::with_capacity(48);
                if *kind == TimeKind::OpenStart {
                    s.push_str("..");
                }
                if let Some(e) = fa {
                    push_relative_form(&mut s, e);
                }
                if !matches!(kind, TimeKind::OpenEnd | TimeKind::OpenStart)
                    && fa.is_some()
                    && fb.is_some()
                {
                    s.push_str("..");
                }
                if let Some(e) = fb {
                    push_relative_form(&mut s, e);
                }
                if *kind == TimeKind::OpenEnd {
                    s.push_str("..");
                }
                s
            });
            let precision = wa
                .or(wb)
                .map(|w| w.precision)
                .or_else(|| a.as_ref().or(b.as_ref()).map(natural_precision))
                .unwrap_or(Precision::Day);
            let (from, to) = match kind {
                TimeKind::OpenEnd => {
                    let to = anchor.map(|a| match precision {
                        Precision::Minute
                        | Precision::Hour
                        | Precision::PartOfDay => a,
                        _ => a.date().and_time(NaiveTime::MIN),
                    });
                    // `منذ X` with X after the document date: the window
                    // of X itself, never an end before the start.
                    let to = match (wa, to) {
                        (Some(w), Some(t)) if t < w.from => Some(w.to),
                        (Some(_), t) => t,
                        (None, _) => None,
                    };
                    (wa.map(|w| w.from), to)
                }
                TimeKind::OpenStart => (None, wb.map(|w| w.to)),
                _ => match (wa, wb) {
                    (Some(x), Some(y)) if x.from <= y.to => {
                        (Some(x.from), Some(y.to))
                    }
                    (Some(x), Some(y)) => {
                        // `من السادسة للخامسة غدا`-like reversed clocks.
                        (Some(x.from), Some(y.to.max(x.to)))
                    }
                    _ => (None, None),
                },
            };
            let bound = match kind {
                TimeKind::OpenEnd => wa,
                TimeKind::OpenStart => wb,
                _ => None,
            };
            TimeValue {
                from,
                to,
                precision,
                kind: *kind,
                relative,
                gmt: a.is_some_and(|e| e.gmt) || b.is_some_and(|e| e.gmt),
                bound: bound.map(|w| (w.from, w.to)),
            }
        }
    }
}

fn natural_precision(e: &Expr) -> Precision {
    if let Some(c) = e.clock {
        return if c.minutes { Precision::Minute } else { Precision::Hour };
    }
    if e.day_part.is_some() {
        return Precision::PartOfDay;
    }
    if e.part.is_some() {
        return Precision::Day;
    }
    match e.base {
        Base::Date { d: Some(_), .. }
        | Base::Weekday { .. }
        | Base::WeekWeekday { .. }
        | Base::MonthDay { .. } => Precision::Day,
        Base::Date { m: Some(_), .. } => Precision::Month,
        Base::Date { .. } => Precision::Year,
        Base::Shift { unit, .. } | Base::Ago { unit, .. } => match unit {
            Unit::Minute => Precision::Minute,
            Unit::Hour => Precision::Hour,
            Unit::Day => Precision::Day,
            Unit::Week => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Year => Precision::Year,
        },
        Base::Season { .. } => Precision::Season,
        Base::HijriYear { .. } => Precision::Year,
        Base::MinuteOfHour { .. } => Precision::Minute,
        Base::Recent { .. } | Base::LastN { .. } | Base::Easter { .. } => {
            Precision::Day
        }
        Base::NextN { unit, .. } => match unit {
            Unit::Week => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Year => Precision::Year,
            _ => Precision::Day,
        },
        Base::Now => Precision::Minute,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// [`relative_form`] written with `write!`, as it was: its test reference.
    fn relative_form_by_fmt(e: &Expr) -> String {
        use std::fmt::Write as _;
        let mut s = String::with_capacity(32);
        let day = |wd: u32| *WEEKDAYS.get(wd as usize).unwrap_or(&"?");
        let _ = match e.base {
            Base::Date { y, m, d, hijri } => {
                let cal = if hijri { "hijri:" } else { "" };
                match (y, m, d) {
                    (None, Some(m), Some(d)) => {
                        write!(s, "{cal}--{m:02}-{d:02}")
                    }
                    (None, Some(m), None) => write!(s, "{cal}--{m:02}"),
                    (None, None, Some(d)) => write!(s, "---{d:02}"),
                    (Some(y), m, d) => write!(
                        s,
                        "{cal}{y}-{:02}-{:02}",
                        m.unwrap_or(0),
                        d.unwrap_or(0)
                    ),
                    _ => write!(s, "date"),
                }
            }
            Base::Shift { unit, n } => write!(s, "{}{n:+}", unit_name(unit)),
            Base::Ago { unit, n } => write!(s, "now{n:+}{}", unit_name(unit)),
            Base::Recent { unit } => write!(s, "recent:{}", unit_name(unit)),
            Base::LastN { unit, n } => {
                write!(s, "last:{n}{}", unit_name(unit))
            }
            Base::NextN { unit, n } => {
                write!(s, "next:{n}{}", unit_name(unit))
            }
            Base::Easter { .. } => write!(s, "easter"),
            Base::HijriYear { n } => write!(s, "hijri:year{n:+}"),
            Base::MinuteOfHour { m } => write!(s, "now:minute={m:02}"),
            Base::Weekday { wd, dir } => {
                let d = match dir {
                    -1 => "before",
                    1 => "after",
                    _ => "last",
                };
                write!(s, "{}:{d}", day(wd))
            }
            Base::Season { s: k, .. } => write!(
                s,
                "{}",
                ["spring", "summer", "autumn", "winter"]
                    .get(k as usize)
                    .unwrap_or(&"season")
            ),
            Base::MonthDay { n, d } => write!(s, "month{n:+}:{d:02}"),
            Base::WeekWeekday { n, wd } => write!(s, "week{n:+}:{}", day(wd)),
            Base::Now => write!(s, "now"),
        };
        if let Some(n) = e.year_shift {
            let _ = write!(s, ":year{n:+}");
        }
        if let Some(nth) = e.nth {
            let _ = match nth {
                Nth::Weekday { wd, n } => {
                    write!(s, "/{}#{n}", day(wd))
                }
                Nth::Day { n } => write!(s, "/day#{n}"),
                Nth::Week { n } => write!(s, "/week#{n}"),
            };
        }
        if e.dir == -1 {
            s.push_str(":past");
        } else if e.dir == 1 {
            s.push_str(":next");
        }
        if let Some(p) = e.part {
            s.push_str(match p {
                Part::Start => "/start",
                Part::Early => "/early",
                Part::Middle => "/middle",
                Part::Late => "/late",
            });
        }
        if let Some((a, b)) = e.day_part {
            let _ = write!(s, "T{a:02}-{b:02}");
        }
        if let Some(c) = e.clock {
            let _ = write!(s, "T{:02}:{:02}", c.h, c.m);
        }
        s
    }

    /// [`relative_form`] writes what `write!` writes, for every base with
    /// numbers around every edge (zero, one and two digits, negative,
    /// extreme) and every suffix.
    #[test]
    fn relative_forms_are_formats() {
        let ints =
            [0, 1, -1, 9, 10, -10, 99, 100, -100, 2017, i32::MAX, i32::MIN];
        let uints = [0, 1, 9, 10, 12, 31, 99, 100, 12345, u32::MAX];
        let units = [
            Unit::Minute,
            Unit::Hour,
            Unit::Day,
            Unit::Week,
            Unit::Month,
            Unit::Year,
        ];
        let mut bases = vec![
            Base::Now,
            Base::Easter { y: None },
            Base::Easter { y: Some(2017) },
        ];
        for &n in &ints {
            bases.push(Base::HijriYear { n });
            for &d in &uints {
                bases.push(Base::MonthDay { n, d });
                bases.push(Base::WeekWeekday { n, wd: d % 9 });
            }
            for &unit in &units {
                bases.push(Base::Shift { unit, n });
                bases.push(Base::Ago { unit, n });
            }
        }
        for &n in &uints {
            bases.push(Base::MinuteOfHour { m: n });
            bases.push(Base::Season { s: n % 6, y: None });
            for dir in [-1, 0, 1, 2] {
                bases.push(Base::Weekday { wd: n % 9, dir });
            }
            for &unit in &units {
                bases.push(Base::Recent { unit });
                bases.push(Base::LastN { unit, n });
                bases.push(Base::NextN { unit, n });
            }
        }
        let opt = |v: &[u32]| {
            std::iter::once(None)
                .chain(v.iter().copied().map(Some))
                .collect::<Vec<_>>()
        };
        let years: Vec<_> = std::iter::once(None)
            .chain(ints.iter().copied().map(Some))
            .collect();
        for y in &years {
            for m in opt(&uints) {
                for d in opt(&uints) {
                    for hijri in [false, true] {
                        bases.push(Base::Date { y: *y, m, d, hijri });
                    }
                }
            }
        }
        let nths = [
            None,
            Some(Nth::Weekday { wd: 3, n: -1 }),
            Some(Nth::Weekday { wd: 8, n: 2 }),
            Some(Nth::Day { n: 10 }),
            Some(Nth::Week { n: i8::MIN }),
        ];
        let clocks = [
            None,
            Some(Clock { h: 9, m: 5, minutes: true, ampm: false }),
            Some(Clock { h: 23, m: 59, minutes: true, ampm: true }),
            Some(Clock { h: 120, m: 0, minutes: false, ampm: false }),
        ];
        let mut n = 0;
        for (k, &base) in bases.iter().enumerate() {
            let mut e = Expr::new(base);
            assert_eq!(relative_form(&e), relative_form_by_fmt(&e));
            // Suffixes, a few at a time.
            e.year_shift = [None, Some(-1), Some(0), Some(12)][k % 4];
            e.nth = nths[k % nths.len()];
            e.dir = [-1, 0, 1][k % 3];
            e.part = [
                None,
                Some(Part::Start),
                Some(Part::Early),
                Some(Part::Middle),
                Some(Part::Late),
            ][k % 5];
            e.day_part =
                [None, Some((6, 11)), Some((18, 23)), Some((0, 100))][k % 4];
            e.clock = clocks[k % clocks.len()];
            assert_eq!(relative_form(&e), relative_form_by_fmt(&e));
            n += 1;
        }
        assert!(n > 1000, "{n}");
    }
}
