//! The words Arabic news text uses to write numbers and amounts.
//!
//! Everything here is data: spellings are written in ordinary Arabic (with
//! hamza, taa marbuta and alef maqsura as a writer would type them) and are
//! passed through [`crate::normalize`] when the lookup tables are built, so
//! every spelling the normalizer folds together (`مئة`, `مائة`, `ميه`) is
//! found. Dialect forms that the peer suites use (Levantine and Egyptian
//! `تلاتة`, `حداشر`, `تلتمية`) are listed beside the standard ones.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::hash::{WordHash, WordTable};
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// What a number word contributes to a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Word {
    /// A digit value 0-10 (`صفر`, `ثلاث`, `ثلاثة`, `عشرة`).
    Unit(u8),
    /// The first word of a teen that is not a unit on its own (`أحد`,
    /// `إحدى`, `اثنا`, `اثني`).
    TeenHead(u8),
    /// A teen written as one word (`احدعشر`, `حداشر`).
    Teen(u8),
    /// A multiple of ten, 20-90 (`عشرون`, `عشرين`).
    Tens(u8),
    /// A multiple of a hundred, 100-900 (`مئة`, `مئتان`, `ثلاثمائة`).
    Hundred(u16),
    /// The plural `مئات`: `أربع مئات` = 400, alone "hundreds".
    Hundreds,
    /// A scale word in the singular (`ألف`, `مليون`, `مليار`).
    Scale(u64),
    /// A dual scale word: twice the scale (`ألفان`, `مليونين`).
    ScaleDual(u64),
    /// A plural scale word (`آلاف`, `ملايين`): after a number it
    /// multiplies, alone it is a vague amount ("thousands").
    ScalePlural(u64),
    /// `عشرات` "tens of".
    Tens10,
    /// `بضع`, `بضعة` "a few" (three to nine).
    Few,
    /// The decimal point word `فاصلة`.
    Point,
}

