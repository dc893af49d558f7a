//! Output formats and the sink that writes records in order.
//!
//! Each format renders one document to a string in the worker threads
//! (`render`); the [`Sink`] writes the strings in input order, to
//! standard output or one file per document (`--out-dir`, written to a
//! temporary file and renamed, so no half-written file is left).

mod compact;
mod csv;
mod geojson;
mod html;
mod json;
mod rows;

use super::args::Format;
use super::batch::{Ctx, Outcome};
use super::input::Label;
use hadath::Document;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a renderer knows of the record besides the document.
pub(crate) struct Meta<'a> {
    /// Where the record came from.
    pub(crate) label: &'a Label,
    /// The document's id: the JSONL `id`, or the file's name.
    pub(crate) doc_id: &'a str,
    /// The text as given.
    pub(crate) text: &'a str,
}

/// Renders one document in the run's format, as UTF-8.
pub(crate) fn render(
    doc: &Document,
    meta: &Meta<'_>,
    ctx: &Ctx,
) -> Result<Vec<u8>, String> {
    let gaz = ctx.extractor.gazetteer();
    let size = meta.text.len();
    Ok(match ctx.format {
        Format::Json => {
            let fields = if ctx.jsonl_input {
                label_fields(meta.label)
            } else {
                Vec::new()
            };
            json::document(doc, &fields, !ctx.compact, size)?
        }
        Format::Jsonl => {
            json::document(doc, &label_fields(meta.label), false, size)?
        }
        Format::Csv => csv::rows(&rows::rows(doc, meta.doc_id, gaz)).into(),
        Format::Geojson => {
            geojson::features(&rows::rows(doc, meta.doc_id, gaz))?.into()
        }
        Format::Html => html::page(doc, meta).into(),
    })
}

/// The fields that name a record: `path`, or `id` and `line`, as JSON.
fn label_fields(label: &Label) -> Vec<(&'static str, String)> {
    let s = |v: &str| serde_json::Value::from(v).to_string();
    match label {
        Label::Path(p) => vec![("path", s(p))],
        Label::Line { line, id } => {
            let mut f = Vec::new();
            if let Some(id) = id {
                f.push(("id", id.to_string()));
            }
            f.push(("line", line.to_string()));
            f
        }
    }
}

/// An error record: `{"path": ..., "error": ...}` or
/// `{"id": ..., "line": ..., "error": ...}`, on one line.
pub(crate) fn error_record(label: &Label, error: &str) -> String {
    let mut s = String::from("{");
    for (k, v) in label_fields(label) {
        s.push_str(&format!("\"{k}\":{v},"));
    }
    s.push_str("\"error\":");
    s.push_str(&serde_json::Value::from(error).to_string());
    s.push('}');
    s
}

/// Writes rendered records in order.
pub(crate) struct Sink<W: Write> {
    format: Format,
    out_dir: Option<PathBuf>,
    out: W,
    /// GeoJSON: whether a feature has been written (for the commas).
    features: bool,
    /// `--out-dir`: the names written, so none is overwritten.
    names: HashSet<String>,
}

impl<W: Write> Sink<W> {
    pub(crate) fn new(
        format: Format,
        out_dir: Option<&Path>,
        mut out: W,
    ) -> Result<Sink<W>, String> {
        if let Some(dir) = out_dir {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let head = match format {
            Format::Csv => csv::header(),
            Format::Geojson => geojson::HEAD.to_string(),
            _ => String::new(),
        };
        out.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
        Ok(Sink {
            format,
            out_dir: out_dir.map(Path::to_path_buf),
            out,
            features: false,
            names: HashSet::new(),
        })
    }

    /// Writes one record; `Ok(false)` when it is an error record.
    pub(crate) fn write(&mut self, o: Outcome) -> std::io::Result<bool> {
        let body = match o.result {
            Ok(body) => body,
            Err(e) => {
                self.error(&o.label, &e)?;
                return Ok(false);
            }
        };
        if let Some(dir) = &self.out_dir {
            let ext = match self.format {
                Format::Html => "html",
                _ => "json",
            };
            let file = format!("{}.{ext}", o.name);
            if !self.names.insert(file.clone()) {
                let e = format!(
                    "output {file} already written by an earlier record"
                );
                self.error(&o.label, &e)?;
                return Ok(false);
            }
            if let Err(e) = write_atomic(&dir.join(&file), &body) {
                self.error(&o.label, &format!("writing {file}: {e}"))?;
                return Ok(false);
            }
            return Ok(true);
        }
        if self.format == Format::Geojson {
            if body.is_empty() {
                return Ok(true);
            }
            if self.features {
                self.out.write_all(b",\n")?;
            }
            self.features = true;
        }
        self.out.write_all(&body)?;
        Ok(true)
    }

    /// Error records go into the stream for JSON and JSONL on standard
    /// output, and to standard error otherwise (CSV rows, GeoJSON
    /// features and HTML pages have no place for them).
    fn error(&mut self, label: &Label, e: &str) -> std::io::Result<()> {
        let rec = error_record(label, e);
        let in_stream = self.out_dir.is_none()
            && matches!(self.format, Format::Json | Format::Jsonl);
        if in_stream {
            writeln!(self.out, "{rec}")
        } else {
            eprintln!("hadath: error: {rec}");
            Ok(())
        }
    }

    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        if self.format == Format::Geojson {
            self.out.write_all(geojson::TAIL.as_bytes())?;
        }
        self.out.flush()
    }
}

/// Writes `path` through a temporary file in the same directory, renamed
/// into place once complete.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        file.unwrap_or_default(),
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&tmp, path));
    if renamed.is_err() {
        std::fs::remove_file(&tmp).ok();
    }
    renamed
}
