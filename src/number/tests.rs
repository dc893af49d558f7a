//! Table tests of every number rule: one line per case.

use super::*;
use crate::Extractor;

/// Parses a whole string and checks the value (and the kind, when given).
macro_rules! t {
    ($name:ident, $input:expr, $value:expr) => {
        t!($name, $input, $value, QuantityKind::Cardinal);
    };
    ($name:ident, $input:expr, $value:expr, $kind:expr) => {
        #[test]
        fn $name() {
            let n = parse_number($input)
                .unwrap_or_else(|| panic!("no number in {:?}", $input));
            assert_eq!(
                (n.value, n.kind),
                ($value as f64, $kind),
                "{:?}",
                $input
            );
        }
    };
}

/// A string that is not one number.
macro_rules! none {
    ($name:ident, $input:expr) => {
        #[test]
        fn $name() {
            assert_eq!(parse_number($input), None, "{:?}", $input);
        }
    };
}

/// Extracts from a text and checks the quantities as
/// `(text, value, qualifier, kind)`; vague amounts have value -1.
macro_rules! x {
    ($name:ident, $input:expr, [$(($t:expr, $v:expr, $q:ident, $k:ident)),* $(,)?]) => {
        #[test]
        fn $name() {
            let got = quantities($input);
            let want: Vec<(String, f64, Qualifier, QuantityKind)> = vec![
                $(($t.to_string(), $v as f64, Qualifier::$q, QuantityKind::$k)),*
            ];
            assert_eq!(got, want, "{:?}", $input);
        }
    };
}

/// Extracts and checks the head noun of the first quantity.
macro_rules! head {
    ($name:ident, $input:expr, $head:expr) => {
        #[test]
        fn $name() {
            let doc = Extractor::builtin().extract($input);
            let h = doc.quantities.first().and_then(|q| q.head.clone());
            assert_eq!(
                h.map(|h| h.text.to_string()),
                $head.map(str::to_string)
            );
        }
    };
}

/// Extracts and checks (min, max) of the first quantity.
macro_rules! range {
    ($name:ident, $input:expr, $min:expr, $max:expr) => {
        #[test]
        fn $name() {
            let doc = Extractor::builtin().extract($input);
            let q = &doc.quantities[0];
            assert_eq!(
                (q.min, q.max, q.value),
                (Some($min as f64), Some($max as f64), None)
            );
            assert!(q.approximate);
        }
    };
}

fn quantities(text: &str) -> Vec<(String, f64, Qualifier, QuantityKind)> {
    let doc = Extractor::builtin().extract(text);
    for q in &doc.quantities {
        assert_eq!(&text[q.loc.start..q.loc.end], q.loc.text);
    }
    doc.quantities
        .iter()
        .map(|q| {
            (
                q.loc.text.to_string(),
                q.value.unwrap_or(-1.0),
                q.qualifier,
                q.kind,
            )
        })
        .collect()
}

// Digits in every script, separators, decimals.
t!(digits_ascii, "120", 120);
t!(digits_arabic_indic, "١٢٠", 120);
t!(digits_eastern, "۱۲۰", 120);
t!(digits_thousands_comma, "2,500", 2500);
t!(digits_thousands_arabic, "٢٬٥٠٠", 2500);
t!(digits_decimal, "1.5", 1.5);
t!(digits_decimal_arabic, "١٫٥", 1.5);
t!(digits_leading_zero, "0410", 410);
t!(digits_negative, "-1.2", -1.2);
t!(digits_leading_point, ".77", 0.77);
t!(digits_fraction, "١١/١٠", 1.1);
t!(digits_spaced, "1 000 000", 1_000_000);
// Units in every gender and case form.
t!(zero, "صفر", 0);
t!(one_m, "واحد", 1);
t!(one_f, "واحدة", 1);
t!(two_nom, "اثنان", 2);
t!(two_obl, "اثنين", 2);
t!(two_f, "اثنتان", 2);
t!(two_f_obl, "اثنتين", 2);
t!(three_m, "ثلاث", 3);
t!(three_f, "ثلاثة", 3);
t!(eight_a, "ثمان", 8);
t!(eight_b, "ثماني", 8);
t!(eight_c, "ثمانية", 8);
t!(ten, "عشرة", 10);
// Duals.
t!(hundred_dual_nom, "مئتان", 200);
t!(hundred_dual_obl, "مئتي", 200);
t!(hundred_dual_alef, "مائتي", 200);
t!(thousand_dual_nom, "ألفان", 2000);
t!(thousand_dual_obl, "ألفي", 2000);
t!(million_dual_nom, "مليونان", 2_000_000);
t!(million_dual_construct, "مليونا", 2_000_000);
t!(million_dual_obl, "مليوني", 2_000_000);
t!(milliard_dual_construct, "ملياري", 2_000_000_000u64);
// Teens.
t!(eleven_m, "أحد عشر", 11);
t!(eleven_f, "إحدى عشرة", 11);
t!(twelve_nom, "اثنا عشر", 12);
t!(twelve_obl, "اثني عشر", 12);
t!(thirteen, "ثلاثة عشر", 13);
t!(nineteen_f, "تسع عشرة", 19);
t!(eleven_fused, "حداشر", 11);
// Tens and compounds.
t!(twenty_nom, "عشرون", 20);
t!(twenty_obl, "عشرين", 20);
t!(ninety, "تسعين", 90);
t!(compound_25, "خمسة وعشرون", 25);
t!(compound_spaced_and, "خمسة و عشرون", 25);
t!(compound_350, "ثلاثمائة وخمسون", 350);
t!(compound_1200, "ألف ومئتان", 1200);
t!(compound_525, "خمسمائة و خمسة و عشرون", 525);
// Hundreds in every spelling.
t!(hundred_hamza, "مئة", 100);
t!(hundred_alef, "مائة", 100);
t!(hundreds_fused_hamza, "ثلاثمئة", 300);
t!(hundreds_fused_alef, "ثلاثمائة", 300);
t!(hundreds_split, "ثلاث مئة", 300);
t!(hundreds_900, "تسعمئة", 900);
t!(hundreds_plural, "أربع مئات", 400);
// Thousands, millions, milliards.
t!(thousand, "ألف", 1000);
t!(thousands_plural, "ثلاثة آلاف", 3000);
t!(thousands_plural_bare_alef, "خمسة الاف", 5000);
t!(thousand_accusative, "عشرين ألفاً", 20_000);
t!(million, "مليون", 1_000_000);
t!(millions, "ثلاثة ملايين", 3_000_000);
t!(milliards, "ثمانية مليارات", 8_000_000_000u64);
t!(big_compound, "عشرة ملايين وأحد عشر ألف ومائة وواحد", 10_011_101);
t!(hierarchical, "مئة الف مليون", 100_000_000_000u64);
// Digits with a scale word.
t!(digits_thousand, "28 ألف", 28_000);
t!(digits_thousand_274, "274 ألف", 274_000);
t!(digits_million_decimal, "1.5 مليون", 1_500_000);
t!(digits_thousand_bare, "200 الف", 200_000);
t!(digits_thousands_plural, "5 آلاف", 5000);
// Decimals with فاصلة.
t!(point_word, "ثلاث فاصلة أربعة", 3.4);
t!(point_word_scale, "أربعة فاصلة خمسة مليون", 4_500_000);
// Ordinals and percentages.
t!(ordinal_first, "الأول", 1, QuantityKind::Ordinal);
t!(ordinal_first_f, "الأولى", 1, QuantityKind::Ordinal);
t!(ordinal_tenth, "العاشر", 10, QuantityKind::Ordinal);
t!(ordinal_eleventh, "الحادي عشر", 11, QuantityKind::Ordinal);
t!(ordinal_fifth_f, "الخامسة", 5, QuantityKind::Ordinal);
t!(ordinal_28, "الثامنة والعشرين", 28, QuantityKind::Ordinal);
t!(percent_sign, "35%", 35, QuantityKind::Percent);
t!(percent_arabic_sign, "٣٥٪", 35, QuantityKind::Percent);
t!(percent_bil, "35 بالمئة", 35, QuantityKind::Percent);
t!(percent_fi, "35 في المئة", 35, QuantityKind::Percent);
t!(percent_words, "خمسة في المائة", 5, QuantityKind::Percent);
t!(ordinal_21, "الحادي والعشرين", 21, QuantityKind::Ordinal);
t!(ordinal_21_wahid, "الواحد و العشرون", 21, QuantityKind::Ordinal);
t!(ordinal_12_ithna, "الاثنا عشر", 12, QuantityKind::Ordinal);
t!(ordinal_bare_ten, "العشرين", 20, QuantityKind::Ordinal);
t!(ordinal_dialect, "التالت", 3, QuantityKind::Ordinal);
none!(not_ordinal_alone_wahid, "الواحد");
// Not numbers.
none!(not_a_word, "الرقة");
none!(not_teen_head_alone, "أحد");
none!(not_sunday, "الأحد");
none!(not_monday, "الاثنين");
none!(not_two_numbers, "خمسة ستة");
none!(not_vague_value, "عشرات");
none!(not_empty, "");