/// Units 0-10 in every gender, case and common dialect spelling.
const UNITS: &[(&str, u8)] = &[
    ("صفر", 0),
    ("واحد", 1),
    ("واحدة", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتان", 2),
    ("اثنتين", 2),
    ("اتنين", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("تلات", 3),
    ("تلاتة", 3),
    ("أربع", 4),
    ("أربعة", 4),
    ("خمس", 5),
    ("خمسة", 5),
    ("ست", 6),
    ("ستة", 6),
    ("سبع", 7),
    ("سبعة", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانية", 8),
    ("ثمنية", 8),
    ("تماني", 8),
    ("تمانية", 8),
    ("تمنية", 8),
    ("تسع", 9),
    ("تسعة", 9),
    ("عشر", 10),
    ("عشرة", 10),
];

/// Words that only start a teen (`أحد عشر`, `اثنا عشر`).
const TEEN_HEADS: &[(&str, u8)] = &[
    ("أحد", 1),
    ("إحدى", 1),
    ("اثنا", 2),
    ("اثني", 2),
    ("اثنتا", 2),
    ("اثنتي", 2),
];

/// The second word of a teen.
pub(crate) const TEEN_TAILS: &[&str] = &["عشر", "عشرة"];

/// Teens written as one word (mostly dialect).
const TEENS: &[(&str, u8)] = &[
    ("احدعشر", 11),
    ("احدعش", 11),
    ("حدعشر", 11),
    ("حداشر", 11),
    ("اتناشر", 12),
    ("اطناشر", 12),
    ("اطناعشر", 12),
    ("اطنعش", 12),
    ("ثلتعش", 13),
    ("تلتعشر", 13),
    ("ثلثطعشر", 13),
    ("تلتاشر", 13),
    ("اربعتاشر", 14),
    ("اربعطعش", 14),
    ("اربعطعشر", 14),
    ("خمستاشر", 15),
    ("خمسطعش", 15),
    ("خمسطعشر", 15),
    ("ستاشر", 16),
    ("ستطعش", 16),
    ("ستطعشر", 16),
    ("سبعتاشر", 17),
    ("سبعطعش", 17),
    ("سبعطعشر", 17),
    ("تمنتاشر", 18),
    ("ثمنطعش", 18),
    ("ثمنطعشر", 18),
    ("تسعتاشر", 19),
    ("تسعطعش", 19),
    ("تسعطعشر", 19),
];

/// Tens 20-90, nominative and oblique.
const TENS: &[(&str, u8)] = &[
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثون", 30),
    ("ثلاثين", 30),
    ("تلاتين", 30),
    ("أربعون", 40),
    ("أربعين", 40),
    ("خمسون", 50),
    ("خمسين", 50),
    ("ستون", 60),
    ("ستين", 60),
    ("سبعون", 70),
    ("سبعين", 70),
    ("ثمانون", 80),
    ("ثمانين", 80),
    ("تمانون", 80),
    ("تمانين", 80),
    ("تمنين", 80),
    ("تسعون", 90),
    ("تسعين", 90),
];

/// The word for a hundred, in every spelling.
const HUNDRED_WORDS: &[&str] = &["مئة", "مائة", "مية", "ميه", "مايه"];

/// Hundred duals.
const HUNDRED_DUALS: &[&str] = &[
    "مئتان",
    "مئتين",
    "مئتا",
    "مئتي",
    "مائتان",
    "مائتين",
    "مائتا",
    "مائتي",
    "ميتين",
    "متين",
];

/// Unit stems that fuse with `مئة` into one word (`ثلاثمائة`).
const HUNDRED_PREFIXES: &[(&str, u16)] = &[
    ("ثلاث", 3),
    ("تلات", 3),
    ("تلت", 3),
    ("أربع", 4),
    ("خمس", 5),
    ("ست", 6),
    ("سبع", 7),
    ("ثمان", 8),
    ("ثمن", 8),
    ("تمن", 8),
    ("تسع", 9),
];

/// Plural of hundred.
const HUNDREDS: &[&str] = &["مئات", "ميات"];

/// Scale words.
const SCALES: &[(&str, Word)] = &[
    ("ألف", Word::Scale(1_000)),
    ("ألفاً", Word::Scale(1_000)),
    ("ألفان", Word::ScaleDual(1_000)),
    ("ألفين", Word::ScaleDual(1_000)),
    ("ألفي", Word::ScaleDual(1_000)),
    ("آلاف", Word::ScalePlural(1_000)),
    ("ألاف", Word::ScalePlural(1_000)),
    ("ألوف", Word::ScalePlural(1_000)),
    ("مليون", Word::Scale(1_000_000)),
    ("مليونان", Word::ScaleDual(1_000_000)),
    ("مليونين", Word::ScaleDual(1_000_000)),
    ("مليونا", Word::ScaleDual(1_000_000)),
    ("مليوني", Word::ScaleDual(1_000_000)),
    ("ملايين", Word::ScalePlural(1_000_000)),
    ("مليار", Word::Scale(1_000_000_000)),
    ("ملياراً", Word::Scale(1_000_000_000)),
    ("ملياران", Word::ScaleDual(1_000_000_000)),
    ("مليارين", Word::ScaleDual(1_000_000_000)),
    ("ملياري", Word::ScaleDual(1_000_000_000)),
    ("مليارات", Word::ScalePlural(1_000_000_000)),
    ("بليون", Word::Scale(1_000_000_000)),
    ("بلايين", Word::ScalePlural(1_000_000_000)),
];

/// Vague amounts and the decimal-point word.
const OTHERS: &[(&str, Word)] = &[
    ("عشرات", Word::Tens10),
    ("بضع", Word::Few),
    ("بضعة", Word::Few),
    ("فاصلة", Word::Point),
    ("فاصل", Word::Point),
];

/// Ordinals 1-10, masculine and feminine, with and without the article.
const ORDINALS: &[(&str, u8)] = &[
    ("الأول", 1),
    ("الأولى", 1),
    ("الواحد", 1),
    ("الواحدة", 1),
    ("الأحد", 1),
    ("الإحدى", 1),
    ("الاثنا", 2),
    ("الاثني", 2),
    ("الاثنتا", 2),
    ("الاثنتي", 2),
    ("الثان", 2),
    ("التاني", 2),
    ("التانية", 2),
    ("تاني", 2),
    ("التالت", 3),
    ("التالتة", 3),
    ("التامن", 8),
    ("التامنة", 8),
    ("تامن", 8),
    ("أول", 1),
    ("أولى", 1),
    ("الحادي", 1),
    ("الحادية", 1),
    ("الثاني", 2),
    ("الثانية", 2),
    ("ثاني", 2),
    ("الثالث", 3),
    ("الثالثة", 3),
    ("ثالث", 3),
    ("ثالثة", 3),
    ("الرابع", 4),
    ("الرابعة", 4),
    ("رابع", 4),
    ("رابعة", 4),
    ("الخامس", 5),
    ("الخامسة", 5),
    ("خامس", 5),
    ("خامسة", 5),
    ("السادس", 6),
    ("السادسة", 6),
    ("سادس", 6),
    ("سادسة", 6),
    ("السابع", 7),
    ("السابعة", 7),
    ("سابع", 7),
    ("سابعة", 7),
    ("الثامن", 8),
    ("الثامنة", 8),
    ("ثامن", 8),
    ("ثامنة", 8),
    ("التاسع", 9),
    ("التاسعة", 9),
    ("تاسع", 9),
    ("تاسعة", 9),
    ("العاشر", 10),
    ("العاشرة", 10),
    ("عاشر", 10),
    ("عاشرة", 10),
];

/// Ordinal words that only start a teen or a compound with a ten
/// (`الحادي عشر`, `الواحد والعشرون`); alone they are other words
/// (`الأحد` is Sunday).
pub(crate) const ORDINAL_TEEN_ONLY: &[&str] = &[
    "الحادي",
    "الحادية",
    "الواحد",
    "الواحدة",
    "الأحد",
    "الإحدى",
    "الاثنا",
    "الاثني",
    "الاثنتا",
    "الاثنتي",
];

/// Ordinal tens with the article (`الحادي والعشرون`).
const ORDINAL_TENS: &[(&str, u8)] = &[
    ("العشرون", 20),
    ("التلاتين", 30),
    ("التمانين", 80),
    ("التمنين", 80),
    ("التمانون", 80),
    ("العشرين", 20),
    ("الثلاثون", 30),
    ("الثلاثين", 30),
    ("الأربعون", 40),
    ("الأربعين", 40),
    ("الخمسون", 50),
    ("الخمسين", 50),
    ("الستون", 60),
    ("الستين", 60),
    ("السبعون", 70),
    ("السبعين", 70),
    ("الثمانون", 80),
    ("الثمانين", 80),
    ("التسعون", 90),
    ("التسعين", 90),
];

/// A count qualifier and where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QualPos {
    /// Before the number (`أكثر من 200`).
    Before,
    /// After the number (`120 على الأقل`).
    After,
}

/// Qualifiers: phrase, meaning, position.
const QUALIFIERS: &[(&str, super::Qualifier, QualPos)] = {
    use super::Qualifier::*;
    use QualPos::*;
    &[
        ("ما لا يقل عن", AtLeast, Before),
        ("ما لا يقل على", AtLeast, Before),
        ("لا يقل عن", AtLeast, Before),
        ("ما لا تقل عن", AtLeast, Before),
        ("لا تقل عن", AtLeast, Before),
        ("على الأقل", AtLeast, Before),
        ("على الأقل", AtLeast, After),
        ("أكثر من", MoreThan, Before),
        ("ما يزيد عن", MoreThan, Before),
        ("ما يزيد على", MoreThan, Before),
        ("يزيد عن", MoreThan, Before),
        ("يزيد على", MoreThan, Before),
        ("تزيد عن", MoreThan, Before),
        ("تزيد على", MoreThan, Before),
        ("ما يتجاوز", MoreThan, Before),
        ("يتجاوز", MoreThan, Before),
        ("تتجاوز", MoreThan, Before),
        ("أزيد من", MoreThan, Before),
        ("ما يربو على", MoreThan, Before),
        ("يربو على", MoreThan, Before),
        ("ما يفوق", MoreThan, Before),
        ("يفوق", MoreThan, Before),
        ("نحو", About, Before),
        ("حوالي", About, Before),
        ("حوالى", About, Before),
        ("قرابة", About, Before),
        ("زهاء", About, Before),
        ("ما يقارب", About, Before),
        ("يقارب", About, Before),
        ("ما يقرب من", About, Before),
        ("ما يناهز", About, Before),
        ("يناهز", About, Before),
        ("تقريبا", About, After),
        ("تقريباً", About, After),
        ("أقل من", LessThan, Before),
        ("ما يقل عن", LessThan, Before),
        ("ما لا يزيد عن", AtMost, Before),
        ("ما لا يزيد على", AtMost, Before),
        ("لا يزيد عن", AtMost, Before),
        ("لا يزيد على", AtMost, Before),
        ("لا تزيد عن", AtMost, Before),
        ("لا تزيد على", AtMost, Before),
        ("ما يصل إلى", AtMost, Before),
        ("يصل إلى", AtMost, Before),
        ("على الأكثر", AtMost, Before),
        ("على الأكثر", AtMost, After),
    ]
};

/// Percent words after a number (`35 في المئة`, `35 بالمائة`).
const PERCENT_WORDS: &[&str] =
    &["في المئة", "في المائة", "في المية", "بالمئة", "بالمائة", "بالمية", "%"];

/// Month names and month words: a small number right before one is a day
/// of a date (`15 من شهر`, `17 أيار`), not a count.
const MONTHS: &[&str] = &[
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "آيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ابريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "شهر",
    "الشهر",
    "محرم",
    "صفر",
    "رمضان",
    "شوال",
];

/// Words before an ordinal that make it part of a month name
/// (`تشرين الثاني`, `ربيع الأول`).
const MONTH_ORDINAL_HEADS: &[&str] =
    &["تشرين", "كانون", "ربيع", "جمادى", "جماد"];

/// Words before a four-digit number that make it a year.
const YEAR_CUES: &[&str] = &[
    "عام",
    "العام",
    "عامي",
    "سنة",
    "السنة",
    "منذ",
    "مطلع",
    "أواخر",
    "أوائل",
    "نهاية",
    "بداية",
    "خريف",
    "ربيع",
    "صيف",
    "شتاء",
    "منتصف",
    "في",
    "وفي",
    "حتى",
    "خلال",
    "قبل",
    "بعد",
    "لعام",
    "وعام",
];

/// Number words that are ordinary words when they stand alone in running
/// text (`متين` "solid" is also Egyptian for 200).
const AMBIGUOUS_ALONE: &[&str] = &["متين"];

/// Words before digits that make them a name or a reference number
/// (`القرار 2254`, `الفرقة 17`, `رقم 5`).
const NAME_CUES: &[&str] = &[
    "رقم",
    "الرقم",
    "القرار",
    "قرار",
    "الفرقة",
    "اللواء",
    "الفوج",
    "الكتيبة",
    "المادة",
    "الطريق",
    "طريق",
    "الصفحة",
    "العدد",
    "الدورة",
    "النسخة",
];

/// Words before or after a number that make it a clock time.
const CLOCK_BEFORE: &[&str] = &["الساعة", "الساعه"];
const CLOCK_AFTER: &[&str] = &[
    "صباحا",
    "صباحاً",
    "مساء",
    "مساءً",
    "ظهرا",
    "ظهراً",
    "فجرا",
    "فجراً",
    "ليلا",
    "ليلاً",
    "والنصف",
    "والربع",
    "إلا",
    "عصرا",
    "عصراً",
];

/// Words that are never the counted noun after a number.
const NOT_HEADS: &[&str] = &[
    "من",
    "في",
    "على",
    "إلى",
    "الى",
    "عن",
    "و",
    "أو",
    "ثم",
    "مع",
    "منذ",
    "بعد",
    "قبل",
    "خلال",
    "حتى",
    "عند",
    "لدى",
    "أن",
    "إن",
    "انه",
    "أنه",
    "التي",
    "الذي",
    "الذين",
    "كما",
    "قد",
    "لم",
    "لن",
    "لا",
    "ما",
    "هو",
    "هي",
    "هم",
    "ذلك",
    "هذا",
    "هذه",
    "أي",
    "أيضا",
    "أيضاً",
    "فقط",
    "أمس",
    "اليوم",
    "غدا",
    "وفي",
    "ومن",
    "بين",
    "كل",
    "تلك",
    "عبر",
    "حيث",
    "بحسب",
    "وفق",
    "وفقا",
    "وفقاً",
    "لكن",
    "بل",
    "إذ",
    "منهم",
    "منها",
    "منه",
    "منهن",
    "بينهم",
    "بينها",
    "فيها",
    "فيه",
    "عليها",
    "عليه",
    "لهم",
    "لها",
    "له",
    "عليهم",
    "فيهم",
];

/// Nouns whose dual is a count of two (`عنصران`, `بغارتين`). Only nouns
/// whose plural is broken or feminine, so the dual ending is unambiguous;
/// units of time are left to the time module.
const DUAL_COUNT_NOUNS: &[&str] = &[
    "عنصر",
    "غارة",
    "شخص",
    "قتيل",
    "جريح",
    "طائرة",
    "طفل",
    "صاروخ",
    "قذيفة",
    "هجوم",
    "ضربة",
    "سيارة",
    "مروحية",
    "دبابة",
    "رجل",
    "جندي",
    "امرأة",
    "قرية",
    "مدينة",
    "مدرسة",
    "مستشفى",
    "عملية",
    "هجمة",
    "مقاتلة",
];

/// Normalizes a vocabulary spelling the way the text is normalized.
pub(crate) fn norm(s: &str) -> String {
    crate::normalize(s).as_str().to_string()
}

/// [`norm`] of each of `words`, in order, from one normalization of them
/// joined by line breaks (one call instead of one a word; tested equal
/// to [`norm`] on every list). Should the pieces not come back one a
/// word, each is normalized alone.
pub(crate) fn norm_all<'a>(
    words: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let words: Vec<&str> = words.into_iter().collect();
    let joined = words.join("\n");
    let n = crate::normalize(&joined);
    let pieces: Vec<String> =
        n.as_str().split('\n').map(str::to_string).collect();
    if pieces.len() == words.len() {
        pieces
    } else {
        words.iter().map(|w| norm(w)).collect()
    }
}

/// A set of normalized words, looked up in constant time.
pub(crate) type WordSet = crate::hash::WordTable<()>;

fn norm_set(words: &[&str]) -> WordSet {
    WordSet::new(
        10,
        norm_all(words.iter().copied()).into_iter().map(|w| (w, ())),
    )
}

/// A word table of a map's words, each once (as the map kept it).
fn table<V>(m: HashMap<String, V, WordHash>) -> WordTable<V> {
    WordTable::new(12, m)
}

/// The cardinal lookup table: normalized word → meaning.
pub(crate) static CARDINALS: Lazy<WordTable<Word>> = Lazy::new(|| {
    // The spellings in order, normalized together, then put in the map in
    // that order.
    let mut raw: Vec<(String, Word)> = Vec::new();
    for &(w, v) in UNITS {
        raw.push((w.to_string(), Word::Unit(v)));
    }
    for &(w, v) in TEEN_HEADS {
        raw.push((w.to_string(), Word::TeenHead(v)));
    }
    for &(w, v) in TEENS {
        raw.push((w.to_string(), Word::Teen(v)));
    }
    for &(w, v) in TENS {
        raw.push((w.to_string(), Word::Tens(v)));
    }
    for w in HUNDRED_WORDS {
        raw.push((w.to_string(), Word::Hundred(100)));
    }
    for w in HUNDRED_DUALS {
        raw.push((w.to_string(), Word::Hundred(200)));
    }
    for &(p, v) in HUNDRED_PREFIXES {
        for h in HUNDRED_WORDS {
            raw.push((format!("{p}{h}"), Word::Hundred(v * 100)));
        }
    }
    for w in HUNDREDS {
        raw.push((w.to_string(), Word::Hundreds));
    }
    for &(w, x) in SCALES.iter().chain(OTHERS) {
        raw.push((w.to_string(), x));
    }
    let normed = norm_all(raw.iter().map(|(w, _)| w.as_str()));
    let mut m: HashMap<String, Word, WordHash> = HashMap::default();
    for (n, (_, x)) in normed.into_iter().zip(raw) {
        m.insert(n, x);
    }
    // A later spelling of a word replaced an earlier one.
    table(m)
});

/// The words of [`CARDINALS`] that are the decimal point
/// ([`Word::Point`]).
pub(crate) static POINT_WORDS: Lazy<Vec<String>> = Lazy::new(|| {
    CARDINALS
        .entries()
        .filter(|(_, x)| **x == Word::Point)
        .map(|(w, _)| w.to_string())
        .collect()
});

/// The ordinal lookup table: normalized word → value 1-10.
pub(crate) static ORDINAL_WORDS: Lazy<WordTable<u8>> = Lazy::new(|| {
    let normed = norm_all(ORDINALS.iter().map(|&(w, _)| w));
    table(normed.into_iter().zip(ORDINALS.iter().map(|&(_, v)| v)).collect())
});

/// Ordinal tens (`العشرين`) → value.
pub(crate) static ORDINAL_TEN_WORDS: Lazy<WordTable<u8>> = Lazy::new(|| {
    let normed = norm_all(ORDINAL_TENS.iter().map(|&(w, _)| w));
    table(
        normed.into_iter().zip(ORDINAL_TENS.iter().map(|&(_, v)| v)).collect(),
    )
});

/// Normalized teen tails.
pub(crate) static TEEN_TAIL_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(TEEN_TAILS));

