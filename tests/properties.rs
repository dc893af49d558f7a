//! Property tests of the fuzz targets' invariants over generated
//! Arabic-heavy text: letters, diacritics, tatweel, digits of three
//! scripts, number words, month names, actor and place names, quote
//! marks, bidi marks, punctuation and line breaks, mixed with arbitrary
//! code points. The checks are the fuzz harness's own.

use proptest::prelude::*;

use crate::harness;

const WORDS: &[&str] = &[
    // Actors, places, persons.
    "قوات سوريا الديمقراطية",
    "تنظيم داعش",
    "الطائرات الروسية",
    "التحالف الدولي",
    "قوات النظام",
    "هيئة تحرير الشام",
    "الجيش التركي",
    "المرصد السوري",
    "الرقة",
    "ريف حلب الشمالي",
    "دير الزور",
    "إدلب",
    "مدينة",
    "قرية",
    "بلدة",
    "حي",
    "مخيم",
    "محافظة",
    "بادية",
    "مطار",
    "الروسي",
    "التركية",
    // Event words.
    "قصفت",
    "قصف",
    "مقتل",
    "قتل",
    "أصيب",
    "غارة",
    "غارات",
    "سيطرت",
    "انسحب",
    "هجوم",
    "اشتباكات",
    "نزوح",
    "أسقط",
    "استهدف",
    "لم",
    "سوف",
    // Numbers and qualifiers.
    "ثلاثة",
    "عشرات",
    "مئات",
    "ألف",
    "آلاف",
    "مليون",
    "ثلاثمائة",
    "وخمسون",
    "إحدى عشرة",
    "الحادي عشر",
    "ما لا يقل عن",
    "نحو",
    "أكثر من",
    "بالمئة",
    "%",
    // Times.
    "أمس",
    "اليوم",
    "ليل",
    "الإثنين",
    "الجمعة",
    "صباح",
    "مساء",
    "منذ",
    "حتى",
    "الأسبوع الماضي",
    "الشهر الماضي",
    "العام",
    "أيار",
    "حزيران",
    "تموز",
    "كانون الثاني",
    "يناير",
    "رمضان",
    "هـ",
    "الساعة",
    "مطلع",
    "نهاية",
    "قبل أيام",
    // Chrome.
    "شاركها",
    "اقرأ أيضا",
    "تعليق",
];

/// One fragment of generated text.
fn fragment() -> impl Strategy<Value = String> {
    let word = prop::sample::select(WORDS).prop_map(str::to_string);
    let letter = prop::char::range('\u{0621}', '\u{064A}');
    let mark = prop::char::range('\u{064B}', '\u{0652}');
    let digit = prop_oneof![
        prop::char::range('0', '9'),
        prop::char::range('\u{0660}', '\u{0669}'),
        prop::char::range('\u{06F0}', '\u{06F9}'),
    ];
    let special = prop::sample::select(vec![
        'ـ', '«', '»', '"', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}',
        '\'', '(', ')', '\u{200E}', '\u{200F}', '\u{202B}', '\u{202C}',
        '\u{2066}', '\u{2069}', '\u{200C}', '\u{200D}', '\u{FEFF}', '.', '،',
        '؛', '؟', '!', ':', '-', '/', '٫', '٬', ',', '\n', '\r', '\t', ' ',
        ' ', ' ', '\u{00A0}', '\u{2028}', 'ﻻ', 'ﷲ', 'ک', 'ی', 'ى', 'ة', 'ؤ',
        'ئ', 'أ', 'إ', 'آ',
    ]);
    prop_oneof![
        4 => word.prop_map(|w| format!("{w} ")),
        3 => prop::collection::vec(letter, 1..8)
            .prop_map(|v| v.into_iter().collect::<String>()),
        2 => prop::collection::vec(mark, 1..4)
            .prop_map(|v| v.into_iter().collect::<String>()),
        2 => prop::collection::vec(digit, 1..6)
            .prop_map(|v| v.into_iter().collect::<String>()),
        3 => special.prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Arabic-heavy text of up to `n` fragments.
fn arabic_text(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..n).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn normalization_round_trips(text in arabic_text(60)) {
        harness::check_normalize(&text);
    }

    #[test]
    fn extraction_spans_are_exact_and_deterministic(text in arabic_text(80)) {
        let json = harness::check_extract(&text);
        prop_assert!(json.starts_with("{\""), "not a JSON object");
    }

    #[test]
    fn entities_are_exact(text in arabic_text(60)) {
        harness::check_matcher(&text);
    }

    #[test]
    fn numbers_and_times_hold(text in arabic_text(20)) {
        harness::check_numbers(&text);
        harness::check_time(&text);
    }

    #[test]
    fn any_string_is_safe(text in any::<String>()) {
        harness::check_all(text.as_bytes());
    }
}