// Qualifiers.
x!(
    q_at_least,
    "قتل ما لا يقل عن 120 عنصراً",
    [("ما لا يقل عن 120", 120, AtLeast, Cardinal)]
);
x!(
    q_at_least_after,
    "قتل 120 على الأقل",
    [("120 على الأقل", 120, AtLeast, Cardinal)]
);
x!(
    q_at_least_before,
    "قتل على الأقل 120 شخصا",
    [("على الأقل 120", 120, AtLeast, Cardinal)]
);
x!(
    q_more_than,
    "نزوح أكثر من 200 الف شخص",
    [("أكثر من 200 الف", 200_000, MoreThan, Cardinal)]
);
x!(
    q_more_than_diacritic,
    "شنّت أكثرَ من ثماني غارات",
    [("أكثرَ من ثماني", 8, MoreThan, Cardinal)]
);
x!(
    q_ma_yazid_an,
    "ما يزيد عن 50 قتيلا",
    [("ما يزيد عن 50", 50, MoreThan, Cardinal)]
);
x!(
    q_ma_yazid_ala,
    "ما يزيد على 50 قتيلا",
    [("ما يزيد على 50", 50, MoreThan, Cardinal)]
);
x!(
    q_yazid_ala,
    "عددهم يزيد على 50",
    [("يزيد على 50", 50, MoreThan, Cardinal)]
);
x!(q_nahw, "مقتل نحو 30 مدنياً", [("نحو 30", 30, About, Cardinal)]);
x!(q_nahw_clitic, "قدر بنحو 30 مدنياً", [("نحو 30", 30, About, Cardinal)]);
x!(q_nahwa_diacritic, "قتل نحوَ 30", [("نحوَ 30", 30, About, Cardinal)]);
x!(q_hawali, "حوالي 40 شخصا", [("حوالي 40", 40, About, Cardinal)]);
x!(q_hawala, "حوالى 40 شخصا", [("حوالى 40", 40, About, Cardinal)]);
x!(q_qurabat, "قرابة ألف مقاتل", [("قرابة ألف", 1000, About, Cardinal)]);
x!(q_zuhaa, "زهاء مئتي عائلة", [("زهاء مئتي", 200, About, Cardinal)]);
x!(q_ma_yuqarib, "ما يقارب 60 غارة", [("ما يقارب 60", 60, About, Cardinal)]);
x!(q_less_than, "أقل من 10 أشخاص", [("أقل من 10", 10, LessThan, Cardinal)]);
x!(
    q_at_most,
    "ما لا يزيد عن 15 عنصرا",
    [("ما لا يزيد عن 15", 15, AtMost, Cardinal)]
);
x!(
    q_at_most_after,
    "قتل 15 على الأكثر",
    [("15 على الأكثر", 15, AtMost, Cardinal)]
);
x!(
    q_at_least_fem,
    "حصيلة لا تقل عن 40 قتيلا",
    [("لا تقل عن 40", 40, AtLeast, Cardinal)]
);
x!(q_exceeds, "عدد يتجاوز 300 شخص", [("يتجاوز 300", 300, MoreThan, Cardinal)]);
x!(q_up_to, "ما يصل إلى 50 غارة", [("ما يصل إلى 50", 50, AtMost, Cardinal)]);
x!(q_exact, "مقتل 76 عنصراً", [("76", 76, Exact, Cardinal)]);
x!(q_not_inside_word, "الانحو 30", [("30", 30, Exact, Cardinal)]);

