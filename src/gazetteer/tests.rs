//! Table-driven tests of the matcher and the context rules: one line per
//! case, `text => [(span text, id or "-", kind)]` or a date-dependent form.

use crate::{Extractor, Input};

/// The entities of `text` as `(original text, id, kind)`.
fn found(text: &str, date: Option<&str>) -> Vec<(String, String, String)> {
    let mut input = Input::new(text);
    if let Some(d) = date {
        input = input.with_date(d.parse().unwrap());
    }
    Extractor::builtin()
        .extract(input)
        .entities
        .iter()
        .map(|e| {
            (
                e.loc.text.to_string(),
                e.id.as_deref().unwrap_or("-").to_string(),
                e.kind.as_str().to_string(),
            )
        })
        .collect()
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($span:expr, $id:expr, $kind:expr)),* $(,)?]) => {
        t!($name, $text, None, [$(($span, $id, $kind)),*]);
    };
    ($name:ident, $text:expr, $date:expr, [$(($span:expr, $id:expr, $kind:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let want: Vec<(String, String, String)> =
                vec![$(($span.to_string(), $id.to_string(), $kind.to_string())),*];
            assert_eq!(found($text, $date), want, "in {:?}", $text);
        }
    };
}

// Proclitic chains and the لل contraction.
t!(bare, "قصفت الرقة", [("الرقة", "raqqa", "place")]);
t!(bi, "قتلى بالرقة", [("الرقة", "raqqa", "place")]);
t!(
    wa,
    "حلب والرقة",
    [("حلب", "aleppo", "place"), ("الرقة", "raqqa", "place")]
);
t!(
    wabi,
    "في حلب وبالرقة",
    [("حلب", "aleppo", "place"), ("الرقة", "raqqa", "place")]
);
t!(fa, "فالرقة مدينة", [("الرقة", "raqqa", "place")]);
t!(ka, "مدن كالرقة", [("الرقة", "raqqa", "place")]);
t!(lil, "توجهوا للرقة", [("لرقة", "raqqa", "place")]);
t!(walil, "وصلوا وللرقة", [("لرقة", "raqqa", "place")]);
t!(lil_army, "التابعة للجيش النظامي", [("لجيش النظامي", "saa", "actor")]);
t!(li_no_article, "الموالية لقوات النظام", [("قوات النظام", "saa", "actor")]);
// Never inside another word.
t!(waraqa, "قدم ورقة عمل", []);
t!(riqaba, "هيئة الرقابة", []);
t!(halaba, "في الحلبة", []);
t!(daeshiya, "الأفكار الداعشية", []);
t!(daeshiya2, "أفكار داعشية", []);
t!(sin_prefix, "سالرقة", []);
t!(suffix, "الرقةي", []);
// The longest name wins.
t!(
    rbss,
    "قالت حملة الرقة تذبح بصمت",
    [("حملة الرقة تذبح بصمت", "rbss", "actor")]
);
t!(
    rbss_short,
    "وأفاد موقع الرقة تذبح بصمت",
    [("الرقة تذبح بصمت", "rbss", "actor")]
);
t!(
    airbase,
    "سيطروا على مطار الطبقة العسكري",
    [("مطار الطبقة العسكري", "tabqa_airbase", "place")]
);
t!(
    sdf_not_syria,
    "تقدمت قوات سوريا الديمقراطية",
    [("قوات سوريا الديمقراطية", "sdf", "actor")]
);
t!(
    sdf_quoted,
    "تقدمت قوات \"سوريا الديمقراطية\" شرقا",
    [("قوات \"سوريا الديمقراطية", "sdf", "actor")]
);
t!(sdf_guillemets, "تقدمت و”قسد” شرقا", [("قسد", "sdf", "actor")]);
t!(
    tatweel,
    "قصفت الطائـرات الروسـية",
    [("الطائـرات الروسـية", "russia_aerospace", "actor")]
);
// Spelling variants.
t!(
    suriya_ta,
    "قوات سورية الديموقراطية",
    [("قوات سورية الديموقراطية", "sdf", "actor")]
);
t!(
    amriki,
    "التحالف الأمريكي",
    [("التحالف الأمريكي", "global_coalition", "actor")]
);
t!(
    amiriki,
    "التحالف الأميركي",
    [("التحالف الأميركي", "global_coalition", "actor")]
);
t!(hamza, "سيطرت على إدلب", [("إدلب", "idlib", "place")]);
t!(no_hamza, "سيطرت على ادلب", [("ادلب", "idlib", "place")]);
// Surface forms of real reporting.
t!(
    regime_forces,
    "قوات النظام وجيش النظام",
    [("قوات النظام", "saa", "actor"), ("جيش النظام", "saa", "actor")]
);
t!(assad_forces, "قوات الأسد", [("قوات الأسد", "saa", "actor")]);
t!(syaaf, "سلاح الجو السوري", [("سلاح الجو السوري", "syaaf", "actor")]);
t!(
    russian_occupation_air,
    "طيران الاحتلال الروسي",
    [("طيران الاحتلال الروسي", "russia_aerospace", "actor")]
);
t!(
    coalition_planes,
    "طائرات التحالف",
    [("طائرات التحالف", "global_coalition", "actor")]
);
t!(qasad_militia, "ميليشيا قسد", [("ميليشيا قسد", "sdf", "actor")]);
t!(kurdish_forces, "القوات الكردية", [("القوات الكردية", "ypg", "actor")]);
t!(isis_state, "تنظيم الدولة", [("تنظيم الدولة", "isis", "actor")]);
t!(observatory, "وقال المرصد", [("المرصد", "sohr", "actor")]);
t!(
    person_sohr,
    "قال رامي عبد الرحمن",
    [("رامي عبد الرحمن", "rami_abdulrahman", "person")]
);
t!(
    person_lavrov,
    "صرح سيرغي لافروف",
    [("سيرغي لافروف", "sergey_lavrov", "person")]
);
t!(
    person_lavrov_j,
    "صرح سيرجي لافروف",
    [("سيرجي لافروف", "sergey_lavrov", "person")]
);
// Demonyms.
t!(demonym_force, "القوات الإيرانية", [("القوات الإيرانية", "iran", "actor")]);
t!(
    demonym_between,
    "الطائرات الحربية الإيرانية",
    [("الطائرات الحربية الإيرانية", "iran", "actor")]
);
t!(demonym_us, "القوات الأميركية", [("القوات الأميركية", "us_forces", "actor")]);
t!(
    demonym_place,
    "داخل الأراضي التركية",
    [("الأراضي التركية", "turkey", "place")]
);
t!(
    demonym_place2,
    "عبر الحدود الأردنية",
    [("الحدود الأردنية", "jordan", "place")]
);
t!(demonym_alone, "الثقافة الروسية", []);
// Countries: place after a locative, actor otherwise.
t!(country_place, "عقد في روسيا", [("روسيا", "russia", "place")]);
t!(country_to, "سافر إلى تركيا", [("تركيا", "turkey", "place")]);
t!(country_bi, "اجتماع بروسيا", [("روسيا", "russia", "place")]);
t!(country_actor, "روسيا: سنقصف", [("روسيا", "russia", "actor")]);
t!(country_subject, "أعلنت روسيا", [("روسيا", "russia", "actor")]);
t!(capital_place, "اجتماع في دمشق", [("دمشق", "damascus", "place")]);
// Ordinary words that are also names.
t!(tabqa_politic, "الطبقة السياسية", []);
t!(tabqa_city, "معركة الطبقة", [("الطبقة", "tabqa", "place")]);
t!(thawra_word, "في الثورة السورية", []);
t!(thawra_alone, "أبناء الثورة", []);
t!(thawra_in, "شارك في الثورة", []);
t!(camp_for_refugees, "مخيم للاجئين", []);
t!(thawra_city, "مدينة الثورة", [("مدينة الثورة", "tabqa", "place")]);
t!(bab_door, "فتح الباب أمام", []);
t!(bab_city, "في الباب", [("الباب", "al_bab", "place")]);
t!(bab_city_bi, "معارك بالباب", [("الباب", "al_bab", "place")]);
t!(tall_hill, "صعد التل", []);
t!(mansoura_town, "سيطروا على المنصورة", [("المنصورة", "mansoura", "place")]);
t!(sham_alone, "بلاد الشام", []);
t!(
    ahrar,
    "حركة أحرار الشام",
    [("حركة أحرار الشام", "ahrar_al_sham", "actor")]
);
// Place phrases.
t!(
    governorate,
    "في محافظة الرقة",
    [("محافظة الرقة", "raqqa_governorate", "place")]
);
t!(rif, "بريف حلب", [("ريف حلب", "aleppo_governorate", "place")]);
t!(
    rif_dir,
    "بريف الرقة الشمالي",
    [("ريف الرقة الشمالي", "raqqa_governorate", "place")]
);
t!(
    rif_dir2,
    "ريف حلب الشمالي الشرقي",
    [("ريف حلب الشمالي الشرقي", "aleppo_governorate", "place")]
);
t!(
    rif_damascus,
    "في ريف دمشق",
    [("ريف دمشق", "rif_dimashq_governorate", "place")]
);
t!(madina, "مدينة الرقة", [("مدينة الرقة", "raqqa", "place")]);
t!(nahiya, "ناحية المنصورة", [("ناحية المنصورة", "mansoura", "place")]);
t!(badiya_town, "بادية المنصورة", [("بادية المنصورة", "mansoura", "place")]);
t!(badiya_gov, "في بادية حمص", [("بادية حمص", "badia", "place")]);
t!(
    badiya_dz,
    "في بادية دير الزور",
    [("بادية دير الزور", "deir_ez_zor_governorate", "place")]
);
t!(dam, "قرب سد الفرات", [("سد الفرات", "tabqa_dam", "place")]);
t!(
    airport_unknown,
    "قصف مطار الرقة العسكري",
    [("مطار الرقة العسكري", "-", "place")]
);
// Unknown villages.
t!(village, "في قرية الهيشة", [("قرية الهيشة", "al_hisha", "place")]);
t!(
    village_unknown,
    "قصفت قرية الحمرات شمال الرقة",
    [("قرية الحمرات", "-", "place"), ("الرقة", "raqqa", "place")]
);
t!(village_two, "في قرية تل السمن", [("قرية تل السمن", "-", "place")]);
t!(village_not, "في قرية كبيرة", []);
t!(camp, "نزحوا إلى مخيم الهول", [("مخيم الهول", "-", "place")]);
// Dates choose among entries claiming one alias.
t!(
    gov_2017,
    "الحكومة السورية",
    Some("2017-06-01"),
    [("الحكومة السورية", "syrian_regime", "actor")]
);
t!(
    gov_2025,
    "الحكومة السورية",
    Some("2025-01-15"),
    [("الحكومة السورية", "caretaker_gov_2024", "actor")]
);
t!(
    gov_2026,
    "الحكومة السورية",
    Some("2026-01-15"),
    [("الحكومة السورية", "syrian_transitional_gov", "actor")]
);
t!(
    nusra_2015,
    "جبهة النصرة",
    Some("2015-06-01"),
    [("جبهة النصرة", "nusra", "actor")]
);
t!(
    nusra_2016,
    "جبهة النصرة",
    Some("2016-10-01"),
    [("جبهة النصرة", "jfs", "actor")]
);
t!(
    nusra_2018,
    "جبهة النصرة",
    Some("2018-06-01"),
    [("جبهة النصرة", "hts", "actor")]
);
t!(nusra_undated, "جبهة النصرة", [("جبهة النصرة", "hts", "actor")]);
t!(
    gov_undated,
    "الحكومة السورية",
    [("الحكومة السورية", "syrian_regime", "actor")]
);

#[test]
fn village_takes_the_sentence_governorate() {
    let doc = Extractor::builtin()
        .extract("قصفت الطائرات قرية الحمرات بريف الرقة الشمالي.");
    let v = doc.entities.iter().find(|e| e.id.is_none()).unwrap();
    assert_eq!(v.name.as_deref(), Some("الحمرات"));
    assert_eq!(v.governorate.as_deref(), Some("raqqa_governorate"));
    assert_eq!(*v.ancestors, ["raqqa_governorate", "syria"]);
}

#[test]
fn demonym_keeps_its_head() {
    let doc = Extractor::builtin().extract("وقصفت المروحيات الإيرانية البلدة");
    let e = &doc.entities[0];
    assert_eq!(e.form, crate::EntityForm::Demonym);
    assert_eq!(e.head.as_ref().unwrap().text, "المروحيات");
}

#[test]
fn rif_keeps_direction_and_area() {
    let doc = Extractor::builtin().extract("في ريف حلب الشرقي");
    let e = &doc.entities[0];
    assert_eq!(e.direction.as_deref(), Some("east"));
    assert_eq!(e.area.as_deref(), Some("countryside"));
}

#[test]
fn spans_are_original_offsets() {
    let text = "قصفت «الطائرات الرُّوسية» وبالرَّقَّة";
    let doc = Extractor::builtin().extract(text);
    for e in &doc.entities {
        assert_eq!(&text[e.loc.start..e.loc.end], e.loc.text);
    }
    assert_eq!(doc.entities[1].loc.text, "الرَّقَّة");
}

// Indefinite and conjoined demonyms; `من` and coordination.
t!(
    indefinite_demonym,
    "على طائرة روسية في سورية",
    [("طائرة روسية", "russia", "actor"), ("سورية", "syria", "place")]
);
t!(
    conjoined_demonym,
    "قصفت طائرات روسية وسورية",
    [
        ("طائرات روسية", "russia_aerospace", "actor"),
        ("سورية", "syrian_regime", "actor")
    ]
);
t!(
    adjective_not_country,
    "ضربات جوية روسية",
    [("ضربات جوية روسية", "russia", "actor")]
);
t!(from_place, "انسحبت من سوريا", [("سوريا", "syria", "place")]);
t!(from_actor, "بدعم من روسيا", [("روسيا", "russia", "actor")]);
t!(
    coordinated,
    "في سوريا والعراق",
    [("سوريا", "syria", "place"), ("العراق", "iraq", "place")]
);
t!(
    not_coordinated,
    "اتفقت روسيا والعراق",
    [("روسيا", "russia", "actor"), ("العراق", "iraq", "actor")]
);
t!(act_demonym, "توقف القصف الروسي", [("القصف الروسي", "russia", "actor")]);
t!(
    act_demonym_between,
    "بغطاء جوي روسي",
    [("غطاء جوي روسي", "russia", "actor")]
);
t!(observatory_other, "وقال المرصد الأورومتوسطي", []);
t!(national_army_other, "الجيش الوطني اللبناني", []);

/// Found by the gazetteer property test: an unknown place's name ran into
/// the next classifier or into a name after `و` (`قرية «وجبهة النصرة`),
/// and the mentions overlapped.
#[test]
fn unknown_places_never_overlap() {
    let ex = Extractor::builtin();
    for text in ["قرية««وقرية بدعم", "قرية««وجبهة النصرة", "قرية قرية قرية"]
    {
        let doc = ex.extract(text);
        for w in doc.entities.windows(2) {
            assert!(
                w[0].loc.end <= w[1].loc.start,
                "{text}: {:?}",
                doc.entities
            );
        }
    }
    let doc = ex.extract("قرية««وجبهة النصرة");
    assert!(doc.entities.iter().any(|e| e.id.as_deref() == Some("hts")));
}

/// The neighbouring words, read with Arabic letters as two bytes, are the
/// words the char-by-char reading finds.
#[test]
fn neighbour_words_match_the_char_reading() {
    use super::matcher::is_word_char;
    use super::phrases::{next_word, prev_word};
    let slow_prev = |text: &str, at: usize| {
        let before = text.get(..at)?.strip_suffix(' ')?;
        let mut start = before.len();
        for (n, c) in before.chars().rev().enumerate() {
            if !is_word_char(c) || n > 40 {
                break;
            }
            start -= c.len_utf8();
        }
        (start < before.len()).then_some(start..before.len())
    };
    let slow_next = |text: &str, at: usize| {
        let after = text.get(at..)?.strip_prefix(' ')?;
        let len: usize = after
            .chars()
            .take_while(|&c| is_word_char(c))
            .take(40)
            .map(char::len_utf8)
            .sum();
        (len > 0).then_some(at + 1..at + 1 + len)
    };
    let mut texts = crate::test_texts::articles();
    texts.extend(crate::test_texts::peer_texts().into_iter().take(300));
    texts.push(format!("{} {}", "ب".repeat(50), "x".repeat(50)));
    let mut n = 0;
    for t in &texts {
        let norm = crate::normalize(t);
        let text = norm.as_str();
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let prev = prev_word(text, at).map(|w| w.start..w.end);
            assert_eq!(prev, slow_prev(text, at));
            let next = next_word(text, at).map(|w| w.start..w.end);
            assert_eq!(next, slow_next(text, at));
            n += usize::from(prev.is_some());
        }
    }
    assert!(n > 1000);
}

