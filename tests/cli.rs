//! The `hadath` command-line tool, run as a process.

use std::io::Write;
use std::process::{Command, Stdio};

fn hadath() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hadath"))
}

fn seed(name: &str) -> String {
    format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch directory for one test.
fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("hadath-cli-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `hadath` with `stdin` as its standard input.
fn run_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = hadath()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Write from a thread: the output pipe fills while we write.
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
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
    let dir = tmp("utf8");
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
    // One record per input, in order: the error record, then the document.
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["path"].as_str().unwrap().ends_with("bad.txt"));
    assert_eq!(lines[0]["error"], "invalid UTF-8 at byte offset 7");
    assert!(lines[1]["events"].is_array());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 input record(s) failed"), "{err}");
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
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["path"], "no/such/file.txt");
    assert!(rec["error"].as_str().unwrap().contains("No such file"));
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

/// A JSONL input of `n` good records with, at fixed places, broken JSON,
/// invalid UTF-8, an empty text, a bad date and a blank line.
fn jsonl_input(n: usize) -> Vec<u8> {
    let mut buf = Vec::new();
    for i in 1..=n {
        match i % 500 {
            7 => buf.extend_from_slice(b"{\"id\": \"broken\", \"text\": \n"),
            8 => {
                buf.extend_from_slice(
                    b"{\"id\": \"u\", \"text\": \"\xd9\xff\"}",
                );
                buf.push(b'\n');
            }
            9 => buf.extend_from_slice(b"{\"id\": \"e\", \"text\": \" \"}\n"),
            10 => buf.extend_from_slice(
                "{\"id\":\"d\",\"date\":\"2017-02-30\",\"text\":\"قصف\"}\n"
                    .as_bytes(),
            ),
            _ => {
                let rec = serde_json::json!({
                    "id": format!("r{i}"),
                    "date": "2017-06-01",
                    "text": format!("قصفت الطائرات الروسية مدينة الرقة أمس وقتل {i} مدنيا."),
                });
                buf.extend_from_slice(rec.to_string().as_bytes());
                buf.push(b'\n');
            }
        }
    }
    buf
}

#[test]
fn jsonl_gives_one_record_per_line_in_order_with_error_records() {
    let n = 3000;
    let out = run_with_stdin(&["extract", "--jsonl", "-"], &jsonl_input(n));
    assert!(!out.status.success(), "failed records make the exit non-zero");
    let text = String::from_utf8(out.stdout).unwrap();
    let recs: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), n);
    for (k, r) in recs.iter().enumerate() {
        let line = k + 1;
        assert_eq!(r["line"], line, "record {k} out of order");
        match line % 500 {
            7 => {
                assert!(r["id"].is_null());
                let e = r["error"].as_str().unwrap();
                assert!(e.starts_with("invalid JSON: EOF while"), "{e}");
                assert!(e.ends_with("at line 1 column 25"), "{e}");
            }
            8 => assert_eq!(r["error"], "invalid UTF-8 at byte offset 21"),
            9 => {
                assert_eq!(r["id"], "e");
                assert_eq!(r["error"], "empty text");
            }
            10 => {
                assert_eq!(r["id"], "d");
                assert!(r["error"].as_str().unwrap().contains("2017-02-30"));
            }
            _ => {
                assert_eq!(r["id"], format!("r{line}"));
                assert_eq!(r["date"], "2017-06-01");
                let q = &r["quantities"][0];
                assert_eq!(
                    q["value"], line,
                    "record {line} is someone else's"
                );
            }
        }
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("24 input record(s) failed"), "{err}");
}

#[test]
fn blank_lines_are_not_records_but_keep_line_numbers() {
    let input = "\n{\"id\":\"a\",\"text\":\"قصف الرقة\"}\n\n{\"id\":\"b\",\"text\":\"قصف\"}";
    let out = run_with_stdin(&["extract", "--jsonl", "-"], input.as_bytes());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let recs: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 2);
    assert_eq!((&recs[0]["id"], &recs[0]["line"]), (&"a".into(), &2.into()));
    assert_eq!((&recs[1]["id"], &recs[1]["line"]), (&"b".into(), &4.into()));
}

