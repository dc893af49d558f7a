//! Loading the crate's TOML data files (gazetteers, lexicons): one place
//! for parse errors and the format-version check.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::Error;
use serde::de::DeserializeOwned;

/// The data format version every built-in file declares.
pub(crate) const VERSION: u32 = 1;

/// Parses a TOML data file. A syntax or schema error names the file, the
/// line and column, and the entry it sits in (the nearest `id = "..."`
/// above it), when there is one.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &str,
    src: &str,
) -> Result<T, Error> {
    toml::from_str(src).map_err(|e| toml_error(file, src, &e))
}

/// Checks a file's declared `version`.
pub(crate) fn check_version(file: &str, version: u32) -> Result<(), Error> {
    if version == VERSION {
        Ok(())
    } else {
        Err(Error::data(
            file,
            None,
            None,
            None,
            format!("unsupported version {version}, expected {VERSION}"),
        ))
    }
}

fn toml_error(file: &str, src: &str, e: &toml::de::Error) -> Error {
    let start = e.span().map(|s| s.start);
    let (line, column) = start
        .map(|s| line_col(src, s))
        .map_or((None, None), |(l, c)| (Some(l), Some(c)));
    // Name the entry the error sits in: the nearest `id = "..."` above.
    let entry = start.and_then(|s| {
        let before = src.get(..s.min(src.len()))?;
        before.lines().rev().find_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("id")?.trim_start().strip_prefix('=')?;
            Some(rest.trim().trim_matches('"').to_string())
        })
    });
    Error::data(file, line, column, entry, e.message())
}

/// 1-based line and column (in chars) of a byte offset.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = src.get(..offset.min(src.len())).unwrap_or(src);
    // A byte count (vectorized), not a char search: called once per
    // gazetteer entry while loading.
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct File {
        #[allow(dead_code)]
        version: u32,
    }

    #[test]
    fn errors_name_file_line_column_and_entry() {
        let err =
            parse::<File>("f.toml", "version = 1\n[[x]]\nid = \"a\"\nn = [")
                .unwrap_err();
        assert!(err.to_string().starts_with("f.toml:4:"), "{err}");
        assert!(err.to_string().contains("entry \"a\""), "{err}");
        assert_eq!(
            check_version("f.toml", 2).unwrap_err().to_string(),
            "f.toml: unsupported version 2, expected 1"
        );
        assert!(check_version("f.toml", 1).is_ok());
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\nقصف", 7), (2, 3));
        assert_eq!(line_col("", 10), (1, 1));
    }
}