/// The first two bytes (the first letter) of each of
/// [`TEEN_TAIL_WORDS`], each once: a teen tail starts with one of them.
pub(crate) static TEEN_TAIL_HEADS: Lazy<Vec<Vec<u8>>> = Lazy::new(|| {
    let mut v: Vec<Vec<u8>> = TEEN_TAIL_WORDS
        .entries()
        .map(|(w, _)| w.as_bytes().iter().take(2).copied().collect())
        .collect();
    v.sort();
    v.dedup();
    v
});

/// Normalized ordinal teen-only heads.
pub(crate) static ORDINAL_TEEN_ONLY_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(ORDINAL_TEEN_ONLY));

/// Normalized qualifiers, longest first.
pub(crate) static QUALIFIER_PHRASES: Lazy<
    Vec<(String, super::Qualifier, QualPos)>,
> = Lazy::new(|| {
    let mut v: Vec<_> = norm_all(QUALIFIERS.iter().map(|&(w, _, _)| w))
        .into_iter()
        .zip(QUALIFIERS)
        .map(|(n, &(_, q, p))| (n, q, p))
        .collect();
    v.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
    v.dedup();
    v
});

/// Indices into `items` by a byte of each (`None`: left out), in
/// order: entry `b` lists the items whose byte is `b`.
fn by_byte(items: impl Iterator<Item = Option<u8>>) -> Vec<Vec<u8>> {
    let mut v = vec![Vec::new(); 256];
    for (k, b) in items.enumerate() {
        if let (Some(b), Ok(k)) = (b, u8::try_from(k)) {
            if let Some(l) = v.get_mut(usize::from(b)) {
                l.push(k);
            }
        }
    }
    v
}