#[test]
fn jobs_do_not_change_the_output() {
    let input = jsonl_input(600);
    for format in ["jsonl", "csv", "geojson"] {
        let one = run_with_stdin(
            &["extract", "--jsonl", "-", "--format", format, "--jobs", "1"],
            &input,
        );
        let four = run_with_stdin(
            &["extract", "--jsonl", "-", "--format", format, "--jobs", "4"],
            &input,
        );
        assert!(!one.stdout.is_empty());
        assert!(one.stdout == four.stdout, "{format} differs with --jobs 4");
    }
    let seeds = format!("{}/seeds", env!("CARGO_MANIFEST_DIR"));
    let run = |jobs: &str| {
        hadath()
            .args(["extract", "--compact", "--jobs", jobs, &seeds])
            .output()
            .unwrap()
    };
    let (one, two) = (run("1"), run("2"));
    assert!(one.status.success());
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 5);
    assert!(one.stdout == two.stdout);
}

#[test]
fn directories_recurse_and_out_dir_writes_one_file_each() {
    let dir = tmp("outdir");
    let src = dir.join("in");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::write(src.join("a.txt"), "قصفت الطائرات مدينة الرقة أمس.")
        .unwrap();
    std::fs::write(src.join("sub/b.txt"), "اشتباكات في حلب.").unwrap();
    std::fs::write(src.join("sub/empty.txt"), "  \n").unwrap();
    std::fs::write(src.join("notes.md"), "not an article").unwrap();
    // The sidecar date convention: `a.date` next to `a.txt`.
    std::fs::write(src.join("a.date"), "2017-06-01\n").unwrap();
    let out_dir = dir.join("out");
    let out = hadath()
        .args(["extract", "--date", "2020-01-01", "--out-dir"])
        .arg(&out_dir)
        .arg(&src)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the empty file is a failed record");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("empty.txt\",\"error\":\"empty text\"}"), "{err}");
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(out_dir.join(p)).unwrap())
            .unwrap()
    };
    assert_eq!(read("a.json")["date"], "2017-06-01", "sidecar wins");
    assert_eq!(read("a.json")["times"][0]["from"], "2017-05-31");
    assert_eq!(read("sub/b.json")["date"], "2020-01-01", "--date otherwise");
    let mut names: Vec<String> = walk(&out_dir);
    names.sort();
    assert_eq!(names, ["a.json", "sub/b.json"], "no temporary files left");
    std::fs::remove_dir_all(&dir).ok();
}

