//! Table tests of every rule, one line per case: input, anchor, expected
//! `from`, `to`, precision.

use super::{parse_time, Precision, TimeKind};
use chrono::NaiveDateTime;

fn anchor(s: &str) -> Option<NaiveDateTime> {
    let s =
        if s.len() == 10 { format!("{s}T00:00:00") } else { s.to_string() };
    Some(NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").unwrap())
}

/// `t!(input, anchor, from, to)` or with a precision/kind check.
macro_rules! t {
    ($input:expr, $anchor:expr, $from:expr, $to:expr) => {{
        let v = parse_time($input, anchor($anchor))
            .unwrap_or_else(|| panic!("no parse: {}", $input));
        assert_eq!(
            (v.from_iso().as_deref(), v.to_iso().as_deref()),
            ($from, $to),
            "{} @ {}",
            $input,
            $anchor
        );
        v
    }};
    ($input:expr, $anchor:expr, $from:expr, $to:expr, $p:ident) => {{
        let v = t!($input, $anchor, $from, $to);
        assert_eq!(v.precision, Precision::$p, "{}", $input);
        v
    }};
    ($input:expr, $anchor:expr, $from:expr, $to:expr, $p:ident, $k:ident) => {{
        let v = t!($input, $anchor, $from, $to, $p);
        assert_eq!(v.kind, TimeKind::$k, "{}", $input);
    }};
}

const A: &str = "2017-06-01"; // a Thursday

#[test]
fn month_names() {
    t!("كانون الثاني 2017", A, Some("2017-01-01"), Some("2017-01-31"), Month);
    t!("كانون ثاني 2017", A, Some("2017-01-01"), Some("2017-01-31"));
    t!("شباط 2016", A, Some("2016-02-01"), Some("2016-02-29"));
    t!("آذار 2017", A, Some("2017-03-01"), Some("2017-03-31"));
    t!("أذار 2017", A, Some("2017-03-01"), Some("2017-03-31"));
    t!("اذار 2017", A, Some("2017-03-01"), Some("2017-03-31"));
    t!("نيسان 2017", A, Some("2017-04-01"), Some("2017-04-30"));
    t!("أيار 2017", A, Some("2017-05-01"), Some("2017-05-31"));
    t!("آيار 2017", A, Some("2017-05-01"), Some("2017-05-31"));
    t!("حزيران 2017", A, Some("2017-06-01"), Some("2017-06-30"));
    t!("تموز 2017", A, Some("2017-07-01"), Some("2017-07-31"));
    t!("آب 2016", A, Some("2016-08-01"), Some("2016-08-31"));
    t!("أيلول 2016", A, Some("2016-09-01"), Some("2016-09-30"));
    t!("تشرين الأول 2016", A, Some("2016-10-01"), Some("2016-10-31"));
    t!("تشرين الثاني 2016", A, Some("2016-11-01"), Some("2016-11-30"));
    t!("كانون الأول 2016", A, Some("2016-12-01"), Some("2016-12-31"));
    t!("يناير 2017", A, Some("2017-01-01"), Some("2017-01-31"));
    t!("يونيه 2017", A, Some("2017-06-01"), Some("2017-06-30"));
    t!("يوليه 2016", A, Some("2016-07-01"), Some("2016-07-31"));
    t!("ابريل 2017", A, Some("2017-04-01"), Some("2017-04-30"));
    t!("اغسطس 2016", A, Some("2016-08-01"), Some("2016-08-31"));
    t!("ديسمبر 2016", A, Some("2016-12-01"), Some("2016-12-31"));
    t!("جانفي 2017", A, Some("2017-01-01"), Some("2017-01-31"));
    t!("فيفري 2017", A, Some("2017-02-01"), Some("2017-02-28"));
    t!("أفريل 2017", A, Some("2017-04-01"), Some("2017-04-30"));
    t!("ماي 2017", A, Some("2017-05-01"), Some("2017-05-31"));
    t!("جوان 2017", A, Some("2017-06-01"), Some("2017-06-30"));
    t!("جويلية 2016", A, Some("2016-07-01"), Some("2016-07-31"));
    t!("أوت 2016", A, Some("2016-08-01"), Some("2016-08-31"));
    // Paired forms.
    t!("أيار/مايو 2017", A, Some("2017-05-01"), Some("2017-05-31"));
    t!("آيار/ مايو 2017", A, Some("2017-05-01"), Some("2017-05-31"));
    t!("نوفمبر/تشرين الثاني 2016", A, Some("2016-11-01"), Some("2016-11-30"));
    t!("(يونيو) حزيران 2016", A, Some("2016-06-01"), Some("2016-06-30"));
    t!("شهر تموز 2016", A, Some("2016-07-01"), Some("2016-07-31"));
    // Without a year: the nearest past occurrence.
    t!("شهر تموز", A, Some("2016-07-01"), Some("2016-07-31"));
    t!("أيار", A, Some("2017-05-01"), Some("2017-05-31"));
}

#[test]
fn absolute_dates() {
    t!("15 أيار 2017", A, Some("2017-05-15"), Some("2017-05-15"), Day, Point);
    t!("15 من شهر آيار/ مايو", A, Some("2017-05-15"), Some("2017-05-15"));
    t!("في الـ25 من آيار", A, Some("2017-05-25"), Some("2017-05-25"));
    t!("2017/5/15", A, Some("2017-05-15"), Some("2017-05-15"));
    t!("15/5/2017", A, Some("2017-05-15"), Some("2017-05-15"));
    t!("15-5-2017", A, Some("2017-05-15"), Some("2017-05-15"));
    t!("١٥ أيار ٢٠١٧", A, Some("2017-05-15"), Some("2017-05-15"));
    t!(
        "الثالث من كانون الثاني 2017",
        A,
        Some("2017-01-03"),
        Some("2017-01-03")
    );
    t!("العام 2014", A, Some("2014-01-01"), Some("2014-12-31"), Year);
    t!("عام 2014", A, Some("2014-01-01"), Some("2014-12-31"));
    t!("في 2017", A, Some("2017-01-01"), Some("2017-12-31"));
    // Day and month without a year: nearest past, or next when the
    // sentence is about the future.
    t!("20 حزيران", A, Some("2016-06-20"), Some("2016-06-20"));
    t!("20 حزيران المقبل", A, Some("2017-06-20"), Some("2017-06-20"));
    t!("في الـ25", A, Some("2017-05-25"), Some("2017-05-25"));
    assert!(parse_time("32/13/2017", anchor(A)).is_none());
}

#[test]
fn weekdays_and_parts_of_day() {
    // 2017-06-01 is a Thursday.
    t!("الإثنين", A, Some("2017-05-29"), Some("2017-05-29"), Day);
    t!("الخميس", A, Some("2017-06-01"), Some("2017-06-01"));
    t!("يوم الخميس", A, Some("2017-06-01"), Some("2017-06-01"));
    t!("الخميس الماضي", A, Some("2017-05-25"), Some("2017-05-25"));
    t!("الخميس المقبل", A, Some("2017-06-08"), Some("2017-06-08"));
    t!(
        "ليل الإثنين",
        A,
        Some("2017-05-29T18:00:00"),
        Some("2017-05-29T23:59:00"),
        PartOfDay
    );
    t!(
        "ليلة الأحد",
        A,
        Some("2017-05-28T18:00:00"),
        Some("2017-05-28T23:59:00")
    );
    t!(
        "فجر يوم أمس الجمعة",
        "2020-09-12",
        Some("2020-09-11T00:00:00"),
        Some("2020-09-11T05:59:00")
    );
    t!(
        "مساء الخميس",
        A,
        Some("2017-06-01T18:00:00"),
        Some("2017-06-01T23:59:00")
    );
    t!(
        "صباح اليوم",
        A,
        Some("2017-06-01T06:00:00"),
        Some("2017-06-01T11:59:00")
    );
    t!(
        "ظهر أمس السبت",
        "2020-09-13",
        Some("2020-09-12T12:00:00"),
        Some("2020-09-12T14:59:00")
    );
}

#[test]
fn relative_expressions() {
    t!("اليوم", A, Some("2017-06-01"), Some("2017-06-01"), Day);
    t!("أمس", A, Some("2017-05-31"), Some("2017-05-31"));
    t!("أول أمس", A, Some("2017-05-30"), Some("2017-05-30"));
    t!("غداً", A, Some("2017-06-02"), Some("2017-06-02"));
    t!(
        "الليلة الماضية",
        A,
        Some("2017-05-31T18:00:00"),
        Some("2017-05-31T23:59:00")
    );
    t!("الأسبوع الماضي", A, Some("2017-05-22"), Some("2017-05-28"), Week);
    t!("الأسبوع المنصرم", A, Some("2017-05-22"), Some("2017-05-28"));
    t!("الأسبوع الفائت", A, Some("2017-05-22"), Some("2017-05-28"));
    t!("الشهر الماضي", A, Some("2017-05-01"), Some("2017-05-31"), Month);
    t!("الشهر الفائت", A, Some("2017-05-01"), Some("2017-05-31"));
    t!("الشهر المنصرم", A, Some("2017-05-01"), Some("2017-05-31"));
    t!("الشهر الجاري", A, Some("2017-06-01"), Some("2017-06-30"));
    t!("الشهر الحالي", A, Some("2017-06-01"), Some("2017-06-30"));
    t!("الشهر المقبل", A, Some("2017-07-01"), Some("2017-07-31"));
    t!("العام الماضي", A, Some("2016-01-01"), Some("2016-12-31"), Year);
    t!("العام الجاري", A, Some("2017-01-01"), Some("2017-12-31"));
    t!("العام المقبل", A, Some("2018-01-01"), Some("2018-12-31"));
    t!("منذ عامين", A, Some("2015-06-01"), Some("2015-06-01"));
    t!("قبل 10 أيام", A, Some("2017-05-22"), Some("2017-05-22"));
    t!("خلال الساعات الـ24 الماضية", A, Some("2017-05-31"), Some("2017-06-01"));
    t!("منذ أيام", A, Some("2017-05-22"), Some("2017-05-31"), Day, Interval);
    t!("مطلع الشهر الحالي", A, Some("2017-06-01"), Some("2017-06-15"));
    t!("بداية الشهر الماضي", A, Some("2017-05-01"), Some("2017-05-15"));
    t!("أوائل شهر تموز المقبل", A, Some("2017-07-01"), Some("2017-07-10"));
    t!("منتصف أيار", A, Some("2017-05-11"), Some("2017-05-20"));
    t!("أواسط أيار", A, Some("2017-05-11"), Some("2017-05-20"));
    t!("نهاية أيلول 2016", A, Some("2016-09-21"), Some("2016-09-30"));
    t!("أواخر العام الماضي", A, Some("2016-10-01"), Some("2016-12-31"));
    t!("بداية فصل الصيف", A, Some("2017-06-01"), Some("2017-06-30"));
    // Without a document date nothing relative gets a date.
    for s in ["أمس", "الإثنين", "الشهر الماضي", "منذ أيام", "15 أيار"]
    {
        let v = parse_time(s, None).unwrap();
        assert_eq!((v.from, v.to), (None, None), "{s}");
        assert!(v.relative.is_some(), "{s}");
    }
    assert_eq!(
        parse_time("أمس", None).unwrap().relative.as_deref(),
        Some("day-1")
    );
}

#[test]
fn spans() {
    t!(
        "منذ العام 2014",
        A,
        Some("2014-01-01"),
        Some("2017-06-01"),
        Year,
        OpenEnd
    );
    t!("منذ نهاية أيلول", A, Some("2016-09-21"), Some("2017-06-01"));
    t!("حتى 31 أيار", A, None, Some("2017-05-31"), Day, OpenStart);
    t!("من 13 إلى 15 تموز 2016", A, Some("2016-07-13"), Some("2016-07-15"));
    t!(
        "من 13 تموز إلى 15 تموز 2016",
        A,
        Some("2016-07-13"),
        Some("2016-07-15")
    );
    t!(
        "بين 2014 و2016",
        A,
        Some("2014-01-01"),
        Some("2016-12-31"),
        Year,
        Interval
    );
    t!(
        "بين أيار 2016 وحزيران 2016",
        A,
        Some("2016-05-01"),
        Some("2016-06-30")
    );
}

#[test]
fn clock_times() {
    t!(
        "التاسعة والنصف مساء",
        A,
        Some("2017-06-01T21:30:00"),
        Some("2017-06-01T21:30:00"),
        Minute
    );
    let v = parse_time("الثامنة (ت غ) مساءً", anchor(A)).unwrap();
    assert_eq!(v.from_iso().as_deref(), Some("2017-06-01T20:00:00"));
    assert!(v.gmt);
    t!(
        "الساعة 3:18",
        A,
        Some("2017-06-01T03:18:00"),
        Some("2017-06-01T03:18:00")
    );
    t!(
        "أمس في الثامنة مساء",
        A,
        Some("2017-05-31T20:00:00"),
        Some("2017-05-31T20:00:00"),
        Hour
    );
    assert!(parse_time("الثالثة", anchor(A)).is_none());
    t!(
        "الثانية عشرة ليلا",
        A,
        Some("2017-06-01T00:00:00"),
        Some("2017-06-01T00:00:00")
    );
    t!(
        "الثانية عشرة ظهرا",
        A,
        Some("2017-06-01T12:00:00"),
        Some("2017-06-01T12:00:00")
    );
    t!(
        "الثالثة ليلا",
        A,
        Some("2017-06-01T03:00:00"),
        Some("2017-06-01T03:00:00")
    );
}

/// Hijri dates with their Umm al-Qura value; the tabular calendar may be
/// one day off (see `hijri.rs`).
macro_rules! h {
    ($input:expr, $from:expr, $to:expr) => {{
        let v = parse_time($input, anchor(A)).unwrap();
        let d = |x: Option<NaiveDateTime>, want: &str| {
            let want = anchor(want).unwrap();
            (x.unwrap() - want).num_days().abs() <= 1
        };
        assert!(d(v.from, $from) && d(v.to, $to), "{}: {:?}", $input, v);
    }};
}

#[test]
fn hijri() {
    h!("رمضان 1438 هـ", "2017-05-27", "2017-06-24");
    h!("عيد الفطر 1438 هـ", "2017-06-25", "2017-06-25");
    h!("عيد الأضحى 2013", "2013-10-15", "2013-10-15");
    h!("1 محرم 1443 هـ", "2021-08-09", "2021-08-09");
    h!("العام 1438 هـ", "2016-10-02", "2017-09-20");
    h!("14-09-1432 هـ", "2011-08-14", "2011-08-14");
    // Without a year: the nearest past occurrence (here the current one).
    h!("شهر رمضان", "2017-05-27", "2017-06-24");
}

/// Every time expression of the seed articles with its expected value.
#[test]
fn seed_expressions() {
    let a0 = "2016-06-21";
    t!("الثلاثاء", a0, Some("2016-06-21"), Some("2016-06-21"));
    t!("الإثنين", a0, Some("2016-06-20"), Some("2016-06-20"));
    t!("الأحد", a0, Some("2016-06-19"), Some("2016-06-19"));
    t!(
        "ليل الإثنين",
        a0,
        Some("2016-06-20T18:00:00"),
        Some("2016-06-20T23:59:00")
    );
    t!("مطلع الشهر الحالي", a0, Some("2016-06-01"), Some("2016-06-15"));
    t!(
        "أمس، في الثامنة (ت غ) مساءً",
        a0,
        Some("2016-06-20T20:00:00"),
        Some("2016-06-20T20:00:00")
    );
    t!("منذ نهاية أذار/مارس", a0, Some("2016-03-21"), Some("2016-06-21"));
    t!(
        "منذ ليل الأحد",
        a0,
        Some("2016-06-19T18:00:00"),
        Some("2016-06-21T00:00:00")
    );
    t!("منذ العام 2014", a0, Some("2014-01-01"), Some("2016-06-21"));
    t!("منذ أيلول/سبتمبر 2014", a0, Some("2014-09-01"), Some("2016-06-21"));
    let a1 = "2017-06-01";
    t!("الأسبوع المنصرم", a1, Some("2017-05-22"), Some("2017-05-28"));
    t!(
        "15 من شهر آيار/ مايو المنصرم",
        a1,
        Some("2017-05-15"),
        Some("2017-05-15")
    );
    t!("31 من الشهر الفائت", a1, Some("2017-05-31"), Some("2017-05-31"));
    t!(
        "الـ25 من آيار / مايو المنصرم",
        a1,
        Some("2017-05-25"),
        Some("2017-05-25")
    );
    t!("لغاية نهاية هذا الشهر", a1, None, Some("2017-06-30"));
    t!(
        "منذ نوفمبر/تشرين الثاني الماضي",
        a1,
        Some("2016-11-01"),
        Some("2017-06-01")
    );
    t!("شهر آيار الماضي", a1, Some("2017-05-01"), Some("2017-05-31"));
    t!("قبل ثلاثة أعوام", a1, Some("2014-06-01"), Some("2014-06-01"));
    let a2 = "2016-05-25";
    t!("أمس", a2, Some("2016-05-24"), Some("2016-05-24"));
    t!("قبل 10 أيام", a2, Some("2016-05-15"), Some("2016-05-15"));
    t!("17 أيار الجاري", a2, Some("2016-05-17"), Some("2016-05-17"));
    t!("14 أيار", a2, Some("2016-05-14"), Some("2016-05-14"));
    let a3 = "2020-09-12";
    t!(
        "منذ التاسعة والنصف مساء يوم الخميس",
        a3,
        Some("2020-09-10T21:30:00"),
        Some("2020-09-12T00:00:00")
    );
    t!("حتى فجر الجمعة", a3, None, Some("2020-09-11T05:59:00"));
    t!("شهر آب الماضي", a3, Some("2020-08-01"), Some("2020-08-31"));
    let a4 = "2017-06-27";
    t!("يوم الاثنين", a4, Some("2017-06-26"), Some("2017-06-26"));
    t!("الشهر الجاري", a4, Some("2017-06-01"), Some("2017-06-30"));
    t!("منذ ايام", a4, Some("2017-06-17"), Some("2017-06-26"));
    t!("منذ 2014", a4, Some("2014-01-01"), Some("2017-06-27"));
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "",
        "منذ",
        "من",
        "بين",
        "الساعة",
        "9999/99/99",
        "31/2/2017",
        "عام 99999999999",
        "قبل 4294967295 يوم",
        "منذ منذ منذ",
        "(ت غ",
        "الـ",
        "1-1-1",
        "بين 2014 و",
    ] {
        let _ = parse_time(s, anchor(A));
        let _ = parse_time(s, None);
    }
    // Runs of operator words stay linear and do not recurse deeply.
    for w in ["حوالي ", "منذ ", "من ", "حتى ", "بين ", "الساعة ", "قبل "]
    {
        let long = w.repeat(50_000);
        let doc = crate::Extractor::builtin()
            .extract(crate::Input::new(&long).with_date(A.parse().unwrap()));
        for t in &doc.times {
            assert_eq!(
                long.get(t.loc.start..t.loc.end),
                Some(t.loc.text.as_str()),
                "{w}"
            );
        }
    }
    // Linear time on long input.
    let long = "منذ أمس الإثنين 15 أيار ".repeat(5000);
    let doc = crate::Extractor::builtin()
        .extract(crate::Input::new(&long).with_date(A.parse().unwrap()));
    assert!(doc.times.len() >= 5000);
    for t in &doc.times {
        assert_eq!(&long[t.loc.start..t.loc.end], t.loc.text);
    }
}

