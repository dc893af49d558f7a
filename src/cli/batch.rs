//! `hadath extract`: reads records in chunks, processes each chunk in
//! parallel (each worker extracts a batch of records stage by stage with
//! `Extractor::extract_many`) and writes it in input order, so memory
//! stays flat and the output does not depend on `--jobs`. Two chunks are
//! processed at a time, so the workers do not wait at the end of one.

use super::args::{ExtractArgs, Format};
use super::input::{Item, Label, Source};
use super::output::{self, Meta, Sink};
use hadath::{DocumentDate, Extractor, Input};
use rayon::prelude::*;
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

/// Records read, processed and written at a time.
const CHUNK: usize = 256;

/// Records extracted together ([`Extractor::extract_many`]) by one worker.
const BATCH: usize = 32;

/// What every worker needs.
pub(crate) struct Ctx {
    pub(crate) extractor: Extractor,
    pub(crate) format: Format,
    pub(crate) date: Option<DocumentDate>,
    pub(crate) compact: bool,
    /// Whether JSON documents get their id/path fields (not for plain
    /// files in `json`, which print the document exactly).
    pub(crate) jsonl_input: bool,
}

/// A processed record: its label, its output name and its rendering or
/// the reason it failed.
pub(crate) struct Outcome {
    pub(crate) label: Label,
    pub(crate) name: String,
    pub(crate) result: Result<Vec<u8>, String>,
}

pub(crate) fn run(args: &ExtractArgs) -> ExitCode {
    let format = args.format.unwrap_or(if args.jsonl.is_some() {
        Format::Jsonl
    } else {
        Format::Json
    });
    if args.out_dir.is_some() && !matches!(format, Format::Json | Format::Html)
    {
        eprintln!(
            "hadath: error: --out-dir writes one file per document: use it \
             with --format json or html"
        );
        return ExitCode::from(2);
    }
    if args.jsonl.is_some() && !args.files.is_empty() {
        eprintln!("hadath: error: give either --jsonl or files, not both");
        return ExitCode::from(2);
    }
    let mut source = match &args.jsonl {
        Some(p) => match Source::jsonl(p) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("hadath: error: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => Source::files(&args.files),
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.jobs {
        builder = builder.num_threads(n.max(1));
    }
    let pool = match builder.build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("hadath: error: starting worker threads: {e}");
            return ExitCode::FAILURE;
        }
    };
    let ctx = Ctx {
        extractor: Extractor::builtin(),
        format,
        date: args.date,
        compact: args.compact,
        jsonl_input: args.jsonl.is_some(),
    };
    let stdout = std::io::stdout();
    let mut sink =
        match Sink::new(format, args.out_dir.as_deref(), stdout.lock()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("hadath: error: {e}");
                return ExitCode::FAILURE;
            }
        };
    let progress = progress_bar(&source);
    let mut failed = 0usize;
    // Two chunks are in the workers at a time, so that they need not
    // wait for the last batch of a chunk; this thread reads the chunks
    // and writes them out in order meanwhile.
    let process_chunk = |chunk: Vec<Item>| -> Vec<Vec<Outcome>> {
        pool.install(|| {
            chunk
                .into_par_iter()
                .chunks(BATCH)
                .map(|items| process(items, &ctx))
                .collect()
        })
    };
    let written = std::thread::scope(|s| -> Result<(), String> {
        let process_chunk = &process_chunk;
        let mut working = std::collections::VecDeque::new();
        loop {
            while working.len() < 2 {
                let chunk: Vec<Item> = source.by_ref().take(CHUNK).collect();
                if chunk.is_empty() {
                    break;
                }
                working.push_back(s.spawn(move || process_chunk(chunk)));
            }
            let Some(oldest) = working.pop_front() else { return Ok(()) };
            let done = oldest
                .join()
                .map_err(|_| "internal error: a worker failed".to_string())?;
            for o in done.into_iter().flatten() {
                match sink.write(o) {
                    Ok(true) => {}
                    Ok(false) => failed += 1,
                    Err(e) => return Err(format!("writing output: {e}")),
                }
                progress.inc(1);
            }
        }
    });
    if let Err(e) = written {
        progress.abandon();
        eprintln!("hadath: error: {e}");
        return ExitCode::FAILURE;
    }
    progress.finish_and_clear();
    if let Err(e) = sink.finish() {
        eprintln!("hadath: error: writing output: {e}");
        return ExitCode::FAILURE;
    }
    if failed > 0 {
        eprintln!("hadath: {failed} input record(s) failed");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A bar (or, for JSONL, a counter) on standard error when it is a
/// terminal; hidden otherwise.
fn progress_bar(source: &Source) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressStyle};
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match source.len_hint() {
        Some(n) if n > 1 => {
            let bar = ProgressBar::new(n as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents {elapsed} (eta {eta})",
            ) {
                bar.set_style(style);
            }
            bar
        }
        Some(_) => ProgressBar::hidden(),
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {pos} records {elapsed} ({per_sec})",
            ) {
                bar.set_style(style);
            }
            bar
        }
    }
}