fn walk(root: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

#[test]
fn a_bad_sidecar_date_is_an_error_record() {
    let dir = tmp("sidecar");
    std::fs::write(dir.join("x.txt"), "قصف الرقة").unwrap();
    std::fs::write(dir.join("x.date"), "yesterday").unwrap();
    let out =
        hadath().args(["extract"]).arg(dir.join("x.txt")).output().unwrap();
    assert!(!out.status.success());
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = rec["error"].as_str().unwrap();
    assert!(e.contains("x.date: invalid date \"yesterday\""), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Splits CSV text (RFC 4180) into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_acled_columns_and_one_row_per_event() {
    let out = hadath()
        .args(["extract", "--format", "csv", "--date", "2017-06-01"])
        .arg(seed("001_22ca520eae405aa2.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows = parse_csv(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        rows[0].join(","),
        "event_id,event_date,time_precision,event_type,sub_event_type,\
         actor1,assoc_actor_1,actor2,admin1,location,latitude,longitude,\
         geo_precision,source,notes,fatalities"
    );
    assert!(rows.len() > 3);
    for r in &rows[1..] {
        assert_eq!(r.len(), 16, "{r:?}");
        assert!(r[0].starts_with("001_22ca520eae405aa2-"));
    }
    // The 120 killed (`وقتل ما لا يقل عن 120 عنصراً`) are fatalities.
    let toll = rows.iter().find(|r| r[15] == "120").expect("a toll of 120");
    assert_eq!(r_type(toll), ("Strategic developments", "Other"));
    assert!(toll[14].starts_with("casualties: «"));
    // An airstrike on Raqqa, with its governorate and coordinates.
    let strike = rows
        .iter()
        .find(|r| r[4] == "Air/drone strike" && r[9] == "Raqqa")
        .expect("an airstrike in Raqqa");
    assert_eq!(strike[8], "Raqqa");
    assert_eq!(strike[12], "1");
    assert!(strike[10].starts_with("35.") && strike[11].starts_with("39."));
}

fn r_type(r: &[String]) -> (&str, &str) {
    (r[3].as_str(), r[4].as_str())
}

#[test]
fn geojson_is_a_feature_collection_with_lon_lat_points() {
    let out = hadath()
        .args(["extract", "--format", "geojson", "--date", "2017-06-01"])
        .arg(seed("001_22ca520eae405aa2.txt"))
        .arg(seed("003_75b3902d17d9828a.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for f in features {
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        // Syria and its neighbours: longitude 25..50 east, latitude 29..42.
        assert!((25.0..50.0).contains(&lon), "{f}");
        assert!((29.0..42.0).contains(&lat), "{f}");
        assert!(f["properties"]["event_id"].is_string());
    }
    // An empty batch is still a valid collection.
    let out = run_with_stdin(&["extract", "--format", "geojson", "-"], b"abc");
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fc["features"].as_array().unwrap().len(), 0);
}

#[test]
fn html_is_rtl_escaped_and_marks_mentions() {
    let text = "قصفت الطائرات الروسية مدينة الرقة أمس وقتل 12 مدنيا <script>x</script>.";
    let out = run_with_stdin(
        &["extract", "--format", "html", "--date", "2017-06-01", "-"],
        text.as_bytes(),
    );
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">")
    );
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    for class in ["actor", "place", "time", "quantity", "trigger"] {
        assert!(
            html.contains(&format!("<mark class=\"{class}\" title=")),
            "no {class} mark"
        );
    }
    assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
    assert!(html.contains("<table class=\"events\">"));
}

#[test]
fn out_dir_is_refused_for_stream_formats() {
    let out = hadath()
        .args(["extract", "--format", "csv", "--out-dir", "/tmp/x"])
        .arg(seed("003_75b3902d17d9828a.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Renders a seed's page in a real browser (headless chromium) and checks
/// the rendered DOM. Skipped when chromium is absent, unless
/// `HADATH_REQUIRE_BROWSER=1` (as `.ci/run` sets it). With
/// `HADATH_SCREENSHOT=path` it also saves a screenshot there.
#[test]
fn html_renders_right_to_left_with_highlights_in_a_browser() {
    let required =
        std::env::var_os("HADATH_REQUIRE_BROWSER").is_some_and(|v| v == "1");
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(browser) = browser else {
        assert!(!required, "HADATH_REQUIRE_BROWSER=1 but no chromium found");
        eprintln!("skipped: no chromium on PATH (set HADATH_REQUIRE_BROWSER=1 to require it)");
        return;
    };
    let dir = tmp("browser");
    let out = hadath()
        .args(["extract", "--format", "html", "--date", "2017-06-01"])
        .arg("--out-dir")
        .arg(&dir)
        .arg(seed("001_22ca520eae405aa2.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = dir.join("001_22ca520eae405aa2.html");
    let url = format!("file://{}", page.display());
    let chromium = |extra: &[String]| {
        let profile = dir.join("profile");
        Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(&url)
            .output()
            .unwrap()
    };
    let dom = chromium(&["--dump-dom".to_string()]);
    assert!(dom.status.success(), "{}", String::from_utf8_lossy(&dom.stderr));
    let dom = String::from_utf8(dom.stdout).unwrap();
    assert!(dom.contains("<html dir=\"rtl\" lang=\"ar\">"), "{dom}");
    assert!(dom.matches("<mark class=\"trigger\"").count() >= 5);
    assert!(
        dom.contains("<mark class=\"place\" title=\"place: raqqa (Raqqa)\">")
    );
    assert!(dom.contains("<table class=\"events\">"));
    if let Some(shot) = std::env::var_os("HADATH_SCREENSHOT") {
        let shot = std::path::PathBuf::from(shot);
        let r = chromium(&[
            "--window-size=1200,1600".to_string(),
            format!("--screenshot={}", shot.display()),
        ]);
        assert!(r.status.success() && shot.exists());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn jsonl_file_to_out_dir_names_pages_by_id() {
    let dir = tmp("jsonl-out");
    let input = dir.join("news.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a/1\",\"date\":\"2017-06-01\",\"text\":\"قصف الرقة أمس\"}\n\
         {\"id\":\"a/1\",\"text\":\"قصف حلب\"}\n\
         {\"text\":\"قصف إدلب\"}\n",
    )
    .unwrap();
    let pages = dir.join("pages");
    let out = hadath()
        .args(["extract", "--format", "html", "--jsonl"])
        .arg(&input)
        .arg("--out-dir")
        .arg(&pages)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the repeated id is a failed record");
    let mut names = walk(&pages);
    names.sort();
    assert_eq!(names, ["a_1.html", "line-3.html"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("{\"id\":\"a/1\",\"line\":2,\"error\":\"output a_1.html already written by an earlier record\"}"),
        "{err}"
    );
    let page = std::fs::read_to_string(pages.join("a_1.html")).unwrap();
    assert!(page.contains("<title>hadath: a/1</title>"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_missing_jsonl_file_is_an_error() {
    let out = hadath()
        .args(["extract", "--jsonl", "no/such/news.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no/such/news.jsonl")
    );
}
