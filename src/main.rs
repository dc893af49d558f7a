//! The `hadath` command-line tool.

#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use hadath::{DocumentDate, Extractor, Input};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Typed conflict events from Arabic news text.
#[derive(Parser, Debug)]
#[command(name = "hadath", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract entities, quantities, times and events; print one JSON
    /// document per input.
    Extract(ExtractArgs),
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Publication date of the input(s): YYYY-MM-DD or
    /// YYYY-MM-DDTHH:MM[:SS]. Relative times ("أمس") resolve against it.
    #[arg(long, value_parser = parse_date)]
    date: Option<DocumentDate>,
    /// Print each document on one line instead of pretty-printed.
    #[arg(long)]
    compact: bool,
    /// Input files; `-` reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

fn parse_date(s: &str) -> Result<DocumentDate, String> {
    s.parse().map_err(|e: hadath::Error| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(&args),
    }
}

fn read_input(path: &PathBuf) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

fn extract(args: &ExtractArgs) -> ExitCode {
    let extractor = Extractor::builtin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0usize;
    for path in &args.files {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let bytes = match read_input(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("hadath: error: {name}: {e}");
                failed += 1;
                continue;
            }
        };
        let input = match Input::from_bytes(&bytes) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("hadath: error: {name}: {e}");
                failed += 1;
                continue;
            }
        };
        let input = match args.date {
            Some(d) => input.with_date(d),
            None => input,
        };
        let doc = extractor.extract(input);
        let json = if args.compact {
            serde_json::to_string(&doc)
        } else {
            serde_json::to_string_pretty(&doc)
        };
        let written = json.map_err(std::io::Error::other).and_then(|j| {
            out.write_all(j.as_bytes())?;
            out.write_all(b"\n")
        });
        if let Err(e) = written {
            eprintln!("hadath: error: writing output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if failed > 0 {
        eprintln!("hadath: {failed} input(s) failed");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