/// The last eight bytes of each of [`QUALIFIER_PHRASES`] (all of a
/// shorter one, at the top), little-endian, and the mask of those it
/// has: a text that ends with the phrase has them in its last eight
/// bytes.
pub(crate) static QUALIFIER_TAILS: Lazy<Vec<(u64, u64)>> = Lazy::new(|| {
    QUALIFIER_PHRASES
        .iter()
        .map(|(w, _, _)| {
            let b = w.as_bytes();
            let n = b.len().min(8);
            let last = b.get(b.len() - n..).unwrap_or_default();
            let v = crate::hash::load8(last, 0);
            let shift = 8 * (8 - n as u32);
            (
                v.checked_shl(shift).unwrap_or(0),
                u64::MAX.checked_shl(shift).unwrap_or(0),
            )
        })
        .collect()
});

/// The qualifiers before a number by their last byte: indices into
/// [`QUALIFIER_PHRASES`], in its order.
pub(crate) static QUALIFIERS_BEFORE_BY_LAST: Lazy<Vec<Vec<u8>>> =
    Lazy::new(|| {
        by_byte(QUALIFIER_PHRASES.iter().map(|(w, _, pos)| {
            w.as_bytes().last().copied().filter(|_| *pos == QualPos::Before)
        }))
    });