#[test]
fn days_and_weeks_inside_periods() {
    // Duckling's reference: Tuesday 2013-02-12.
    let d = "2013-02-12T04:30:00";
    t!(
        "آخر اثنين من شهر آذار 2013",
        d,
        Some("2013-03-25"),
        Some("2013-03-25")
    );
    t!(
        "الاثنين الأخير من شهر آذار 2013",
        d,
        Some("2013-03-25"),
        Some("2013-03-25")
    );
    t!(
        "اول ثلاثاء من شهر عشرة 2013",
        d,
        Some("2013-10-01"),
        Some("2013-10-01")
    );
    t!(
        "ثالث ثلاثاء في أيلول في سنة 2014",
        d,
        Some("2014-09-16"),
        Some("2014-09-16")
    );
    // A stated date that is not that weekday: the n-th weekday.
    t!(
        "الثلاثاء الثالث من شهر أيلول من عام 2014",
        d,
        Some("2014-09-16"),
        Some("2014-09-16")
    );
    t!(
        "آخر يوم بشهر عشرة سنة 2015",
        d,
        Some("2015-10-31"),
        Some("2015-10-31")
    );
    t!(
        "الأسبوع الأول من شهر عشرة 2014",
        d,
        Some("2014-10-06"),
        Some("2014-10-12"),
        Week
    );
    t!(
        "آخر أسبوع في سبتمبر لعام 2014",
        d,
        Some("2014-09-22"),
        Some("2014-09-28")
    );
    t!("الأحد من الأسبوع الماضي", d, Some("2013-02-10"), Some("2013-02-10"));
    t!("ثلاثاء الأسبوع الفائت", d, Some("2013-02-05"), Some("2013-02-05"));
    t!("الأسبوع القادم يوم الأحد", d, Some("2013-02-24"), Some("2013-02-24"));
    t!("هذا الاثنين", d, Some("2013-02-11"), Some("2013-02-11"));
    // A weekday with a day of the month picks the month that fits.
    t!("السبت السادس عشر", d, Some("2013-02-16"), Some("2013-02-16"));
    t!(
        "الثلاثاء التاسع عشر من هذا الشهر",
        d,
        Some("2013-02-19"),
        Some("2013-02-19")
    );
    t!("الأسابيع الثلاثة القادمة", d, Some("2013-02-18"), Some("2013-03-10"));
    t!("الأيام الثلاثة الماضية", d, Some("2013-02-09"), Some("2013-02-12"));
}

