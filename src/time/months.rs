//! Time vocabulary as data: month names (Levantine, Egyptian/Gulf and
//! Maghrebi Gregorian names, Hijri names), weekdays, parts of the day,
//! period units and direction words.
//!
//! Every entry is written in ordinary Arabic spelling and normalized with
//! [`crate::normalize`] when the tables are built, so every spelling that
//! normalizes to the same form is recognised (`أيار`, `آيار`, `ايار`).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::vocab::{self, WordHash};
use crate::hash::WordTable;
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// Gregorian month names: (month number, names). Multi-word names are
/// written with single spaces.
const GREGORIAN: &[(u32, &[&str])] = &[
    (1, &["كانون الثاني", "كانون ثاني", "يناير", "جانفي", "جانفييه"]),
    (2, &["شباط", "فبراير", "فيفري", "فبرير"]),
    (3, &["آذار", "أذار", "مارس"]),
    (4, &["نيسان", "أبريل", "إبريل", "أفريل", "ابريل"]),
    (5, &["أيار", "آيار", "مايو", "ماي"]),
    (6, &["حزيران", "يونيو", "يونيه", "جوان"]),
    (7, &["تموز", "يوليو", "يوليه", "جويلية", "يوليوز"]),
    (8, &["آب", "أغسطس", "اغسطس", "أوت", "غشت"]),
    (9, &["أيلول", "سبتمبر", "شتنبر"]),
    (10, &["تشرين الأول", "تشرين أول", "أكتوبر", "اكتوبر"]),
    (11, &["تشرين الثاني", "تشرين ثاني", "نوفمبر", "نونبر"]),
    (12, &["كانون الأول", "كانون أول", "ديسمبر", "دجنبر"]),
];

/// Hijri month names (Umm al-Qura numbering).
const HIJRI: &[(u32, &[&str])] = &[
    (1, &["محرم", "المحرم"]),
    (2, &["صفر"]),
    (3, &["ربيع الأول", "ربيع أول"]),
    (4, &["ربيع الثاني", "ربيع الآخر", "ربيع ثاني"]),
    (5, &["جمادى الأولى", "جمادى الأول", "جمادى أول"]),
    (6, &["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى ثاني"]),
    (7, &["رجب"]),
    (8, &["شعبان"]),
    (9, &["رمضان"]),
    (10, &["شوال"]),
    (11, &["ذو القعدة", "ذي القعدة"]),
    (12, &["ذو الحجة", "ذي الحجة"]),
];

/// Weekdays, 0 = Monday (chrono's `num_days_from_monday`).
const WEEKDAYS: &[(u32, &[&str])] = &[
    (0, &["الإثنين", "الاثنين", "اثنين", "إثنين"]),
    (1, &["الثلاثاء", "الثلاثا", "ثلاثاء", "ثلاثا"]),
    (2, &["الأربعاء", "الاربعا", "أربعاء", "اربعا"]),
    (3, &["الخميس", "خميس"]),
    (4, &["الجمعة", "جمعة"]),
    (5, &["السبت", "سبت"]),
    (6, &["الأحد", "أحد"]),
];

/// Parts of the day as nouns that govern a day (`ليل الإثنين`,
/// `فجر يوم أمس`): (first hour, last hour inclusive, names).
const DAY_PARTS: &[(u32, u32, &[&str])] = &[
    (0, 5, &["فجر", "فجرا", "الفجر", "سحر", "فجراً"]),
    (6, 11, &["صباح", "صباحا", "الصباح", "صبيحة", "الصبح", "ضحى"]),
    (12, 14, &["ظهر", "ظهرا", "الظهر", "ظهيرة", "الظهيرة"]),
    (15, 17, &["عصر", "عصرا", "العصر"]),
    (18, 23, &["مساء", "مساءا", "المساء", "المسا", "عشية", "عشاء", "العشاء"]),
    (18, 23, &["ليل", "ليلة", "ليلا", "الليل", "ليلاً"]),
];

/// A normalized vocabulary table.
pub(crate) struct Table {
    /// (value, normalized words of one name).
    pub(crate) entries: Vec<(u32, Vec<String>)>,
    /// Entry indices by first word, in entry order. A first word `ال..`
    /// is also filed under `لل..`, the token whose form it is (`لليوم`).
    /// A [`WordTable`] keyed by [`crate::hash::token_hash`]: a token and
    /// its clitic-free forms are hashed in constant time, and most of
    /// them (not first words) are rejected by its filter before a probe.
    pub(crate) by_first: WordTable<Vec<usize>>,
    /// Per entry: whether its first word has at most two letters (`آب`),
    /// worked out here rather than on every match.
    pub(crate) short: Vec<bool>,
    /// The table's class bit in [`super::vocab::class`].
    pub(crate) bit: u8,
}