/// The qualifiers after a number by their first byte: indices into
/// [`QUALIFIER_PHRASES`], in its order.
pub(crate) static QUALIFIERS_AFTER_BY_FIRST: Lazy<Vec<Vec<u8>>> =
    Lazy::new(|| {
        by_byte(QUALIFIER_PHRASES.iter().map(|(w, _, pos)| {
            w.as_bytes().first().copied().filter(|_| *pos == QualPos::After)
        }))
    });

/// The percent phrases by their first byte: indices into
/// [`PERCENT_PHRASES`], in its order.
pub(crate) static PERCENT_BY_FIRST: Lazy<Vec<Vec<u8>>> = Lazy::new(|| {
    by_byte(PERCENT_PHRASES.iter().map(|w| w.as_bytes().first().copied()))
});

/// Normalized percent phrases, longest first.
pub(crate) static PERCENT_PHRASES: Lazy<Vec<String>> = Lazy::new(|| {
    let mut v: Vec<String> = norm_all(PERCENT_WORDS.iter().copied());
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
});

/// Normalized month words.
pub(crate) static MONTH_WORDS: Lazy<WordSet> = Lazy::new(|| norm_set(MONTHS));

/// Normalized month-name heads of ordinals.
pub(crate) static MONTH_ORDINAL_HEAD_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(MONTH_ORDINAL_HEADS));

