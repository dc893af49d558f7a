//! The `hadath` command-line tool, run as a process.

use std::io::Write;
use std::process::{Command, Stdio};

fn hadath() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hadath"))
}

fn seed(name: &str) -> String {
    format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn extract_prints_a_document_per_seed() {
    let out = hadath()
        .args(["extract", "--date", "2017-06-01"])
        .arg(seed("001_22ca520eae405aa2.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in
        ["entities", "quantities", "times", "events", "sentences", "chrome"]
    {
        assert!(doc[key].is_array(), "missing {key}");
    }
    assert_eq!(doc["date"], "2017-06-01");
    let text =
        std::fs::read_to_string(seed("001_22ca520eae405aa2.txt")).unwrap();
    for s in doc["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], s["text"].as_str().unwrap());
    }
}

#[test]
fn compact_output_has_one_line_per_input() {
    let out = hadath()
        .args(["extract", "--compact"])
        .arg(seed("000_c6ee0ab9842ab196.txt"))
        .arg(seed("003_75b3902d17d9828a.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["date"].is_null());
    }
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = hadath()
        .args(["extract", "--date", "2017-06-01T14:30", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("قصف الرقة.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["date"], "2017-06-01T14:30:00");
    assert_eq!(doc["sentences"][0]["text"], "قصف الرقة.");
}

#[test]
fn invalid_utf8_names_file_and_offset() {
    let dir = std::env::temp_dir()
        .join(format!("hadath-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    let mut bytes = "قصف ".as_bytes().to_vec();
    bytes.push(0xFF);
    std::fs::write(&bad, &bytes).unwrap();
    let out = hadath()
        .args(["extract", "--compact"])
        .arg(&bad)
        .arg(seed("003_75b3902d17d9828a.txt"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt"), "{err}");
    assert!(err.contains("invalid UTF-8 at byte offset 7"), "{err}");
    // The batch went on: the good file still has its document.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_date_is_refused() {
    let out = hadath()
        .args(["extract", "--date", "2017-13-01"])
        .arg(seed("003_75b3902d17d9828a.txt"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid date \"2017-13-01\""), "{err}");
}

#[test]
fn a_missing_file_is_reported() {
    let out = hadath().args(["extract", "no/such/file.txt"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt"));
}

#[test]
fn eval_scores_the_seeds_like_the_gold_test() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = hadath()
        .arg("eval")
        .arg(format!("{root}/tests/gold/seeds.gold.json"))
        .arg(format!("{root}/seeds"))
        .arg("--verbose")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("trigger+type  P "), "{text}");
    assert!(text.contains("full events (type + every gold argument right)"));
}

#[test]
fn eval_reports_a_missing_prediction_folder_entry() {
    let root = env!("CARGO_MANIFEST_DIR");
    let empty = std::env::temp_dir()
        .join(format!("hadath-eval-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let out = hadath()
        .arg("eval")
        .arg(format!("{root}/tests/gold/seeds.gold.json"))
        .arg(format!("{root}/seeds"))
        .arg(&empty)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&empty).ok();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("000_c6ee0ab9842ab196.json"), "{err}");
}
