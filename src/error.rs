//! The crate's error type.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use core::fmt;
use std::path::PathBuf;

/// An error from building an extractor, loading data, or reading input.
///
/// The message names what went wrong and where (file, line, column or byte
/// offset). Match on [`Error::kind`] to react programmatically.
///
/// ```
/// let err = hadath::Input::from_bytes(b"ok \xff").unwrap_err();
/// assert_eq!(err.to_string(), "invalid UTF-8 at byte offset 3");
/// assert!(matches!(err.kind(), hadath::ErrorKind::InvalidUtf8 { offset: 3 }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What kind of error occurred, with its details.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A document date could not be parsed.
    #[error(
        "invalid date {input:?}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]"
    )]
    InvalidDate {
        /// The text given as a date.
        input: String,
    },
    /// A data file (gazetteer, lexicon) is malformed.
    #[error("{}", data_message(file, *line, *column, entry.as_deref(), message))]
    Data {
        /// The file's name (or `<string>` for data given as a string).
        file: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// The entry concerned, when known.
        entry: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read.
    #[error("{}: {message}", file.display())]
    Io {
        /// The file's name.
        file: PathBuf,
        /// The operating system's message.
        message: String,
    },
}

impl Error {
    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    #[cold]
    pub(crate) fn invalid_utf8(offset: usize) -> Error {
        Error { kind: ErrorKind::InvalidUtf8 { offset } }
    }

    #[cold]
    pub(crate) fn invalid_date(input: &str) -> Error {
        Error { kind: ErrorKind::InvalidDate { input: input.to_string() } }
    }

    #[cold]
    #[allow(dead_code)] // Used by the data loaders.
    pub(crate) fn data(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        column: Option<usize>,
        entry: Option<String>,
        message: impl Into<String>,
    ) -> Error {
        Error {
            kind: ErrorKind::Data {
                file: file.into(),
                line,
                column,
                entry,
                message: message.into(),
            },
        }
    }

    #[cold]
    #[allow(dead_code)] // Used by the data loaders.
    pub(crate) fn io(file: impl Into<PathBuf>, err: &std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                file: file.into(),
                message: err.to_string(),
            },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

/// `file:line:column: entry "id": message`, leaving out what is unknown.
fn data_message(
    file: &std::path::Path,
    line: Option<usize>,
    column: Option<usize>,
    entry: Option<&str>,
    message: &str,
) -> String {
    let mut s = file.display().to_string();
    if let Some(line) = line {
        s.push_str(&format!(":{line}"));
        if let Some(column) = column {
            s.push_str(&format!(":{column}"));
        }
    }
    if let Some(entry) = entry {
        s.push_str(&format!(": entry {entry:?}"));
    }
    s.push_str(": ");
    s.push_str(message);
    s
}

impl std::error::Error for Error {}