/// Normalized year cues.
pub(crate) static YEAR_CUE_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(YEAR_CUES));

/// Normalized ambiguous words.
pub(crate) static AMBIGUOUS_ALONE_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(AMBIGUOUS_ALONE));

/// Normalized name cues.
pub(crate) static NAME_CUE_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(NAME_CUES));

/// Normalized clock words before a number.
pub(crate) static CLOCK_BEFORE_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(CLOCK_BEFORE));

/// Normalized clock words after a number.
pub(crate) static CLOCK_AFTER_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(CLOCK_AFTER));

/// Normalized non-head words.
pub(crate) static NOT_HEAD_WORDS: Lazy<WordSet> =
    Lazy::new(|| norm_set(NOT_HEADS));

/// Normalized dual stems: the noun with a final taa marbuta as `ت`, ready
/// for the dual endings `ان`, `ين`, `ا`, `ي`.
pub(crate) static DUAL_STEMS: Lazy<WordSet> = Lazy::new(|| {
    let stems =
        norm_all(DUAL_COUNT_NOUNS.iter().copied()).into_iter().map(|n| {
            let stem = match n.strip_suffix('ه') {
                Some(s) => format!("{s}ت"),
                None => n,
            };
            (stem, ())
        });
    WordSet::new(10, stems)
});