// Vague amounts (value -1: none).
x!(vague_tens, "وصول عشرات السيارات", [("عشرات", -1, About, Cardinal)]);
x!(vague_clitic, "قتل العشرات", [("العشرات", -1, About, Cardinal)]);
x!(
    vague_tens_of_thousands,
    "نزوح عشرات الآلاف",
    [("عشرات الآلاف", -1, About, Cardinal)]
);
range!(range_tens, "قتل عشرات المدنيين", 10, 99);
range!(range_hundreds, "نزوح مئات العائلات", 100, 999);
range!(range_thousands, "نزوح آلاف المدنيين", 1000, 9000);
range!(range_tens_of_thousands, "نزوح عشرات الآلاف", 10_000, 99_000);
range!(range_few, "منذ بضعة أيام", 3, 9);
range!(range_few_f, "بضع غارات", 3, 9);
range!(range_few_thousand, "بضعة آلاف", 3000, 9000);
x!(
    vague_nayyif_before,
    "قتل نيف وعشرون شخصا",
    [("نيف وعشرون", 20, MoreThan, Cardinal)]
);
x!(vague_nayyif, "عشرون ونيف قتيلا", [("عشرون ونيف", 20, MoreThan, Cardinal)]);

range!(range_between, "قتل ما بين 20 و30 شخصا", 20, 30);
x!(
    range_between_words,
    "بين عشرة وعشرين قتيلا",
    [("بين عشرة وعشرين", -1, About, Cardinal)]
);
none!(not_ten_and_twenty, "عشرة وعشرين");
x!(no_year_after_fi, "في 2017 قتل", []);
x!(no_solid, "اقتصاد متين", []);

range!(range_from_to, "على بعد من 10 إلى 15 كيلومترا", 10, 15);
x!(no_range_dates, "من 10 إلى 15 أيار", []);

x!(
    definite_after_noun,
    "خلال الأيام العشرة الماضية",
    [("العشرة", 10, Exact, Cardinal)]
);
head!(definite_head, "مقتل الجنود الثلاثة", Some("الجنود"));
x!(definite_not_after_verb, "قال الثلاثة", []);
x!(not_thursday, "يوم الخميس الماضي", []);

// Dual nouns that are counts.
x!(dual_nominative, "قتل عنصران", [("عنصران", 2, Exact, Cardinal)]);
x!(dual_construct, "نفذت عمليتي قصف", [("عمليتي", 2, Exact, Cardinal)]);
x!(not_dual_masculine_accusative, "شن هجوماً", []);
x!(dual_clitic, "استهدف الموقع بغارتين", [("بغارتين", 2, Exact, Cardinal)]);

// Digits in text: prefixed, scales, heads.
x!(prefixed_al, "خلال الـ24 ساعة", [("24", 24, Exact, Cardinal)]);
x!(prefixed_bi, "تبعد بـ65 كيلومترا", [("65", 65, Exact, Cardinal)]);
x!(
    scale_words_in_text,
    "تصفية 28 ألف مسلح",
    [("28 ألف", 28_000, Exact, Cardinal)]
);
x!(words_in_text, "على بعد سبعة كيلومترات", [("سبعة", 7, Exact, Cardinal)]);
x!(
    two_numbers_and,
    "قتل خمسة وجرح ستة",
    [("خمسة", 5, Exact, Cardinal), ("ستة", 6, Exact, Cardinal)]
);
head!(head_tanween, "مقتل 76 عنصراً من التنظيم", Some("عنصراً"));
head!(head_plain, "نزوح 200 الف شخص", Some("شخص"));
head!(head_after_min, "274 ألف من النازحين", Some("النازحين"));
head!(head_words, "على بعد سبعة كيلومترات", Some("كيلومترات"));
head!(head_none_before_pronoun, "قتل واحد منهم", None::<&str>);
head!(head_none_before_preposition, "قتل 5 في الرقة", None::<&str>);

// Ordinals and percentages are their own kinds.
x!(ordinal_phase, "المرحلة الخامسة", [("الخامسة", 5, Exact, Ordinal)]);
x!(ordinal_lil, "للمرة الأولى", [("الأولى", 1, Exact, Ordinal)]);
x!(ordinal_day, "الثالث من كانون الثاني", [("الثالث", 3, Exact, Ordinal)]);
x!(percent_in_text, "ارتفع 35% عن", [("35%", 35, Exact, Percent)]);
x!(
    percent_words_in_text,
    "بنسبة 35 في المئة",
    [("35 في المئة", 35, Exact, Percent)]
);

// No false counts.
x!(no_year_after_cue, "منذ العام 2014", []);
x!(no_year_before_comma, "منذ 2014، يضم", []);
x!(no_year_end, "في الرقة في 2017.", []);
x!(year_as_count, "قتل 2000 مقاتل", [("2000", 2000, Exact, Cardinal)]);
x!(no_date_slash, "بتاريخ 2017/5/15 والذي", []);
x!(no_date_day_month, "في 15 من شهر أيار", []);
x!(no_date_day_month_name, "بـ17 أيار الجاري", []);
x!(no_clock, "الساعة 3:18 فجرا", []);
x!(no_clock_word, "منذ الساعة الثالثة", []);
x!(no_clock_later_word, "في الثامنة (ت غ) مساءً", []);
x!(no_clock_half, "التاسعة والنصف مساء", []);
x!(no_phone, "اتصلوا على 0933123456", []);
x!(no_phone_plus, "اتصلوا على +963933123456", []);
x!(no_name_digit, "قاعدة t4 الجوية", []);
x!(no_name_f16, "طائرة F-16 أميركية", []);
x!(no_resolution_number, "تطبيق القرار 2254", []);
x!(no_division_number, "قائد الفرقة 17 في الجيش", []);
x!(no_name_arabic_hyphen, "طائرة إف-16 ووباء كوفيد-19", []);
x!(no_month_ordinal, "في تشرين الثاني الماضي", []);
x!(no_sunday, "يوم الأحد الماضي", []);
x!(no_monday, "ليل الإثنين", []);

