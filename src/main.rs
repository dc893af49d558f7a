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
    /// Score the extractor (or saved predictions) against gold event
    /// annotations in the hadath-gold/1 format.
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// The gold file (JSON, hadath-gold/1).
    gold: PathBuf,
    /// The folder of the articles, `<doc>.txt`.
    articles: PathBuf,
    /// A folder of saved predictions, `<doc>.json`; without it the
    /// built-in extractor runs on the articles with the gold dates.
    predictions: Option<PathBuf>,
    /// List misses, false events and wrong arguments.
    #[arg(long)]
    verbose: bool,
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
        Command::Eval(args) => eval(&args),
    }
}

fn eval(args: &EvalArgs) -> ExitCode {
    let gold: hadath::eval::Gold = match std::fs::read(&args.gold)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(g) => g,
        Err(e) => {
            eprintln!("hadath: error: {}: {e}", args.gold.display());
            return ExitCode::FAILURE;
        }
    };
    let extractor = Extractor::builtin();
    let mut problems = Vec::new();
    let dates: std::collections::HashMap<String, String> = gold
        .documents
        .iter()
        .map(|d| (d.doc.clone(), d.date.clone()))
        .collect();
    let result = hadath::eval::score(&gold, |doc| {
        let path = args.articles.join(format!("{doc}.txt"));
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{}: {e}", path.display()));
                return None;
            }
        };
        let pred = match &args.predictions {
            Some(dir) => {
                let p = dir.join(format!("{doc}.json"));
                match std::fs::read(&p).map_err(|e| e.to_string()).and_then(
                    |b| serde_json::from_slice(&b).map_err(|e| e.to_string()),
                ) {
                    Ok(v) => v,
                    Err(e) => {
                        problems.push(format!("{}: {e}", p.display()));
                        serde_json::Value::Null
                    }
                }
            }
            None => {
                let mut input = Input::new(&text);
                if let Some(d) = dates.get(doc).and_then(|d| d.parse().ok()) {
                    input = input.with_date(d);
                }
                serde_json::to_value(extractor.extract(input))
                    .unwrap_or(serde_json::Value::Null)
            }
        };
        Some((text, pred))
    });
    for p in &problems {
        eprintln!("hadath: error: {p}");
    }
    match result {
        Ok(scores) => {
            if args.verbose {
                for line in &scores.lines {
                    println!("{line}");
                }
            }
            print!("{}", scores.report());
            if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("hadath: error: {}: {e}", args.gold.display());
            ExitCode::FAILURE
        }
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
