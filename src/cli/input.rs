//! Inputs: files, directories (recursively, `*.txt`), standard input and
//! JSONL records, read lazily so that a large JSONL file streams.

use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Where a record came from: what its output and error records name.
#[derive(Clone, Debug)]
pub(crate) enum Label {
    /// A file (or `<stdin>`).
    Path(String),
    /// A JSONL line (1-based) and, once the line is parsed, its `id`.
    Line { line: usize, id: Option<serde_json::Value> },
}

/// One input record, not yet read or parsed.
#[derive(Debug)]
pub(crate) enum Item {
    /// A plain text file; `name` is its output name (the path relative to
    /// the directory it was found in, without `.txt`).
    File { path: PathBuf, name: String },
    /// Standard input as one document.
    Stdin,
    /// One line of a JSONL file.
    Line { line: usize, bytes: Vec<u8> },
    /// An input that could not even be listed or read.
    Failed { label: Label, error: String },
}

/// The records of a run, in input order.
pub(crate) enum Source {
    Files(std::vec::IntoIter<Item>),
    Jsonl { reader: Box<dyn BufRead + Send>, line: usize, done: bool },
}

impl Source {
    /// Files and directories, expanded now (paths only, in order;
    /// a directory's files sorted by path).
    pub(crate) fn files(paths: &[PathBuf]) -> Source {
        let mut items = Vec::new();
        for p in paths {
            if p.as_os_str() == "-" {
                items.push(Item::Stdin);
            } else if p.is_dir() {
                walk(p, p, &mut items);
            } else {
                items.push(Item::File { path: p.clone(), name: stem(p) });
            }
        }
        Source::Files(items.into_iter())
    }

    /// A JSONL file or `-` for standard input, read line by line.
    pub(crate) fn jsonl(path: &Path) -> Result<Source, String> {
        let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            let f = std::fs::File::open(path)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Box::new(std::io::BufReader::new(f))
        };
        Ok(Source::Jsonl { reader, line: 0, done: false })
    }

    /// How many records, when known in advance.
    pub(crate) fn len_hint(&self) -> Option<usize> {
        match self {
            Source::Files(it) => Some(it.len()),
            Source::Jsonl { .. } => None,
        }
    }
}

impl Iterator for Source {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self {
            Source::Files(it) => it.next(),
            Source::Jsonl { reader, line, done } => loop {
                if *done {
                    return None;
                }
                *line += 1;
                let mut bytes = Vec::new();
                match reader.read_until(b'\n', &mut bytes) {
                    Ok(0) => {
                        *done = true;
                        return None;
                    }
                    Ok(_) => {
                        // Blank lines separate nothing and are no record.
                        if bytes.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        // The line break is no part of the record.
                        while bytes
                            .last()
                            .is_some_and(|b| *b == b'\n' || *b == b'\r')
                        {
                            bytes.pop();
                        }
                        return Some(Item::Line { line: *line, bytes });
                    }
                    Err(e) => {
                        *done = true;
                        return Some(Item::Failed {
                            label: Label::Line { line: *line, id: None },
                            error: format!("reading input: {e}"),
                        });
                    }
                }
            },
        }
    }
}

/// The output name of a file given by itself: its stem.
fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "input".to_string())
}

/// Adds the `*.txt` files under `dir`, recursively, sorted by path.
fn walk(root: &Path, dir: &Path, items: &mut Vec<Item>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(es) => es,
        Err(e) => {
            items.push(Item::Failed {
                label: Label::Path(dir.display().to_string()),
                error: e.to_string(),
            });
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        // Symlinked directories are not followed: no loops.
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(root, &path, items);
        } else if path.extension().is_some_and(|x| x == "txt") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel.with_extension("").to_string_lossy().into_owned();
            items.push(Item::File { path, name });
        }
    }
}