#[test]
fn after_next_and_before_last() {
    let d = "2021-09-01"; // a Wednesday
    t!("العام قبل الماضي", d, Some("2019-01-01"), Some("2019-12-31"));
    t!("الشهر بعد القادم", d, Some("2021-11-01"), Some("2021-11-30"));
    t!("الخميس بعد القادم", d, Some("2021-09-09"), Some("2021-09-09"));
    t!("يوم الإثنين قبل المنصرم", d, Some("2021-08-23"), Some("2021-08-23"));
    t!("اليوم الذي بعد الغد", d, Some("2021-09-03"), Some("2021-09-03"));
    t!("قبل أيام", d, Some("2021-08-22"), Some("2021-08-31"), Day, Interval);
    t!(
        "الساعة الماضية",
        "2021-09-01T10:38:04",
        Some("2021-09-01T09:38:04"),
        Some("2021-09-01T09:38:04"),
        Hour
    );
}

#[test]
fn clock_ranges() {
    let d = "2021-09-01T10:38:04";
    t!(
        "من الساعة 3 الى الساعة 4 بعد العصر",
        d,
        Some("2021-09-01T15:00:00"),
        Some("2021-09-01T16:00:00"),
        Hour,
        Interval
    );
    t!(
        "من الستة للسبعة",
        d,
        Some("2021-09-01T06:00:00"),
        Some("2021-09-01T07:00:00")
    );
    t!(
        "من الأربعة للخمسة بعد العصر",
        d,
        Some("2021-09-01T16:00:00"),
        Some("2021-09-01T17:00:00")
    );
    t!(
        "من السادسة للخامسة غدا",
        d,
        Some("2021-09-01T06:00:00"),
        Some("2021-09-02T05:00:00")
    );
    t!(
        "الخميس من الساعة التاسعة وحتى الساعة الحادية عشرة صباحا",
        d,
        Some("2021-08-26T09:00:00"),
        Some("2021-08-26T11:00:00")
    );
    t!(
        "الساعة الرابعة واربعون دقيقة بعد العصر",
        d,
        Some("2021-09-01T16:40:00"),
        Some("2021-09-01T16:40:00")
    );
    t!(
        "الساعة الثالثة الا ربع",
        d,
        Some("2021-09-01T02:45:00"),
        Some("2021-09-01T02:45:00")
    );
}