/// A lone claimant is the most specific: the shortcut answers as the
/// whole choice does for every entry of the built-in gazetteer, alone
/// and next to each of its ancestors.
#[test]
fn most_specific_of_one_is_the_whole_choice() {
    let ex = Extractor::builtin();
    let g = ex.gazetteer();
    assert!(g.entries.len() > 100);
    for i in 0..g.entries.len() {
        assert_eq!(
            super::most_specific(g, &[i]),
            super::most_specific_of_all(g, &[i])
        );
        for a in 0..g.entries.len() {
            if g.is_ancestor(a, i) {
                let pool = [a, i];
                assert_eq!(
                    super::most_specific(g, &pool),
                    super::most_specific_of_all(g, &pool)
                );
            }
        }
    }
}

/// The shortcut of `resolve` for a plain name of one entry finds what the
/// whole choice finds, on every test text, undated and dated.
#[test]
fn lone_plain_names_resolve_as_the_whole_choice() {
    let ex = Extractor::builtin();
    let g = ex.gazetteer();
    let mut n = 0;
    for t in crate::test_texts::all() {
        for date in
            [None, Some("2013-01-01"), Some("2019-06-01"), Some("2025-03-01")]
        {
            let mut input = Input::new(&t);
            if let Some(d) = date {
                input = input.with_date(d.parse().unwrap());
            }
            let p = ex.prepare(input);
            let fast = super::extract_with(&p, g, true);
            let slow = super::extract_with(&p, g, false);
            assert_eq!(fast, slow, "{t}");
            n += fast.len();
        }
    }
    assert!(n > 1000, "{n}");
}

/// `sort_by_start` gives the stable sort by start: on every test text's
/// mentions as found, reversed and rotated (ties kept in order).
#[test]
fn sort_by_start_is_the_stable_sort() {
    let ex = Extractor::builtin();
    let mut n = 0;
    for t in crate::test_texts::all() {
        let found = ex.extract(Input::new(&t)).entities;
        let mut shapes =
            vec![found.clone(), found.iter().rev().cloned().collect()];
        let mut rotated = found.clone();
        rotated.rotate_left(found.len() / 2);
        shapes.push(rotated);
        // Equal starts in both orders.
        let mut doubled = found.clone();
        doubled.extend(found.iter().rev().cloned());
        shapes.push(doubled);
        for mut v in shapes {
            let mut want = v.clone();
            want.sort_by_key(|e| e.norm.start);
            super::sort_by_start(&mut v);
            assert_eq!(v, want, "{t}");
            n += v.len();
        }
    }
    assert!(n > 1000, "{n}");
}