/// Whether `w` is one of `set`.
pub(crate) fn is_in(set: &WordSet, w: &str) -> bool {
    set.get(w).is_some()
}

/// Whether `w`, whose [`token_hash`](crate::hash::token_hash) is `h`,
/// is one of `set`.
pub(crate) fn is_in_hashed(set: &WordSet, w: &str, h: u64) -> bool {
    set.get_hashed(w.as_bytes(), h).is_some()
}

/// The value of a number word that can follow a definite noun with the
/// article (`الأيام العشرة`): a unit 3-10 or a ten, given without `ال`.
pub(crate) fn definite_number(w: &str) -> Option<f64> {
    match CARDINALS.get(w)? {
        Word::Unit(u @ 3..=10) => Some(f64::from(*u)),
        Word::Tens(t) => Some(f64::from(*t)),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// `norm_all` (one normalization of the joined list) is `norm` of each
    /// word, on every list it is given, without its fallback.
    #[test]
    fn norm_all_is_norm_of_each() {
        let firsts = |l: &[(&'static str, u8)]| -> Vec<&'static str> {
            l.iter().map(|&(w, _)| w).collect()
        };
        let mut hundreds: Vec<String> = Vec::new();
        for &(p, _) in HUNDRED_PREFIXES {
            for h in HUNDRED_WORDS {
                hundreds.push(format!("{p}{h}"));
            }
        }
        let lists: Vec<Vec<&str>> = vec![
            firsts(UNITS),
            firsts(TEEN_HEADS),
            firsts(TEENS),
            firsts(TENS),
            HUNDRED_WORDS.to_vec(),
            HUNDRED_DUALS.to_vec(),
            hundreds.iter().map(String::as_str).collect(),
            HUNDREDS.to_vec(),
            SCALES.iter().chain(OTHERS).map(|&(w, _)| w).collect(),
            firsts(ORDINALS),
            firsts(ORDINAL_TENS),
            TEEN_TAILS.to_vec(),
            ORDINAL_TEEN_ONLY.to_vec(),
            QUALIFIERS.iter().map(|&(w, _, _)| w).collect(),
            PERCENT_WORDS.to_vec(),
            MONTHS.to_vec(),
            MONTH_ORDINAL_HEADS.to_vec(),
            YEAR_CUES.to_vec(),
            AMBIGUOUS_ALONE.to_vec(),
            NAME_CUES.to_vec(),
            CLOCK_BEFORE.to_vec(),
            CLOCK_AFTER.to_vec(),
            NOT_HEADS.to_vec(),
            DUAL_COUNT_NOUNS.to_vec(),
        ];
        let all: Vec<&str> = lists.iter().flatten().copied().collect();
        for l in lists.iter().chain([&all]) {
            let each: Vec<String> = l.iter().map(|w| norm(w)).collect();
            // The joined text comes back one piece a word (no fallback).
            let joined = crate::normalize(&l.join("\n"));
            assert_eq!(joined.as_str().split('\n').count(), l.len());
            assert_eq!(norm_all(l.iter().copied()), each);
        }
    }
}
