//! The seeds scored against their gold event annotations, with hadath's own
//! scorer and, where python3 is at hand, the reference scorer
//! (`tests/gold/score_events.py`) on the same predictions.

use hadath::eval::{score, Gold, Scores};
use hadath::{Extractor, Input};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A gold set: the gold file and the folder of its articles.
#[derive(Clone, Copy)]
struct Set {
    gold: &'static str,
    articles: &'static str,
}

/// The seeds (development set) and the project's own test articles.
const SEEDS: Set =
    Set { gold: "tests/gold/seeds.gold.json", articles: "seeds" };
const OWN: Set = Set {
    gold: "tests/articles/articles.gold.json",
    articles: "tests/articles",
};

fn gold(set: Set) -> Gold {
    let src = std::fs::read_to_string(root().join(set.gold)).unwrap();
    serde_json::from_str(&src).unwrap()
}

/// Extracts every article of a set, returning (doc, text, prediction).
fn predictions(set: Set) -> Vec<(String, String, serde_json::Value)> {
    let ex = Extractor::builtin();
    gold(set)
        .documents
        .iter()
        .map(|d| {
            let path =
                root().join(set.articles).join(format!("{}.txt", d.doc));
            let text = std::fs::read_to_string(path).unwrap();
            let date = d.date.parse().unwrap();
            let doc = ex.extract(Input::new(&text).with_date(date));
            let json = serde_json::to_value(&doc).unwrap();
            (d.doc.clone(), text, json)
        })
        .collect()
}

fn scores(set: Set) -> Scores {
    let preds = predictions(set);
    score(&gold(set), |doc| {
        preds
            .iter()
            .find(|(d, _, _)| d == doc)
            .map(|(_, t, j)| (t.clone(), j.clone()))
    })
    .unwrap()
}

/// Trigger+type F1 and full-event F1 the seeds must reach (issue: event
/// extraction).
const MIN_TRIGGER_F1: f64 = 0.90;
const MIN_FULL_F1: f64 = 0.65;
/// The same for the project's own articles, which no rule was written
/// from.
const OWN_MIN_TRIGGER_F1: f64 = 0.90;
const OWN_MIN_FULL_F1: f64 = 0.50;

fn report(name: &str, s: &Scores) {
    println!("== {name}\n{}", s.report());
    for line in &s.lines {
        println!("{line}");
    }
}

#[test]
fn seeds_meet_the_gold_targets() {
    let s = scores(SEEDS);
    report("seeds", &s);
    assert!(s.trigger.f1 >= MIN_TRIGGER_F1, "trigger F1 {:.3}", s.trigger.f1);
    assert!(s.full.f1 >= MIN_FULL_F1, "full F1 {:.3}", s.full.f1);
}

#[test]
fn own_articles_meet_the_gold_targets() {
    let s = scores(OWN);
    report("own articles", &s);
    assert!(
        s.trigger.f1 >= OWN_MIN_TRIGGER_F1,
        "trigger F1 {:.3}",
        s.trigger.f1
    );
    assert!(s.full.f1 >= OWN_MIN_FULL_F1, "full F1 {:.3}", s.full.f1);
}

#[test]
fn rust_scorer_agrees_with_the_reference_scorer() {
    let python =
        std::process::Command::new("python3").arg("--version").output();
    if python.is_err() {
        eprintln!("python3 not found: reference scorer not run");
        return;
    }
    let dir: PathBuf = std::env::temp_dir()
        .join(format!("hadath-gold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (doc, _, json) in predictions(SEEDS) {
        std::fs::write(
            dir.join(format!("{doc}.json")),
            serde_json::to_vec(&json).unwrap(),
        )
        .unwrap();
    }
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/gold/score_events.py"))
        .arg(root().join("tests/gold/seeds.gold.json"))
        .arg(root().join("seeds"))
        .arg(&dir)
        .arg("--json")
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let py: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = scores(SEEDS);
    let close =
        |a: f64, b: &serde_json::Value| (a - b.as_f64().unwrap()).abs() < 1e-9;
    assert!(
        close(s.trigger.f1, &py["trigger"]["f1"]),
        "trigger {} vs {}",
        s.trigger.f1,
        py["trigger"]["f1"]
    );
    assert!(close(s.coarse.f1, &py["coarse"]["f1"]));
    assert!(
        close(s.full.f1, &py["full"]["f1"]),
        "full {} vs {}",
        s.full.f1,
        py["full"]["f1"]
    );
    for (arg, (ok, n)) in &s.args {
        assert_eq!(
            py["args"][arg]["ok"].as_u64().unwrap() as usize,
            *ok,
            "{arg}"
        );
        assert_eq!(
            py["args"][arg]["n"].as_u64().unwrap() as usize,
            *n,
            "{arg}"
        );
    }
}
