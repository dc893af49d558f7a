//! `hadath eval`: scores against gold annotations.

use super::args::EvalArgs;
use hadath::{Extractor, Input};
use std::process::ExitCode;

pub(crate) fn run(args: &EvalArgs) -> ExitCode {
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