#[test]
fn feasts_and_hijri_years() {
    let d = "2021-09-01";
    t!("عيد الميلاد 2020", d, Some("2020-12-25"), Some("2020-12-25"));
    t!("عيد الفصح 2013", d, Some("2013-03-31"), Some("2013-03-31"));
    t!("عيد الفصح", d, Some("2021-04-04"), Some("2021-04-04"));
    h!("رمضان 2019", "2019-05-06", "2019-06-03");
    let v = parse_time("العام الهجري القادم", anchor(d)).unwrap();
    assert_eq!(v.precision, Precision::Year);
    // 1444 AH began on 30 July 2022 (Umm al-Qura).
    let from = v.from.unwrap().date().to_string();
    assert!(
        ["2022-07-29", "2022-07-30", "2022-07-31"].contains(&from.as_str())
    );
}

/// Numbers and words that must not be read as times.
#[test]
fn not_times() {
    let doc = crate::Extractor::builtin().extract(
        crate::Input::new(
            "ارتفع عدد القتلى من 10 الى 15 قتيلا. وشارك 1500 مقاتل. \
             قتل 12 مساء أمس. قال الاب إن ثلاثة أيام مرت. الثالث في الترتيب.",
        )
        .with_date(A.parse().unwrap()),
    );
    let texts: Vec<&str> =
        doc.times.iter().map(|t| t.loc.text.as_str()).collect();
    assert_eq!(texts, ["مساء أمس"]);
    // `باب` (a door) is not August; `وآب` is.
    assert!(parse_time("3 باب", anchor(A)).is_none());
    t!("15 وآب 2016", A, Some("2016-08-15"), Some("2016-08-15"));
}