impl Table {
    fn build(src: &[(u32, &[&str])], bit: u8) -> Table {
        let mut entries = Vec::new();
        for &(v, names) in src {
            for name in names {
                let n = crate::normalize(name);
                let words: Vec<String> =
                    n.as_str().split(' ').map(str::to_string).collect();
                entries.push((v, words));
            }
        }
        // Longest names first, so `كانون الثاني` beats `كانون`.
        entries.sort_by_key(|e| core::cmp::Reverse(e.1.len()));
        // The first words in the order first met, each with its entries.
        let mut firsts: Vec<(String, Vec<usize>)> = Vec::new();
        let mut index: HashMap<String, usize, WordHash> = HashMap::default();
        let mut file = |key: String, k: usize| {
            let n = *index.entry(key.clone()).or_insert_with(|| {
                firsts.push((key, Vec::new()));
                firsts.len() - 1
            });
            if let Some((_, v)) = firsts.get_mut(n) {
                v.push(k);
            }
        };
        for (k, (_, words)) in entries.iter().enumerate() {
            if let Some(w) = words.first() {
                file(w.clone(), k);
                if let Some(rest) = w.strip_prefix("ال") {
                    file(format!("لل{rest}"), k);
                }
            }
        }
        let by_first = WordTable::new(10, firsts);
        let short = entries
            .iter()
            .map(|(_, words)| {
                words.first().is_some_and(|w| w.chars().nth(2).is_none())
            })
            .collect();
        Table { entries, by_first, short, bit }
    }
}

pub(crate) static GREGORIAN_MONTHS: Lazy<Table> =
    Lazy::new(|| Table::build(GREGORIAN, vocab::GREGORIAN));
pub(crate) static HIJRI_MONTHS: Lazy<Table> =
    Lazy::new(|| Table::build(HIJRI, vocab::HIJRI));
pub(crate) static WEEKDAY_NAMES: Lazy<Table> =
    Lazy::new(|| Table::build(WEEKDAYS, vocab::WEEKDAY));

/// Parts of the day: value = first hour * 100 + last hour.
pub(crate) static DAY_PART_NAMES: Lazy<Table> = Lazy::new(|| {
    let src: Vec<(u32, &[&str])> =
        DAY_PARTS.iter().map(|&(a, b, n)| (a * 100 + b, n)).collect();
    Table::build(&src, vocab::DAY_PART)
});

/// Words that make a following clock hour afternoon/evening, or morning.
/// (word, true = PM).
const CLOCK_PARTS: &[(&str, bool)] = &[
    ("صباحا", false),
    ("صباحاً", false),
    ("الصبح", false),
    ("صبحا", false),
    ("فجرا", false),
    ("الفجر", false),
    ("ظهرا", true),
    ("الظهر", true),
    ("عصرا", true),
    ("العصر", true),
    ("مساء", true),
    ("مساءا", true),
    ("المساء", true),
    ("مسا", true),
    ("المسا", true),
    ("ليلا", true),
    ("الليل", true),
    ("العشاء", true),
];

pub(crate) static CLOCK_PART_WORDS: Lazy<Vec<(String, bool)>> =
    Lazy::new(|| {
        CLOCK_PARTS
            .iter()
            .map(|&(w, pm)| (crate::normalize(w).as_str().to_string(), pm))
            .collect()
    });

/// Past direction words (`الماضي`, `المنصرم`, `الفائت`, `السابق`) as
/// `normalize` writes them (`ة` → `ه`, `ئ` → `ي`): constants, so that the
/// parser compares a token with each word's length and last byte known
/// at build time instead of reading them from a list built on first use.
/// `tests.rs` checks them against the normalized [`PAST_WRITTEN`].
pub(crate) const PAST: &[&str] = &[
    "الماضي",
    "الماضيه",
    "الماض",
    "المنصرم",
    "المنصرمه",
    "الفايت",
    "الفايته",
    "السابق",
    "السابقه",
    "المنقضي",
];

/// [`PAST`] as written.
#[cfg(test)]
pub(crate) const PAST_WRITTEN: &[&str] = &[
    "الماضي",
    "الماضية",
    "الماض",
    "المنصرم",
    "المنصرمة",
    "الفائت",
    "الفائتة",
    "السابق",
    "السابقة",
    "المنقضي",
];

/// Future direction words (`المقبل`, `القادم`, `التالي`, `الآتي`) as
/// `normalize` writes them, as [`PAST`]; `tests.rs` checks them against
/// the normalized [`FUTURE_WRITTEN`].
pub(crate) const FUTURE: &[&str] = &[
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "التالي",
    "التاليه",
    "الاتي",
    "الجاي",
    "الجايه",
];

/// [`FUTURE`] as written.
#[cfg(test)]
pub(crate) const FUTURE_WRITTEN: &[&str] = &[
    "المقبل",
    "المقبلة",
    "القادم",
    "القادمة",
    "التالي",
    "التالية",
    "الآتي",
    "الجاي",
    "الجاية",
];
