//! The gazetteers and the matcher through the public API: every alias under
//! every proclitic, user data, data errors, and the ids list.

use hadath::{normalize, Entity, EntityKind, ErrorKind, Extractor, Input};
use std::collections::HashSet;

fn norm(s: &str) -> String {
    normalize(s).as_str().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ids of every entry claiming the normalized name `n`.
fn claimants(ex: &Extractor, n: &str) -> HashSet<String> {
    ex.gazetteer()
        .entries()
        .iter()
        .filter(|e| {
            core::iter::once(&e.name_ar)
                .chain(&e.aliases_ar)
                .any(|a| norm(a) == n)
        })
        .map(|e| e.id.clone())
        .collect()
}

const WITH_ARTICLE: [&str; 8] = ["", "و", "ف", "ب", "ك", "وب", "فب", "وك"];
const WITHOUT_ARTICLE: [&str; 9] =
    ["", "و", "ف", "ب", "ك", "ل", "وب", "ول", "فل"];

#[test]
fn every_alias_is_found_under_every_proclitic() {
    let ex = Extractor::builtin();
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in ex.gazetteer().entries() {
        for name in core::iter::once(&e.name_ar).chain(&e.aliases_ar) {
            let n = norm(name);
            let ids = claimants(&ex, &n);
            let article = n.starts_with("ال");
            let mut forms: Vec<(String, String)> = Vec::new();
            let plain: &[&str] =
                if article { &WITH_ARTICLE } else { &WITHOUT_ARTICLE };
            for p in plain {
                forms.push((format!("{p}{name}"), name.to_string()));
            }
            if article {
                // The لل contraction: the span starts at the article's ل.
                let rest: String = name.chars().skip(1).collect();
                for p in ["ل", "ول", "فل"] {
                    forms.push((format!("{p}{rest}"), rest.clone()));
                }
            }
            for (written, span) in forms {
                let text = format!("في {written} امس.");
                let doc = ex.extract(text.as_str());
                let start =
                    text.find(&written).unwrap() + written.len() - span.len();
                let hit = doc.entities.iter().any(|x| {
                    x.loc.start == start
                        && x.loc.text.ends_with(span.as_str())
                        && x.id
                            .as_deref()
                            .is_some_and(|id| ids.iter().any(|i| i == id))
                });
                checked += 1;
                if !hit {
                    failures.push(format!(
                        "{} {text:?}: {:?}",
                        e.id,
                        summary(&doc.entities)
                    ));
                }
            }
        }
    }
    assert!(checked > 5000, "{checked}");
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_alias_is_found_glued_inside_a_longer_word() {
    let ex = Extractor::builtin();
    let mut failures = Vec::new();
    for e in ex.gazetteer().entries() {
        for name in core::iter::once(&e.name_ar).chain(&e.aliases_ar) {
            for (before, after) in
                [("س", ""), ("ت", ""), ("", "ات"), ("", "ية"), ("مس", "ين")]
            {
                let text = format!("في {before}{name}{after} امس.");
                let doc = ex.extract(text.as_str());
                let start = 3 + before.len();
                let end = start + name.len();
                let bad: Vec<&Entity> = doc
                    .entities
                    .iter()
                    .filter(|x| {
                        (x.loc.start == start && !before.is_empty())
                            || (x.loc.end == end && !after.is_empty())
                    })
                    .collect();
                if !bad.is_empty() {
                    failures.push(format!(
                        "{} {text:?}: {:?}",
                        e.id,
                        summary(&doc.entities)
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn summary(es: &[Entity]) -> Vec<(String, Option<String>)> {
    es.iter()
        .map(|e| (e.loc.text.to_string(), e.id.as_deref().map(str::to_string)))
        .collect()
}

#[test]
fn extractor_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Extractor>();
    check::<hadath::Gazetteer>();
}

#[test]
fn entities_are_sorted_and_spans_hold_their_text() {
    let ex = Extractor::builtin();
    for (text, date) in crate::seeds::seeds() {
        let doc =
            ex.extract(Input::new(&text).with_date(date.parse().unwrap()));
        assert!(!doc.entities.is_empty());
        for w in doc.entities.windows(2) {
            assert!(w[0].loc.start <= w[1].loc.start);
        }
        for e in &doc.entities {
            assert_eq!(&text[e.loc.start..e.loc.end], e.loc.text);
            let chars = text[..e.loc.start].chars().count();
            assert_eq!(e.loc.char_start, chars);
        }
    }
}

#[test]
fn json_has_the_entity_fields() {
    let doc =
        Extractor::builtin().extract("قصفت الطائرات الروسية مدينة الرقة");
    let v = serde_json::to_value(&doc).unwrap();
    let e = &v["entities"][1];
    assert_eq!(e["kind"], "place");
    assert_eq!(e["id"], "raqqa");
    assert_eq!(e["ancestors"][0], "raqqa_governorate");
    assert_eq!(e["governorate"], "raqqa_governorate");
    assert_eq!(e["geonames_id"], 172955);
    assert_eq!(e["type"], "city");
    assert!(e["lat"].is_f64() && e["lon"].is_f64());
    assert!(e.get("direction").is_none());
    let a = &v["entities"][0];
    assert_eq!(a["id"], "russia_aerospace");
    assert_eq!(
        a["ancestors"],
        serde_json::json!(["russia_forces", "russia_mod", "russia"])
    );
    assert_eq!(a["name_en"], "Russian Aerospace Forces");
    assert!(a.get("governorate").is_none());
}

const USER: &str = r#"
version = 1
[[place]]
id = "hamrat"
type = "village"
name_ar = "الحمرات"
aliases_ar = ["قرية الحمرات"]
name_en = "al-Hamrat"
parent = "raqqa_governorate"

[[actor]]
id = "liwa_test"
type = "militia"
name_ar = "لواء الاختبار"
name_en = "Test Brigade"
parent = "saa"
"#;

#[test]
fn a_user_entry_is_found_with_its_clitics() {
    let ex =
        Extractor::builder().gazetteer_str("user.toml", USER).build().unwrap();
    let doc = ex.extract("وللحمرات وبالحمرات ولواء الاختبار");
    let got: Vec<_> = doc
        .entities
        .iter()
        .map(|e| (e.loc.text.as_str(), e.id.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("لحمرات", Some("hamrat")),
            ("الحمرات", Some("hamrat")),
            ("لواء الاختبار", Some("liwa_test"))
        ]
    );
    assert_eq!(*doc.entities[2].ancestors, ["saa", "syrian_regime", "syria"]);
}

#[test]
fn a_user_file_overrides_an_entry_by_id() {
    let dir = std::env::temp_dir()
        .join(format!("hadath-gaz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("override.toml");
    std::fs::write(
        &path,
        "version = 1\n[[actor]]\nid = \"sohr\"\ntype = \"ngo_monitor\"\n\
         name_ar = \"مرصد الاختبار\"\nname_en = \"Test monitor\"\n",
    )
    .unwrap();
    let ex = Extractor::builder().gazetteer_file(&path).build().unwrap();
    let doc = ex.extract("قال مرصد الاختبار وقال المرصد السوري");
    let ids: Vec<_> =
        doc.entities.iter().map(|e| e.loc.text.as_str()).collect();
    assert_eq!(ids, ["مرصد الاختبار"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Builds with one user string and returns the error's (file, line,
/// column, entry, message).
fn data_error(
    src: &str,
) -> (String, Option<usize>, Option<usize>, Option<String>, String) {
    let err = Extractor::builder()
        .gazetteer_str("user.toml", src)
        .build()
        .unwrap_err();
    match err.kind() {
        ErrorKind::Data { file, line, column, entry, message } => (
            file.display().to_string(),
            *line,
            *column,
            entry.clone(),
            message.clone(),
        ),
        other => panic!("not a data error: {other:?}"),
    }
}

macro_rules! bad {
    ($name:ident, $src:expr, $line:expr, $entry:expr, $msg:expr) => {
        #[test]
        fn $name() {
            let (file, line, column, entry, message) = data_error($src);
            assert_eq!(file, "user.toml");
            assert_eq!(line, Some($line), "{message}");
            assert!(column.is_some());
            assert_eq!(entry.as_deref(), $entry);
            assert!(message.contains($msg), "{message}");
        }
    };
}

const E: &str = "name_en = \"x\"\ntype = \"militia\"\n";

bad!(syntax, "version = 1\n[[actor]\nid = \"a\"\n", 2, None, "");
bad!(
    missing_field,
    "version = 1\n[[actor]]\nid = \"a\"\nname_ar = \"ا ب\"\n",
    2,
    None,
    "missing field"
);
bad!(unknown_field, &format!("version = 1\n[[actor]]\nid = \"abc\"\nname_ar = \"اب\"\n{E}colour = \"red\"\n"), 7, Some("abc"), "unknown field");
bad!(duplicate_id, &format!("version = 1\n[[actor]]\nid = \"a\"\nname_ar = \"اب\"\n{E}[[actor]]\nid = \"a\"\nname_ar = \"جد\"\n{E}"), 8, Some("a"), "duplicate actor id");
bad!(alias_clash, &format!("version = 1\n[[actor]]\nid = \"mine\"\nname_ar = \"قوات النظام\"\n{E}"), 3, Some("mine"), "also claimed by actor \"saa\"");
bad!(unknown_parent, &format!("version = 1\n[[actor]]\nid = \"a\"\nname_ar = \"اب\"\nparent = \"nobody\"\n{E}"), 3, Some("a"), "unknown parent");
bad!(parent_loop, &format!("version = 1\n[[actor]]\nid = \"a\"\nname_ar = \"اب\"\nparent = \"b\"\n{E}[[actor]]\nid = \"b\"\nname_ar = \"جد\"\nparent = \"a\"\n{E}"), 3, Some("a"), "loops");
bad!(bad_date, &format!("version = 1\n[[actor]]\nid = \"a\"\nname_ar = \"اب\"\nvalid_from = \"spring\"\n{E}"), 3, Some("a"), "bad valid_from");
bad!(reversed_dates, &format!("version = 1\n[[actor]]\nid = \"a\"\nname_ar = \"اب\"\nvalid_from = \"2020\"\nvalid_to = \"2019\"\n{E}"), 3, Some("a"), "not after");
bad!(
    bad_id,
    &format!("version = 1\n[[actor]]\nid = \"Bad Id\"\nname_ar = \"اب\"\n{E}"),
    3,
    Some("Bad Id"),
    "id must be"
);
bad!(weak_not_a_name, &format!("version = 1\n[[actor]]\nid = \"a\"\nname_ar = \"اب\"\nweak_ar = [\"جد\"]\n{E}"), 3, Some("a"), "not one of the entry's names");
bad!(
    empty_name,
    &format!("version = 1\n[[actor]]\nid = \"a\"\nname_ar = \" ـ \"\n{E}"),
    3,
    Some("a"),
    "empty name_ar"
);

#[test]
fn disjoint_dates_may_share_an_alias() {
    let src =
        "version = 1\n[[actor]]\nid = \"later\"\nname_ar = \"قوات النظام\"\n\
               name_en = \"x\"\ntype = \"militia\"\nvalid_from = \"2030\"\n";
    let ex =
        Extractor::builder().gazetteer_str("user.toml", src).build().unwrap();
    let doc = ex.extract(
        Input::new("قوات النظام").with_date("2031-01-01".parse().unwrap()),
    );
    assert_eq!(doc.entities[0].id.as_deref(), Some("later"));
}

#[test]
fn a_bad_version_is_an_error() {
    let (_, _, _, _, message) = data_error("version = 2\n");
    assert!(message.contains("unsupported version 2"));
}

#[test]
fn ids_md_is_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("gazetteers/IDS.md");
    let want = Extractor::builtin().gazetteer().ids_markdown();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        if std::env::var_os("HADATH_BLESS").is_some() {
            std::fs::write(&path, &want).unwrap();
        } else {
            panic!("gazetteers/IDS.md is stale: run HADATH_BLESS=1 cargo test ids_md_is_current");
        }
    }
}

#[test]
fn gold_ids_exist() {
    let ex = Extractor::builtin();
    let g = ex.gazetteer();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/gold/seeds.gold.json"))
            .unwrap(),
    )
    .unwrap();
    for d in gold["documents"].as_array().unwrap() {
        for ev in d["events"].as_array().unwrap() {
            for (field, kind) in [
                ("agent", EntityKind::Actor),
                ("target", EntityKind::Actor),
                ("place", EntityKind::Place),
            ] {
                for id in ev[field].as_array().into_iter().flatten() {
                    let id = id.as_str().unwrap();
                    assert!(
                        g.get(kind, id).is_some(),
                        "{field} id {id} is not in the gazetteer"
                    );
                }
            }
        }
    }
}

/// Repeating a paragraph with no sentence break n times gives n times the
/// mentions, spans included (timing belongs in the criterion benches).
#[test]
fn absurd_input_scales_with_its_length() {
    let unit =
        "قرية الحمرات بريف الرقة الشمالي وقصفت الطائرات الروسية والسورية \
                في سوريا والعراق قرية قرية حي ";
    let ex = Extractor::builtin();
    let count = |n: usize| {
        let text = unit.repeat(n);
        let doc = ex.extract(text.as_str());
        for e in &doc.entities {
            assert_eq!(&text[e.loc.start..e.loc.end], e.loc.text);
        }
        (doc.entities.len(), doc.events.len())
    };
    let (e50, v50) = count(50);
    let (e400, v400) = count(400);
    assert!(e50 >= 50 * 5);
    assert_eq!(e400, 8 * e50);
    assert_eq!(v400, 8 * v50);
}

mod fuzz {
    use hadath::Extractor;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "الرقة",
        "الرَّقَّة",
        "ريف",
        "حلب",
        "الشمالي",
        "قرية",
        "حي",
        "مخيم",
        "و",
        "ب",
        "لل",
        "ال",
        "في",
        "من",
        "بدعم",
        "روسيا",
        "سورية",
        "الروسية",
        "روسي",
        "قوات",
        "سوريا",
        "الديمقراطية",
        "«",
        "»",
        "\"",
        "”",
        "ـ",
        " ",
        " ",
        " ",
        "\n",
        ":",
        "،",
        "مطار",
        "الطبقة",
        "العسكري",
        "بادية",
        "محافظة",
        "طائرات",
        "التحالف",
        "داعش",
        "ية",
        "x",
        "١٢",
        "\u{200f}",
        "ٌ",
        "الباب",
        "النظام",
        "جبهة النصرة",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn spans_are_valid_sorted_and_disjoint(
            parts in proptest::collection::vec(0..PIECES.len(), 0..40),
            glue in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let mut text = String::new();
            for (k, &i) in parts.iter().enumerate() {
                text.push_str(PIECES[i]);
                if glue[k] {
                    text.push(' ');
                }
            }
            let doc = Extractor::builtin().extract(text.as_str());
            let mut last_end = 0;
            for e in &doc.entities {
                prop_assert!(e.loc.start < e.loc.end);
                prop_assert!(e.loc.start >= last_end, "{:?}", doc.entities);
                prop_assert_eq!(text.get(e.loc.start..e.loc.end), Some(e.loc.text.as_str()));
                prop_assert_eq!(e.loc.char_start, text[..e.loc.start].chars().count());
                last_end = e.loc.end;
            }
        }
    }
}

/// Found by the property test above: an unknown-village phrase must not
/// overlap a demonym whose head is the word after the classifier.
#[test]
fn unknown_village_never_overlaps_a_known_mention() {
    let text = "قرية بدعم سورية";
    let doc = Extractor::builtin().extract(text);
    let mut last_end = 0;
    for e in &doc.entities {
        assert!(e.loc.start >= last_end, "{:?}", doc.entities);
        last_end = e.loc.end;
    }
}

/// Found by the property test: two unknown-village phrases in a row
/// ("قرية وقرية ...") must not overlap each other.
#[test]
fn unknown_villages_never_overlap_each_other() {
    let text = "قرية وقرية الرقةالرقة";
    let doc = Extractor::builtin().extract(text);
    let mut last_end = 0;
    for e in &doc.entities {
        assert!(e.loc.start >= last_end, "{:?}", doc.entities);
        last_end = e.loc.end;
    }
}