// Absurd input.
#[test]
fn absurd_thousand_repeated() {
    let text = "ألف ".repeat(10_000);
    let doc = Extractor::builtin().extract(text.as_str());
    assert!(!doc.quantities.is_empty());
    assert!(doc
        .quantities
        .iter()
        .all(|q| q.value.is_some_and(f64::is_finite)));
}

#[test]
fn absurd_long_digits() {
    let text = format!("قتل {} شخص", "9".repeat(500));
    let doc = Extractor::builtin().extract(text.as_str());
    let q = &doc.quantities[0];
    assert!(q.overflow);
    assert!(q.value.is_some_and(f64::is_finite));
    assert!(serde_json::to_string(q).is_ok());
}

#[test]
fn absurd_long_word_chain() {
    let text = "مليون و".repeat(5_000) + "واحد";
    let doc = Extractor::builtin().extract(text.as_str());
    assert!(doc
        .quantities
        .iter()
        .all(|q| q.value.is_some_and(f64::is_finite)));
}

#[test]
fn absurd_point_chain() {
    // Linear time is shown by the hostile-input benchmark; here: it ends,
    // finds numbers, and every span holds its text.
    let text = "واحد فاصلة ".repeat(20_000) + "واحد";
    let doc = Extractor::builtin().extract(text.as_str());
    assert!(!doc.quantities.is_empty());
    for q in &doc.quantities {
        assert_eq!(
            text.get(q.loc.start..q.loc.end),
            Some(q.loc.text.as_str())
        );
    }
}

#[test]
fn serializes_whole_values_as_integers() {
    let doc = Extractor::builtin().extract("نحو 1.5 مليون شخص");
    let json = serde_json::to_value(&doc.quantities).unwrap();
    assert_eq!(json[0]["value"], serde_json::json!(1_500_000));
    assert_eq!(json[0]["qualifier"], "about");
    assert_eq!(json[0]["kind"], "cardinal");
}

proptest::proptest! {
    /// Any mix of number words, digits, clitics and punctuation: no panic,
    /// every span holds its text, every value is finite.
    #[test]
    fn never_panics_spans_valid(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "ألف", "آلاف", "مئة", "ثلاث", "ثلاثة", "عشر", "عشرة", "أحد",
            "و", "وعشرون", "فاصلة", "الأولى", "الحادي", "عشرات", "بضعة",
            "١٢٣", "2,500", "1.5", "٪", "%", "/", ":", "-", "الـ", "بـ", "ما",
            "لا", "يقل", "عن", "أكثر", "من", "نحو", "عنصراً", "بغارتين", "،",
            ".", "\n", " ", "  ", "َ", "ـ", "t", "+", "0", "مليون", "في",
            "المئة", "الساعة", "أيار", "عام", "2017",
        ]),
        0..40,
    )) {
        let text: String = parts.concat();
        let doc = Extractor::builtin().extract(text.as_str());
        for q in &doc.quantities {
            proptest::prop_assert_eq!(&text[q.loc.start..q.loc.end], q.loc.text.as_str());
            proptest::prop_assert!(q.loc.start < q.loc.end);
            for v in [q.value, q.min, q.max].into_iter().flatten() {
                proptest::prop_assert!(v.is_finite());
            }
            if let Some(h) = &q.head {
                proptest::prop_assert_eq!(&text[h.start..h.end], h.text.as_str());
            }
        }
    }
}

/// `parse_at` on normalized text, at a given position: the value,
/// the kind and the normalized text of the range.
macro_rules! at {
    ($name:ident, $input:expr, $word:expr, $value:expr, $kind:ident, $span:expr) => {
        #[test]
        fn $name() {
            let n = crate::normalize($input);
            let t = n.as_str();
            let pos =
                t.find(&crate::normalize($word).as_str().to_string()).unwrap();
            let p = parse_at(t, pos).unwrap();
            assert_eq!(p.value, Some($value as f64));
            assert_eq!(p.kind, QuantityKind::$kind);
            assert_eq!(&t[p.range.clone()], crate::normalize($span).as_str());
        }
    };
}

at!(at_duration_digits, "قبل 10 أيام", "10", 10, Cardinal, "10");
at!(at_duration_words, "منذ ثلاثة أعوام", "ثلاثة", 3, Cardinal, "ثلاثة");
at!(
    at_ordinal_day,
    "في الثالث من كانون الثاني",
    "الثالث",
    3,
    Ordinal,
    "الثالث"
);
at!(at_clitic_skipped, "استهدف في الـ25 من آيار", "الـ25", 25, Cardinal, "25");
at!(
    at_stops_before_noun,
    "خمسة وعشرين يوما",
    "خمسة",
    25,
    Cardinal,
    "خمسة وعشرين"
);

#[test]
fn at_not_a_number() {
    assert_eq!(parse_at("قصف الرقه", 0), None);
    assert_eq!(parse_at("قصف", 1), None); // not a char boundary
    assert_eq!(parse_at("", 0), None);
}