#[test]
fn bounds_of_open_spans_and_json() {
    let a = anchor("2016-06-21");
    let v = parse_time("منذ ليل الأحد", a).unwrap();
    let (f, t) = v.bound.unwrap();
    assert_eq!(
        (f.to_string(), t.to_string()),
        ("2016-06-19 18:00:00".to_string(), "2016-06-19 23:59:00".to_string())
    );
    let v = parse_time("لغاية 31 أيار", a).unwrap();
    assert_eq!(v.kind, TimeKind::OpenStart);
    assert_eq!(v.from, None);
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["to"], "2016-05-31");
    assert_eq!(json["bound"]["from"], "2016-05-31");
    assert!(json.get("from").is_none());
    // Unresolved: no dates at all, the relative form instead.
    let json =
        serde_json::to_value(parse_time("منذ أيام", None).unwrap()).unwrap();
    assert_eq!(json["relative"], "recent:day");
    assert!(json.get("from").is_none() && json.get("to").is_none());
}

/// Found by fuzzing (`tests/fuzz/testdata/time-crash-c663e5a2…`): `منذ X`
/// with X after the document date ended before it started.
#[test]
fn since_a_time_after_the_document_date_stays_in_order() {
    let a = anchor("2017-06-01");
    let v = parse_time("منذ فبراير 2100", a).unwrap();
    assert_eq!(v.kind, TimeKind::OpenEnd);
    assert_eq!(
        (v.from_iso().unwrap(), v.to_iso().unwrap()),
        ("2100-02-01".to_string(), "2100-02-28".to_string())
    );
    assert!(v.from <= v.to);
    // Before the document date it still runs up to it.
    let v = parse_time("منذ فبراير 2017", a).unwrap();
    assert_eq!(v.to_iso().as_deref(), Some("2017-06-01"));
}

/// Every text of the test material: the seeds, the articles and the
/// texts of the peer suites, each also with clitics and punctuation
/// around it.
fn corpus() -> Vec<String> {
    let mut out = crate::test_texts::articles();
    for t in crate::test_texts::peer_texts() {
        out.push(format!("و{t}"));
        out.push(format!("، {t}، ثم"));
        out.push(format!("قصف ({t}) قرب"));
        out.push(t);
    }
    out
}

/// The shortcuts of `vocab.rs` (tokens the parser cannot read, words
/// that are no expression alone) never skip a token where the parser
/// finds an expression.
#[test]
fn may_begin_never_skips_an_expression() {
    let mut found = 0;
    for text in corpus() {
        let n = crate::normalize(&text);
        let toks = super::parse::tokenize(n.as_str(), 0);
        let p = super::parse::Parser::new(&toks);
        for i in 0..toks.len() {
            if p.parse(i).is_some_and(|(_, end)| end > i) {
                found += 1;
                assert!(
                    super::may_begin(&toks, i),
                    "skipped `{}` (token {i}) in {text}",
                    toks[i].s
                );
            }
        }
    }
    assert!(found > 1000, "{found}");
}