/// Reads, checks, extracts and renders a batch of records, in order.
pub(crate) fn process(items: Vec<Item>, ctx: &Ctx) -> Vec<Outcome> {
    let read: Vec<ReadRecord> =
        items.into_iter().map(|i| read(i, ctx)).collect();
    let inputs =
        read.iter().filter_map(|r| r.record.as_ref().ok()).map(|rec| {
            let input = Input::new(&rec.text);
            match rec.date {
                Some(d) => input.with_date(d),
                None => input,
            }
        });
    let mut docs = ctx.extractor.extract_many(inputs).into_iter();
    read.into_iter()
        .map(|r| {
            let result = match &r.record {
                Ok(rec) => match docs.next() {
                    Some(doc) => {
                        let meta = Meta {
                            label: &r.label,
                            doc_id: &rec.doc_id,
                            text: &rec.text,
                        };
                        output::render(&doc, &meta, ctx)
                    }
                    None => Err("internal error: no document".to_string()),
                },
                Err(e) => Err(e.clone()),
            };
            Outcome { label: r.label, name: r.name, result }
        })
        .collect()
}

/// A record read: its label and output name, and its text or why it
/// cannot be extracted.
struct ReadRecord {
    label: Label,
    name: String,
    record: Result<Record, String>,
}

/// A checked record, ready for extraction.
struct Record {
    text: String,
    date: Option<DocumentDate>,
    /// The document's id in the output.
    doc_id: String,
}

/// Reads and checks one record.
fn read(item: Item, ctx: &Ctx) -> ReadRecord {
    match item {
        Item::Failed { label, error } => {
            ReadRecord { label, name: String::new(), record: Err(error) }
        }
        Item::Stdin => {
            let label = Label::Path("<stdin>".to_string());
            let mut bytes = Vec::new();
            let record = std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())
                .and_then(|_| plain(&bytes, ctx.date, "stdin"));
            ReadRecord { label, name: "stdin".to_string(), record }
        }
        Item::File { path, name } => {
            let label = Label::Path(path.display().to_string());
            let record = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    let date = match sidecar_date(&path)? {
                        Some(d) => Some(d),
                        None => ctx.date,
                    };
                    plain(&bytes, date, &name)
                });
            ReadRecord { label, name, record }
        }
        Item::Line { line, bytes } => {
            let mut id = None;
            let record = jsonl_record(&bytes, ctx, line, &mut id);
            let name = match &id {
                Some(serde_json::Value::String(s)) => safe_name(s),
                Some(v @ serde_json::Value::Number(_)) => v.to_string(),
                _ => format!("line-{line}"),
            };
            ReadRecord { label: Label::Line { line, id }, name, record }
        }
    }
}

/// The date in `NAME.date` next to `NAME.txt`, if that file exists.
fn sidecar_date(path: &Path) -> Result<Option<DocumentDate>, String> {
    let side = path.with_extension("date");
    if side == path {
        return Ok(None);
    }
    match std::fs::read_to_string(&side) {
        Ok(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|e: hadath::Error| format!("{}: {e}", side.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", side.display())),
    }
}

fn plain(
    bytes: &[u8],
    date: Option<DocumentDate>,
    name: &str,
) -> Result<Record, String> {
    let input = Input::from_bytes(bytes).map_err(|e| e.to_string())?;
    record(input.text().to_string(), date, name)
}

fn jsonl_record(
    bytes: &[u8],
    ctx: &Ctx,
    line: usize,
    id: &mut Option<serde_json::Value>,
) -> Result<Record, String> {
    let input = Input::from_bytes(bytes).map_err(|e| e.to_string())?;
    let value: serde_json::Value = serde_json::from_str(input.text())
        .map_err(|e| format!("invalid JSON: {e}"))?;
    let serde_json::Value::Object(mut obj) = value else {
        return Err("invalid record: not a JSON object".to_string());
    };
    *id = obj.get("id").cloned();
    let date = match obj.get("date") {
        None | Some(serde_json::Value::Null) => ctx.date,
        Some(serde_json::Value::String(s)) => {
            Some(s.parse().map_err(|e: hadath::Error| e.to_string())?)
        }
        Some(_) => {
            return Err("invalid record: \"date\" is not a string".to_string())
        }
    };
    // The text is moved out of the record, not copied.
    let text = match obj.remove("text") {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => {
            return Err("invalid record: \"text\" is not a string".to_string())
        }
        None => return Err("invalid record: no \"text\"".to_string()),
    };
    let name = match &*id {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => format!("line-{line}"),
    };
    record(text, date, &name)
}

/// A record of `text`, unless it is empty.
fn record(
    text: String,
    date: Option<DocumentDate>,
    doc_id: &str,
) -> Result<Record, String> {
    if text.trim().is_empty() {
        return Err("empty text".to_string());
    }
    Ok(Record { text, date, doc_id: doc_id.to_string() })
}

/// An output file name made of a record id: letters, digits, `-`, `_`
/// and `.` kept, anything else `_`.
fn safe_name(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "record".to_string()
    } else {
        s
    }
}