/// The ends of the run of letters and of the run of word chars that
/// start at `pos`.
fn word_ends(text: &str, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut letters_end = None;
    let mut i = pos;
    loop {
        // The Arabic letters, read from the bytes: letters and word chars.
        if basic_letter_at(b, i) {
            i += 2;
            continue;
        }
        if let Some(&c) = b.get(i).filter(|c| c.is_ascii()) {
            // ASCII: letters and digits are word chars, digits no letters.
            if !c.is_ascii_alphanumeric() {
                break;
            }
            if letters_end.is_none() && c.is_ascii_digit() {
                letters_end = Some(i);
            }
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(text, i) else { break };
        if !is_word_char(c) {
            break;
        }
        if letters_end.is_none() && !crate::text::is_letter(c) {
            letters_end = Some(i);
        }
        i += len;
    }
    (letters_end.unwrap_or(i), i)
}

/// Texts for the prefilter test: the number and time peer suites (alone
/// and behind every clitic chain), the seed articles and the test
/// articles.
fn prefilter_corpus() -> Vec<String> {
    let clitics = ["", "و", "ب", "ل", "ف", "ك", "ال", "بال", "لل", "وب"];
    let mut texts = Vec::new();
    for t in crate::test_texts::peer_texts() {
        for cl in clitics {
            texts.push(format!("قتل {cl}{t} عنصرا"));
        }
    }
    texts.extend(crate::test_texts::articles());
    texts
}

/// The prefilter never rejects a word start where a reader succeeds.
#[test]
fn prefilter_never_rejects_a_number() {
    let x = Extractor::builtin();
    let mut checked = 0;
    for text in prefilter_corpus() {
        let p = x.prepare(text.as_str().into());
        let t = p.norm.as_str();
        let mut prev_word = false;
        for (pos, c) in t.char_indices() {
            let start = is_word_char(c) && !prev_word;
            prev_word = is_word_char(c);
            if prefilter::may_start(t, pos, word_ends(t, pos).0) {
                continue;
            }
            // The parser without its prefilter finds nothing here, even
            // inside a word (callers may ask at any position).
            assert_eq!(parse::read_at(t, pos), None, "{:?}", &t[pos..]);
            if !start {
                continue;
            }
            checked += 1;
            assert_eq!(parse_at(t, pos), None, "{:?}", &t[pos..]);
            assert!(
                quantity_at(&p, t, pos, t.len()).is_none(),
                "{:?}",
                &t[pos..]
            );
        }
    }
    assert!(checked > 10_000, "{checked}");
}

/// `letter_pairs` counts like `basic_letter_at` pair by pair, for every
/// two-byte value in every lane behind letters of both lead bytes.
#[test]
fn letter_pairs_match_basic_letter_at() {
    for lead in 0..=255u8 {
        for trail in 0..=255u8 {
            for lane in 0..4 {
                let mut b = [0xD8, 0xA7, 0xD9, 0x84, 0xD8, 0xB3, 0xD9, 0x8A];
                b[2 * lane] = lead;
                b[2 * lane + 1] = trail;
                let want =
                    (0..4).take_while(|&k| basic_letter_at(&b, 2 * k)).count();
                assert_eq!(letter_pairs(u64::from_le_bytes(b)), want);
            }
        }
    }
}

/// `word_chars_end` ends where the first char that is no word char
/// starts, at every char boundary of the test texts and at their ends.
#[test]
fn word_chars_end_matches_char_search() {
    let mut texts = prefilter_corpus();
    texts.extend(
        ["قتل", "قتل3", "قتلx", "قتل ", "قتل\u{6f1}"].map(String::from),
    );
    let mut checked = 0;
    for text in texts {
        let t = crate::normalize(&text);
        let t = t.as_str();
        for (pos, _) in t.char_indices().chain([(t.len(), ' ')]) {
            let rest = &t[pos..];
            let want = pos
                + rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
            assert_eq!(word_chars_end(t, pos), want, "{t:?} {pos}");
            checked += 1;
        }
    }
    assert!(checked > 100_000, "{checked}");
}

/// `word_before` takes the word chars back from one space before `pos`
/// as a char search does, at every char boundary of the test texts.
#[test]
fn word_before_matches_char_search() {
    let mut texts = prefilter_corpus();
    texts.extend(
        ["قتل", "3قتل ", "xقتل", " قتل", "\u{6f1}قتل"].map(String::from),
    );
    let mut checked = 0;
    for text in texts {
        let t = crate::normalize(&text);
        let t = t.as_str();
        for (pos, _) in t.char_indices().chain([(t.len(), ' ')]) {
            let before = &t[..pos];
            let before = before.strip_suffix(' ').unwrap_or(before);
            let start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            assert_eq!(word_before(t, pos), &before[start..], "{t:?} {pos}");
            checked += 1;
        }
    }
    assert!(checked > 100_000, "{checked}");
}

/// `letters_end` ends where the first char that is no letter starts, at
/// every byte position (char boundary or not) of the test texts.
#[test]
fn letters_end_matches_chars() {
    let mut texts = prefilter_corpus();
    texts.extend(["قتلx", "قتلxy9", "قتل", "قتلé3"].map(String::from));
    for text in texts {
        let t = crate::normalize(&text);
        let t = t.as_str();
        for pos in 0..=t.len() {
            let want = t.get(pos..).map_or(pos, |rest| {
                pos + rest
                    .find(|c: char| !crate::text::is_letter(c))
                    .unwrap_or(rest.len())
            });
            assert_eq!(letters_end(t, pos), want, "{t:?} {pos}");
        }
    }
}

/// Odd shapes for the word walk: digits in and around letters, other
/// scripts, marks, tatweel, long words, chars of the Arabic block that
/// are no letters, words at the very end of a text.
fn hostile_texts() -> Vec<String> {
    [
        "قتل3",
        "3قتل",
        "ب5ب",
        "بـ65 عنصرا",
        "الـ25 جنديا",
        "abc 5 def",
        "x٢٣ قتل",
        "قتل٠",
        "ثلاثة٪",
        "ثلاثة ٪ عشرة",
        "خمسة٫٥",
        "عشرة\u{200c}آلاف",
        "ثَلاثة عناصر",
        "ثلاثـة عناصر",
        "گروه 5",
        "ۃ5 ثلاثة",
        "ﻻ ثلاثة",
        "والمستشفيات ثلاثة",
        "بالمستشفياتالمستشفياتالمستشفياتالمستشفيات 5",
        "5.5% من",
        "1,000 عنصر",
        "بين 20 و30",
        "F-16 و20",
        "ثلاثة\u{a0}آلاف",
        "ثلاثة  آلاف\tعنصر\nقتل عشرة",
        "قتل 🙂5 عشرة",
        "ⅻ ثلاثة ½ ² ①",
        "عشرة",
        "5",
        "ب",
        "ثلاثة آلاف",
        "قتل\u{670}ثلاثة",
        "ا\u{66e}ب 3",
        "\u{660}\u{661} قتل \u{6f5}",
        "قتل\u{66a}\u{66b}\u{66c}\u{66d}",
    ]
    .map(String::from)
    .to_vec()
}

/// `extract` walks the shared word list and finds what trying every
/// char position finds: the same word starts are tried, in order, and
/// the same quantities come out, on every test text and odd shape.
#[test]
fn extract_matches_plain_scan() {
    let x = Extractor::builtin();
    let mut found = 0;
    let mut texts = prefilter_corpus();
    texts.extend(crate::test_texts::all());
    texts.extend(hostile_texts());
    for text in texts {
        let p = x.prepare(text.as_str().into());
        let t = p.norm.as_str();
        let mut want = Vec::new();
        let mut want_starts = Vec::new();
        for s in p.sentences.iter().filter(|s| s.chrome.is_none()) {
            let end = s.norm.end.min(t.len());
            let mut pos = s.norm.start;
            while pos < end {
                let c = t[pos..].chars().next().unwrap();
                let prev =
                    t[..pos].chars().next_back().is_some_and(is_word_char);
                if is_word_char(c)
                    && !prev
                    && prefilter::may_start(t, pos, word_ends(t, pos).0)
                {
                    want_starts.push(pos);
                    if let Some((q, next)) = quantity_at(&p, t, pos, end) {
                        want.extend(q);
                        pos = next.max(pos + c.len_utf8());
                        continue;
                    }
                }
                pos += c.len_utf8();
            }
        }
        let mut starts = Vec::new();
        each_start(&p, |pos, end, lend, k| {
            assert_eq!(p.words[k].start, pos, "{text:?}");
            starts.push(pos);
            assert_eq!(lend, letters_end(t, pos), "{text:?}");
            quantity_at(&p, t, pos, end).map(|(_, next)| next)
        });
        assert_eq!(starts, want_starts, "{text:?}");
        found += want.len();
        assert_eq!(extract(&p), want, "{text:?}");
    }
    assert!(found > 1000, "{found}");
}

/// The chars of the Arabic block U+0600..U+067F outside U+0660..U+066F
/// that are word chars are letters, as `arabic_letters_only` takes them.
#[test]
fn arabic_block_word_chars_are_letters() {
    for c in '\u{600}'..='\u{67f}' {
        if is_word_char(c) && !('\u{660}'..='\u{66f}').contains(&c) {
            assert!(crate::text::is_letter(c), "{c:?}");
        }
    }
}

/// `arabic_letters_only` answers as a char test at every word of the
/// test texts and odd shapes, and at every char range of a few of them.
#[test]
fn arabic_letters_only_matches_chars() {
    let want = |w: &str| {
        w.chars().all(|c| {
            ('\u{600}'..='\u{67f}').contains(&c)
                && !('\u{660}'..='\u{66f}').contains(&c)
        }) && !w.is_empty()
    };
    let mut texts = prefilter_corpus();
    texts.extend(crate::test_texts::all());
    texts.extend(hostile_texts());
    let mut checked = 0;
    for text in &texts {
        let n = crate::normalize(text);
        let t = n.as_str();
        for r in crate::words(t) {
            let got = arabic_letters_only(t.as_bytes(), r.start, r.end);
            assert_eq!(got, want(&t[r.clone()]), "{:?}", &t[r]);
            checked += 1;
        }
        // The word list's flag is a narrower test of the same kind.
        for w in crate::text::word_list(t) {
            if w.arabic {
                assert!(arabic_letters_only(t.as_bytes(), w.start, w.end));
            }
        }
    }
    assert!(checked > 100_000, "{checked}");
    for text in hostile_texts().iter().chain(&texts[..50]) {
        let b: Vec<usize> =
            text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for (k, &s) in b.iter().enumerate() {
            for &e in &b[k + 1..] {
                let got = arabic_letters_only(text.as_bytes(), s, e);
                assert_eq!(got, want(&text[s..e]), "{:?}", &text[s..e]);
            }
        }
    }
}

/// `whole_digits_value` reads whole digits with commas as parsing them
/// (commas left out) does, on every digit-and-comma slice of the test
/// texts and of long and zero-led runs; beyond fifteen digits it leaves
/// them to the parser.
#[test]
fn whole_digits_value_matches_parse() {
    let mut texts = crate::test_texts::all();
    texts.extend(
        [
            "999999999999999 1234567890123456 000000000000000000001",
            "1,234,567,890,123 9,999,999,999,999,999 0 00 0,000 1,5",
        ]
        .map(String::from),
    );
    let mut checked = 0;
    for text in &texts {
        let b = text.as_bytes();
        for s in 0..b.len() {
            for e in s + 1..=b.len().min(s + 40) {
                let slice = &b[s..e];
                if !slice.iter().all(|c| c.is_ascii_digit() || *c == b',') {
                    break;
                }
                if !slice[0].is_ascii_digit() {
                    continue;
                }
                let digits: String = text[s..e].replace(',', "");
                let want: f64 = digits.parse().unwrap();
                match parse::whole_digits_value(Some(slice)) {
                    Some(v) => {
                        assert_eq!(v, want, "{digits}");
                        checked += 1;
                    }
                    None => assert!(digits.len() > 15, "{digits}"),
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

/// Every dual ending ends with one of `DUAL_LAST`, which `dual_count`
/// asks first.
#[test]
fn dual_endings_end_in_dual_last() {
    for e in DUAL_ENDINGS {
        assert!(e.ends_with(DUAL_LAST), "{e}");
    }
}

/// The cardinal and ordinal tables find each of their words, each kept
/// once, with its value.
#[test]
fn vocabulary_tables_find_their_words() {
    let mut words: Vec<&str> =
        voc::CARDINALS.entries().map(|(w, _)| w).collect();
    for (w, v) in voc::CARDINALS.entries() {
        assert_eq!(voc::CARDINALS.get(w), Some(v), "{w}");
    }
    for t in [&*voc::ORDINAL_WORDS, &*voc::ORDINAL_TEN_WORDS] {
        for (w, v) in t.entries() {
            assert_eq!(t.get(w), Some(v), "{w}");
        }
    }
    let n = words.len();
    words.sort_unstable();
    words.dedup();
    assert_eq!(words.len(), n);
    assert_eq!(
        voc::CARDINALS.get(&voc::norm("ثلاثة")),
        Some(&vocabulary::Word::Unit(3))
    );
}

/// `letters_are_number` answers as `parse_at` at every word of letters
/// only of the test texts.
#[test]
fn letters_are_number_matches_parse_at() {
    let mut texts = prefilter_corpus();
    texts.extend(hostile_texts());
    let mut checked = 0;
    for text in texts {
        let n = crate::normalize(&text);
        let t = n.as_str();
        for r in crate::words(t) {
            let w = &t[r.clone()];
            if !w.chars().all(crate::text::is_letter) {
                continue;
            }
            assert_eq!(
                letters_are_number(t, r.start, w),
                parse_at(t, r.start).is_some(),
                "{w}"
            );
            checked += 1;
        }
    }
    assert!(checked > 50_000, "{checked}");
}

/// Every char boundary of the normalized test texts, with the text.
fn each_boundary(mut f: impl FnMut(&str, usize)) {
    let mut texts = prefilter_corpus();
    texts.extend(crate::test_texts::all());
    texts.extend(hostile_texts());
    for text in texts {
        let n = crate::normalize(&text);
        let t = n.as_str();
        for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            f(t, pos);
        }
    }
}

/// The qualifier and percent readers, which try only the phrases of the
/// byte next to the number, find what trying every phrase finds, at
/// every position of the test texts and after every phrase planted
/// before and after a number.
#[test]
fn phrase_indexes_match_every_phrase() {
    use vocabulary::QualPos;
    let slow_before = |text: &str, start: usize| {
        let before = text.get(..start)?.strip_suffix(' ')?;
        for (w, q, pos) in voc::QUALIFIER_PHRASES.iter() {
            if *pos != QualPos::Before {
                continue;
            }
            let Some(b) = before.strip_suffix(w.as_str()) else { continue };
            if super::phrase_may_start_after(b) {
                return Some((*q, b.len()));
            }
        }
        None
    };
    let slow_after = |text: &str, end: usize| {
        let after = text.get(end..)?.strip_prefix(' ')?;
        for (w, q, pos) in voc::QUALIFIER_PHRASES.iter() {
            if *pos != QualPos::After {
                continue;
            }
            if let Some(a) = after.strip_prefix(w.as_str()) {
                if !a.starts_with(is_word_char) {
                    return Some((*q, end + 1 + w.len()));
                }
            }
        }
        None
    };
    let slow_percent = |text: &str, end: usize| {
        let rest = text.get(end..)?;
        if rest.starts_with('%') {
            return Some(end + 1);
        }
        let rest = rest.strip_prefix(' ')?;
        voc::PERCENT_PHRASES.iter().find_map(|w| {
            let after = rest.strip_prefix(w.as_str())?;
            let boundary = w == "%"
                || after.chars().next().is_none_or(|c| !is_word_char(c));
            boundary.then(|| end + 1 + w.len())
        })
    };
    let mut found = 0;
    let mut check = |t: &str, pos: usize| {
        let b = qualifier_before(t, pos);
        assert_eq!(b, slow_before(t, pos), "{:?}", &t[..pos]);
        let a = qualifier_after(t, pos);
        assert_eq!(a, slow_after(t, pos), "{:?}", &t[pos..]);
        let p = parse::percent_after(t, pos);
        assert_eq!(p, slow_percent(t, pos), "{:?}", &t[pos..]);
        found += usize::from(b.is_some() || a.is_some() || p.is_some());
    };
    each_boundary(&mut check);
    let mut phrases: Vec<String> =
        voc::QUALIFIER_PHRASES.iter().map(|(w, _, _)| w.clone()).collect();
    phrases.extend(voc::PERCENT_PHRASES.iter().cloned());
    for w in &phrases {
        for cl in ["", "ب", "و", "وب", "فب", "ال"] {
            let t = format!("قتل {cl}{w} 20 {w} عنصرا");
            let n = crate::normalize(&t);
            let t = n.as_str();
            for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                check(t, pos);
            }
        }
    }
    assert!(found > 100, "{found}");
}

/// `head_ok` (the hashed lookups, Arabic words taken as letters without
/// decoding) agrees with the char test, the word-set lookups and the
/// prefilter and parser, on every word of the test texts.
#[test]
fn head_ok_matches_char_test() {
    let mut heads = 0;
    each_boundary(|t, pos| {
        let prev = t[..pos].chars().next_back().is_some_and(is_word_char);
        if prev || !t[pos..].starts_with(is_word_char) {
            return;
        }
        let w = &t[pos..word_chars_end(t, pos)];
        let want = head_letters(w)
            && !voc::is_in(&voc::NOT_HEAD_WORDS, w)
            && !voc::is_in(&voc::MONTH_WORDS, w)
            && !letters_are_number(t, pos, w);
        let h = crate::hash::str_hash(w);
        assert_eq!(head_ok(t, pos, w, h), want, "{w}");
        heads += usize::from(want);
    });
    assert!(heads > 10_000, "{heads}");
}

/// `clock_word_follows` reads the first three runs of letters as
/// splitting the rest at every non-letter does.
#[test]
fn clock_word_follows_matches_split() {
    let mut found = 0;
    let mut check = |t: &str, pos: usize| {
        let want = t[pos..]
            .split(|c: char| !crate::text::is_letter(c))
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| voc::is_in(&voc::CLOCK_AFTER_WORDS, w));
        assert_eq!(clock_word_follows_text(t, pos), want, "{:?}", &t[pos..]);
        found += usize::from(want);
    };
    each_boundary(&mut check);
    for t in ["الثامنة (ت غ) مساءً", "3 - ، 5 والنصف", "x1 y2 z3 صباحا"]
    {
        let n = crate::normalize(t);
        for pos in
            (0..n.as_str().len()).filter(|&i| n.as_str().is_char_boundary(i))
        {
            check(n.as_str(), pos);
        }
    }
    assert!(found > 100, "{found}");
}

/// The parser given the run of letters at a position reads what it reads
/// finding the run itself, at every position of the test texts.
#[test]
fn read_letters_at_matches_read_at() {
    let mut found = 0;
    each_boundary(|t, pos| {
        let w = &t[pos..letters_end(t, pos)];
        let got = parse::read_letters_at(t, pos, w);
        assert_eq!(got, parse::read_at(t, pos), "{:?}", &t[pos..]);
        found += usize::from(got.is_some());
    });
    assert!(found > 1000, "{found}");
}

/// `strip_clitic` and `strip_ending` strip as `strip_prefix` and
/// `strip_suffix` do, for every clitic and ending the readers use, on
/// every word of the test texts and every run of letters in it.
#[test]
fn strip_helpers_match_std() {
    let mut affixes: Vec<&str> = Vec::new();
    affixes.extend(DUAL_CLITICS);
    affixes.extend(DUAL_ENDINGS);
    affixes.extend(parse::WORD_CLITICS);
    affixes.extend(parse::VAGUE_ARTICLES);
    affixes.extend(parse::ORDINAL_CLITICS);
    affixes.extend(parse::ORDINAL_LAM_CLITICS);
    affixes.extend(["", "a", "ab"]);
    let mut n = 0;
    each_boundary(|t, pos| {
        let w = &t[pos..letters_end(t, pos)];
        for a in &affixes {
            assert_eq!(strip_clitic(w, a), w.strip_prefix(a), "{w} {a}");
            assert_eq!(strip_ending(w, a), w.strip_suffix(a), "{w} {a}");
            n += usize::from(strip_clitic(w, a).is_some());
        }
    });
    assert!(n > 1000, "{n}");
}

/// The words around a number read from the word list (`Near` with the
/// list) are those read from the text, at every char boundary of the
/// test texts (and after planted clock words), with the scan's hint at
/// the word before, at the first word, and past the position: the word
/// before and after with their hashes, the counted noun, and whether a
/// clock word follows.
#[test]
fn near_words_match_the_text() {
    let x = Extractor::builtin();
    let mut texts = prefilter_corpus();
    texts.extend(crate::test_texts::all());
    texts.extend(hostile_texts());
    for t in ["الثامنة (ت غ) مساءً", "3 - ، 5 والنصف", "x1 y2 z3 صباحا"]
    {
        texts.push(t.to_string());
    }
    let (mut clocks, mut heads, mut checked) = (0, 0, 0);
    for text in texts {
        let p = x.prepare(text.as_str().into());
        let t = p.norm.as_str();
        let words = p.words.as_slice();
        for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            let at = words.partition_point(|w| w.start <= pos);
            let hints = [at.saturating_sub(1), 0, at, words.len()];
            let slow = Near::TEXT;
            for k in hints {
                let near = Near { words: Some(words), k };
                assert_eq!(
                    near.before(t, pos),
                    slow.before(t, pos),
                    "{t:?} {pos}"
                );
                assert_eq!(
                    near.after(t, pos),
                    slow.after(t, pos),
                    "{t:?} {pos}"
                );
                let head = head_word(t, pos, near);
                assert_eq!(head, head_word(t, pos, slow), "{t:?} {pos}");
                let clock = clock_word_follows(t, pos, near);
                assert_eq!(
                    clock,
                    clock_word_follows_text(t, pos),
                    "{t:?} {pos}"
                );
                clocks += usize::from(clock);
                heads += usize::from(head.is_some());
                checked += 1;
            }
        }
    }
    assert!(
        clocks > 10 && heads > 10_000 && checked > 1_000_000,
        "{clocks} {heads} {checked}"
    );
}

/// `point_at` (the point words compared with the text before the run of
/// letters is read) answers as looking the run up, at every char
/// boundary of the test texts and of decimals written with each point
/// word behind each clitic.
#[test]
fn point_at_is_the_lookup() {
    let mut found = 0;
    let mut check = |t: &str, pos: usize| {
        let w = parse::letters(t, pos);
        let want =
            (voc::CARDINALS.get(w) == Some(&voc::Word::Point)).then_some(w);
        assert_eq!(parse::point_at(t, pos), want, "{:?}", &t[pos..]);
        found += usize::from(want.is_some());
    };
    each_boundary(&mut check);
    for w in voc::POINT_WORDS.iter() {
        for cl in ["", "و", "ال"] {
            for tail in ["", "ة", "ات", "ين"] {
                let t = format!("ثلاث {cl}{w}{tail} اربعة مليون");
                let n = crate::normalize(&t);
                let t = n.as_str();
                for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                    check(t, pos);
                }
            }
        }
    }
    assert!(found > 2, "{found}");
    assert!(!voc::POINT_WORDS.is_empty());
}

/// `teen_tail` (the run of letters read only after a teen tail's first
/// letter) answers as looking the word after one space up, at every char
/// boundary of the test texts and after every unit planted before every
/// teen tail.
#[test]
fn teen_tail_is_the_lookup() {
    let mut found = 0;
    let mut check = |t: &str, end: usize| {
        let want = t[end..].strip_prefix(' ').and_then(|_| {
            let w = parse::letters(t, end + 1);
            voc::is_in(&voc::TEEN_TAIL_WORDS, w).then_some(end + 1 + w.len())
        });
        assert_eq!(parse::teen_tail(t, end), want, "{:?}", &t[end..]);
        found += usize::from(want.is_some());
    };
    each_boundary(&mut check);
    for (tail, _) in voc::TEEN_TAIL_WORDS.entries() {
        for more in ["", "ه", "ون"] {
            let t = format!("قتل ثلاثة {tail}{more} عنصرا و{tail}");
            for end in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                check(&t, end);
            }
        }
    }
    assert!(found > 10, "{found}");
}