/// Digits that are not four (`vocab::digits_alone_fail`) begin no
/// expression before a token the parser cannot read or before nothing,
/// whatever token comes before them: numbers of one to nine digits
/// (leading zeros too), after nothing, after every word of the table and
/// glued to a letter before them, before dead words that start as the
/// parser's text tests read (`و`, `ب`, `ل`, `ال`, `لل`, ...).
#[test]
fn digits_alone_begin_nothing() {
    use super::parse::{tokenize, Parser};
    use super::vocab;
    let mut numbers: Vec<String> = (0..=130).map(|n| n.to_string()).collect();
    numbers.extend((0..10).map(|n| format!("0{n}")));
    numbers.extend((0..10).map(|n| format!("00{n}")));
    numbers.extend((131..1000).step_by(7).map(|n| n.to_string()));
    numbers.extend(
        ["10000", "20170", "12345", "99999", "123456789", "000"]
            .map(String::from),
    );
    let deads = [
        "قصف",
        "وقصف",
        "بقصف",
        "لقصف",
        "القصف",
        "للقصف",
        "فقصف",
        "كقصف",
        "عنصرا",
    ];
    let mut prevs: Vec<String> = vec![String::new()];
    prevs.extend(vocab::words().entries().map(|(w, _)| w.to_string()));
    let mut n = 0;
    for num in &numbers {
        assert!(vocab::digits_alone_fail(num), "{num}");
        for (k, prev) in prevs.iter().enumerate() {
            // Every number after the first words, every twelfth after
            // the others.
            if k > 40 && (k + num.len()) % 12 != 0 {
                continue;
            }
            for dead in deads.iter().map(Some).chain([None]) {
                for glue in ["", " "] {
                    let text = match dead {
                        Some(d) => format!("{prev}{glue}{num} {d}"),
                        None => format!("{prev}{glue}{num}"),
                    };
                    let toks = tokenize(&text, 0);
                    let Some(i) = toks.iter().rposition(|t| t.s == num) else {
                        continue;
                    };
                    if let Some(t) = toks.get(i + 1) {
                        assert!(!vocab::live(t), "{text}");
                    }
                    assert!(vocab::alone_fails(&toks[i]), "{text}");
                    let p = Parser::new(&toks);
                    assert!(
                        p.parse(i).is_none_or(|(_, end)| end <= i),
                        "{text}"
                    );
                    n += 1;
                }
            }
        }
    }
    assert!(n > 100_000, "{n}");
    for s in ["2017", "1438", "", "12a", "ab", "١٢"] {
        assert!(!vocab::digits_alone_fail(s), "{s}");
    }
}

/// The vocabulary is harvested from the string literals of `parse.rs`
/// and `num.rs` line by line: every line must hold whole literals.
#[test]
fn parser_sources_have_whole_literals_per_line() {
    for src in [include_str!("parse.rs"), include_str!("num.rs")] {
        for line in src.lines() {
            assert!(
                line.matches('"').count() % 2 == 0
                    && !line.contains("\\\"")
                    && !line.contains("r\"")
                    && !line.contains("r#\""),
                "{line}"
            );
        }
    }
    for src in [include_str!("parse.rs"), include_str!("num.rs")] {
        assert!(
            super::vocab::source_literals(src).eq(super::vocab::literals(src))
        );
    }
    // The quote scan splits as `split` does, with an odd last quote too.
    for src in [
        include_str!("parse.rs"),
        include_str!("num.rs"),
        "",
        "\"",
        "a\"b",
        "\"\"",
        "a\"b\"c\"d",
        "\"ا\"\"ب\"ج",
    ] {
        let split: Vec<&str> = src.split('"').skip(1).step_by(2).collect();
        let scan: Vec<&str> = super::vocab::source_literals(src).collect();
        assert_eq!(scan, split, "{src}");
    }
    let words: Vec<&str> =
        super::vocab::literals(include_str!("parse.rs")).collect();
    assert!(words.contains(&"منذ") && words.contains(&"الساعه"));
}

/// No expression begins with a word of `vocab::NEVER_FIRST`: the parser
/// fails on each before every readable token of the test texts, glued to
/// it or not.
#[test]
fn never_first_words_begin_nothing() {
    use super::parse::{tokenize, Parser};
    let texts = corpus();
    for w in super::vocab::NEVER_FIRST {
        let first = tokenize(w, 0)[0];
        assert_eq!(tokenize(w, 0).len(), 1);
        for text in &texts {
            let n = crate::normalize(text);
            let toks = tokenize(n.as_str(), 100);
            for j in 0..toks.len() {
                if !super::vocab::live(&toks[j]) {
                    continue;
                }
                for gap in [0, 1] {
                    let mut t = first;
                    t.end = toks[j].start - gap;
                    t.start = t.end - w.len();
                    let mut probe = vec![t];
                    probe.extend_from_slice(&toks[j..]);
                    assert!(
                        Parser::new(&probe).parse(0).is_none(),
                        "`{w}` before `{}` in {text}",
                        toks[j].s
                    );
                }
            }
        }
    }
}

/// The shortcuts of the clock and ordinal readers: the number reader
/// reads an hour from no word without `vocab::NUM` (nor from it without
/// a leading `لل`), nor an ordinal, over every token of the test texts.
#[test]
fn hours_are_read_only_from_number_words() {
    let mut read = 0;
    for text in corpus() {
        let n = crate::normalize(&text);
        let toks = super::parse::tokenize(n.as_str(), 0);
        for j in 0..toks.len() {
            let words: Vec<&str> =
                toks[j..].iter().take(4).map(|t| t.s).collect();
            let mut stripped = words.clone();
            stripped[0] = stripped[0].strip_prefix("لل").unwrap_or("");
            let ordinal = super::num::ordinal_day(&words[..1]).is_some();
            for w in [&words, &stripped] {
                if super::num::hour(w).is_some() || ordinal {
                    read += 1;
                    assert!(
                        toks[j].class & super::vocab::NUM != 0
                            || toks[j].s.bytes().all(|b| b.is_ascii_digit()),
                        "`{}` in {text}",
                        toks[j].s
                    );
                }
            }
        }
    }
    assert!(read > 1000, "{read}");
}

/// The length test of `is_future` passes every future word, and the
/// shortcut agrees with a plain comparison over every test text.
#[test]
fn is_future_length_test_keeps_every_word() {
    let words = ["سوف", "المقبل", "المقبله", "القادم", "القادمه"];
    for w in words {
        assert!(matches!(w.len(), 6 | 12 | 14), "{w}");
    }
    for text in corpus() {
        let n = crate::normalize(&text);
        let toks = super::parse::tokenize(n.as_str(), 0);
        let plain = toks.iter().any(|t| words.contains(&t.s));
        assert_eq!(super::is_future(&toks), plain, "{text}");
    }
}

