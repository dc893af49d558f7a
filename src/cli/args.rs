//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use hadath::DocumentDate;
use std::path::PathBuf;

/// Typed conflict events from Arabic news text.
#[derive(Parser, Debug)]
#[command(name = "hadath", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Extract entities, quantities, times and events from files,
    /// directories, standard input or JSONL records.
    Extract(ExtractArgs),
    /// Score the extractor (or saved predictions) against gold event
    /// annotations in the hadath-gold/1 format.
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug)]
pub(crate) struct EvalArgs {
    /// The gold file (JSON, hadath-gold/1).
    pub(crate) gold: PathBuf,
    /// The folder of the articles, `<doc>.txt`.
    pub(crate) articles: PathBuf,
    /// A folder of saved predictions, `<doc>.json`; without it the
    /// built-in extractor runs on the articles with the gold dates.
    pub(crate) predictions: Option<PathBuf>,
    /// List misses, false events and wrong arguments.
    #[arg(long)]
    pub(crate) verbose: bool,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One JSON document per input (pretty unless `--compact`).
    Json,
    /// One JSON record per line, in input order.
    Jsonl,
    /// One row per event, ACLED-style columns.
    Csv,
    /// A FeatureCollection of the events that have a place with
    /// coordinates.
    Geojson,
    /// One right-to-left HTML page per document, mentions highlighted.
    Html,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ExtractArgs {
    /// Publication date of plain-file inputs: YYYY-MM-DD or
    /// YYYY-MM-DDTHH:MM[:SS]. Relative times ("أمس") resolve against it.
    /// A sidecar `NAME.date` next to `NAME.txt` overrides it for that
    /// file; a JSONL record's own `date` overrides it for that record.
    #[arg(long, value_parser = parse_date)]
    pub(crate) date: Option<DocumentDate>,
    /// Output format (default: json, or jsonl with `--jsonl`).
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Read records from a JSONL file (`-` for standard input), one
    /// `{"id", "date"?, "text"}` object per line.
    #[arg(long, value_name = "FILE")]
    pub(crate) jsonl: Option<PathBuf>,
    /// Write one file per input into DIR (`json` and `html` formats):
    /// `DIR/<stem>.json` or `DIR/<stem>.html`.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
    /// Number of documents processed in parallel (default: all cores).
    /// The output is the same for every value.
    #[arg(long, value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// Print each JSON document on one line instead of pretty-printed.
    #[arg(long)]
    pub(crate) compact: bool,
    /// Input files and directories (searched recursively for `*.txt`);
    /// `-` reads standard input.
    #[arg(required_unless_present = "jsonl")]
    pub(crate) files: Vec<PathBuf>,
}

fn parse_date(s: &str) -> Result<DocumentDate, String> {
    s.parse().map_err(|e: hadath::Error| e.to_string())
}