/// `Parser::unit_word` (unit words looked up in tables) answers as the
/// plain chain of word lists at every token of the test texts, and at
/// every unit word with each clitic.
#[test]
fn unit_word_table_matches_the_word_lists() {
    use super::parse::{tokenize, Parser};
    let mut texts = corpus();
    for (ws, _, _) in super::parse::UNIT_WORDS {
        for w in *ws {
            for c in ["", "و", "ف", "ب", "ل", "ك", "وب", "فل", "لل", "ولل"]
            {
                texts.push(format!("{c}{w}"));
                if let Some(r) = w.strip_prefix("ال") {
                    texts.push(format!("{c}لل{r}"));
                }
            }
        }
    }
    let mut found = 0;
    for text in texts {
        let n = crate::normalize(&text);
        let toks = tokenize(n.as_str(), 0);
        let p = Parser::new(&toks);
        for (i, t) in toks.iter().enumerate() {
            let got = p.unit_word(i);
            found += usize::from(got.is_some());
            assert_eq!(got, p.unit_word_plain(i), "{} in {text}", t.s);
        }
    }
    assert!(found > 500, "{found}");
}

/// The tokens of a sentence built from the shared word list are those
/// the tokenizer finds in the sentence, on every sentence of the test
/// texts and of hostile shapes; a word of Arabic letters only is one
/// letter run.
#[test]
fn word_tokens_match_the_tokenizer() {
    let x = crate::Extractor::builtin();
    let mut texts = crate::test_texts::all();
    for t in [
        "",
        " ",
        "..،؛!?",
        "(،)",
        "قصف2017 في 5/6/2017 الساعة 10:30",
        "من 13-15 تموز و٢٠١٧ و۲۰۱۷ و١٥أيار",
        "abc12def ١٢ab٣ x²y ½ Ⅻ ص٥ ٥ص",
        "قصف—الرقة «أمس» 3‏ أيار… é日本 𝟙𝟚 ة٠ ـ٢٣ ؀٣",
        "\u{0660}\u{0669}\u{06F0}ا\u{064B}ب\u{0670}",
        "5",
        "ا",
        "-5- ,3, 2017/5/15",
        "قصف ، الرقة . أمس ,\t( 5 ) :\n- ! ?? \u{1}x \u{7F} ~ ، ،",
        "قصف،الرقة.أمس ؟ «أمس» .\u{A0}. \u{2009}، ",
    ] {
        texts.push(t.to_string());
    }
    let mut n = 0;
    for text in &texts {
        let p = x.prepare(crate::Input::new(text));
        let norm = p.norm.as_str();
        let mut toks = Vec::new();
        for s in &p.sentences {
            let words = &p.words[s.words.clone()];
            super::parse::tokenize_words(
                norm,
                s.norm.clone(),
                words,
                &mut toks,
            );
            let want =
                super::parse::tokenize(&norm[s.norm.clone()], s.norm.start);
            let got: Vec<_> = toks.iter().map(|t| format!("{t:?}")).collect();
            let want: Vec<_> = want.iter().map(|t| format!("{t:?}")).collect();
            assert_eq!(got, want, "{text}");
            n += got.len();
            for w in words.iter().filter(|w| w.arabic) {
                let one = super::parse::tokenize(&norm[w.start..w.end], 0);
                assert_eq!(one.len(), 1, "{}", &norm[w.start..w.end]);
            }
        }
    }
    assert!(n > 5_000, "{n}");
}

/// [`super::parse::tokenize_live`] gives the tokens of
/// `tokenize_words` in order, with each run of tokens in a row of Arabic
/// words the parser cannot read as one token: the first, ending where the
/// last ends; on every sentence of the test texts and of hostile shapes.
#[test]
fn live_tokens_join_only_runs_of_unreadable_words() {
    use super::parse::{tokenize_live, tokenize_words};
    let x = crate::Extractor::builtin();
    let mut texts = crate::test_texts::all();
    texts.extend(corpus());
    for t in [
        "قال الرجل  الكبير   هنا ،  ثم  قال الرجل الكبير هنا",
        "قال الرجل\tالكبير هنا 5 قال الرجل الكبير، هنا الرجل",
        "قال الرجل الكبير هنا",
        "abc قال الرجل الكبير x",
    ] {
        texts.push(t.to_string());
    }
    let (mut all_n, mut live_n) = (0, 0);
    for text in &texts {
        let p = x.prepare(crate::Input::new(text));
        let norm = p.norm.as_str();
        let (mut all, mut live) = (Vec::new(), Vec::new());
        for s in &p.sentences {
            let words = &p.words[s.words.clone()];
            tokenize_words(norm, s.norm.clone(), words, &mut all);
            tokenize_live(norm, s.norm.clone(), words, &mut live);
            let dead = |t: &super::parse::Tok<'_>| {
                words.iter().any(|w| {
                    w.arabic
                        && (w.start, w.end) == (t.start, t.end)
                        && !super::vocab::may_read(
                            super::vocab::surface(),
                            w.hash,
                        )
                })
            };
            let mut want: Vec<super::parse::Tok<'_>> = Vec::new();
            let mut run = false;
            for t in &all {
                let d = dead(t);
                match want.last_mut() {
                    Some(last) if d && run => last.end = t.end,
                    _ => want.push(*t),
                }
                run = d;
            }
            let key = |ts: &[super::parse::Tok<'_>]| {
                ts.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>()
            };
            assert_eq!(key(&live), key(&want), "{text}");
            all_n += all.len();
            live_n += live.len();
        }
    }
    assert!(live_n < all_n && all_n > 20_000, "{live_n} of {all_n}");
}

/// Routing by the start token ([`super::parse::route`]) gives what
/// trying every sub-parser gives, at every token of every sentence of
/// the test texts and of the phrases of these tests, resolved with and
/// without an anchor; and the route table gives what comparing the
/// token with every route word gives.
#[test]
fn routed_parser_matches_trying_every_sub_parser() {
    use super::parse::{route, route_plain, tokenize, Parser};
    let x = crate::Extractor::builtin();
    let mut texts = crate::test_texts::all();
    texts.extend(corpus());
    texts.extend(
        super::vocab::literals(include_str!("tests.rs")).map(str::to_string),
    );
    let (mut found, mut toks_seen) = (0, 0);
    let a = anchor(A);
    for text in &texts {
        let p = x.prepare(crate::Input::new(text));
        let norm = p.norm.as_str();
        for s in &p.sentences {
            let toks = tokenize(&norm[s.norm.clone()], s.norm.start);
            let (routed, plain) =
                (Parser::new(&toks), Parser::unrouted(&toks));
            for (i, t) in toks.iter().enumerate() {
                toks_seen += 1;
                assert_eq!(route(t), route_plain(t), "{} in {text}", t.s);
                let (got, want) = (routed.parse(i), plain.parse(i));
                assert_eq!(got, want, "token {i} of {text}");
                let (Some((g, _)), Some((w, _))) = (got, want) else {
                    continue;
                };
                found += 1;
                for anchor in [a, None] {
                    for future in [false, true] {
                        let r = |p| super::resolve::resolve(p, anchor, future);
                        assert_eq!(r(&g), r(&w), "token {i} of {text}");
                    }
                }
            }
        }
    }
    assert!(found > 5000 && toks_seen > 50_000, "{found} {toks_seen}");
}

/// A sentence is tokenized from the word [`super::parse::start_word`]
/// gives, and not at all without one: on every sentence of the test
/// texts and of the phrases of these tests (and of future words before
/// an expression), the tokens it leaves out are before the token before
/// the first token `may_begin` lets the scan try (none is left out of a
/// sentence that has one), and the scan finds what it finds over the
/// whole sentence, resolved with and without an anchor.
#[test]
fn start_word_leaves_out_only_tokens_that_begin_nothing() {
    use super::parse::{start_word, tokenize_words};
    let x = crate::Extractor::builtin();
    let mut texts = crate::test_texts::all();
    texts.extend(corpus());
    texts.extend(
        super::vocab::literals(include_str!("tests.rs")).map(str::to_string),
    );
    for t in [
        "قال إنه سوف يزور الرقة الأسبوع المقبل",
        "قال الوزير إن الوفد القادم يصل غدا",
        "وأعلن ان الجيش المقبل، سيدخل المدينة يوم الأحد",
        "الهجوم 2017 وقع",
        "هاجم (الجيش) قرية ، امس",
    ] {
        texts.push(t.to_string());
    }
    let (mut sentences, mut none, mut toks_all, mut toks_out) = (0, 0, 0, 0);
    let mut found = 0;
    for text in &texts {
        let p = x.prepare(crate::Input::new(text));
        let norm = p.norm.as_str();
        let (mut all, mut part) = (Vec::new(), Vec::new());
        for s in &p.sentences {
            let r = s.norm.clone();
            let words = &p.words[s.words.clone()];
            sentences += 1;
            tokenize_words(norm, r.clone(), words, &mut all);
            toks_all += all.len();
            let first = (0..all.len()).find(|&i| super::may_begin(&all, i));
            match start_word(norm, r.clone(), words) {
                None => {
                    assert_eq!(first, None, "{text}");
                    none += 1;
                    toks_out += all.len();
                }
                Some(j) => {
                    let out = match words.get(j) {
                        Some(w) if j > 0 => all
                            .iter()
                            .take_while(|t| t.start < w.start)
                            .count(),
                        _ => 0,
                    };
                    if let Some(f) = first {
                        assert!(out < f || out == 0, "{out} {f}: {text}");
                    }
                    toks_out += out;
                }
            }
            for a in [anchor(A), None] {
                let mut want = Vec::new();
                super::scan_tokens(norm, &[], a, &all, &mut |r, v| {
                    want.push((r, v))
                });
                let mut got = Vec::new();
                let mut push = |r, v| got.push((r, v));
                super::scan(norm, r.clone(), words, a, &mut part, &mut push);
                assert_eq!(got, want, "{text}");
                found += want.len();
            }
        }
    }
    assert!(found > 5000, "{found}");
    assert!(none * 8 > sentences, "{none} of {sentences}");
    assert!(toks_out * 10 > toks_all, "{toks_out} of {toks_all}");
}

#[test]
fn iso_strings_are_chronos() {
    use super::{iso_by_chrono, iso_string};
    use chrono::{Duration, NaiveDate};
    let mut checked = 0;
    for year in [-10_000, -1, 0, 1, 9, 99, 999, 1999, 2016, 2024, 9999, 10_000]
    {
        let Some(start) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let mut t = start.and_hms_opt(0, 0, 0).unwrap();
        // Every day of the year, at times that walk through the clock.
        for step in 0..366 {
            for with_time in [false, true] {
                assert_eq!(
                    iso_string(t, with_time),
                    iso_by_chrono(t, with_time),
                    "{t:?}"
                );
                checked += 1;
            }
            t += Duration::seconds(86_400 + 3_671 + step);
        }
    }
    assert!(checked > 8000, "{checked}");
}

/// [`super::resolve::resolve_with`] gives what [`super::resolve::resolve`]
/// gives with the answer its closure returns, for every expression of
/// every text of the corpus with and without an anchor, and asks the
/// closure nothing for most expressions without an anchor.
#[test]
fn future_is_asked_only_for_windows() {
    use super::resolve::{resolve, resolve_with};
    let (mut found, mut asked_unanchored) = (0, 0);
    for text in corpus() {
        let n = crate::normalize(&text);
        let toks = super::parse::tokenize(n.as_str(), 0);
        let p = super::parse::Parser::new(&toks);
        for i in 0..toks.len() {
            let Some((parsed, _)) = p.parse(i) else { continue };
            found += 1;
            for a in [anchor(A), None] {
                for future in [false, true] {
                    let mut asked = 0;
                    let got = resolve_with(&parsed, a, || {
                        asked += 1;
                        future
                    });
                    assert_eq!(got, resolve(&parsed, a, future), "{text}");
                    if a.is_none() && future {
                        asked_unanchored += usize::from(asked > 0);
                    }
                }
            }
        }
    }
    assert!(found > 1000, "{found}");
    assert!(asked_unanchored * 2 < found, "{asked_unanchored} of {found}");
}

/// The direction words are those written, as `normalize` writes them.
#[test]
fn direction_words_are_normalized() {
    use super::months::{FUTURE, FUTURE_WRITTEN, PAST, PAST_WRITTEN};
    for (got, written) in [(PAST, PAST_WRITTEN), (FUTURE, FUTURE_WRITTEN)] {
        let want: Vec<String> = written
            .iter()
            .map(|w| crate::normalize(w).as_str().to_string())
            .collect();
        assert_eq!(got, want.as_slice());
    }
}
