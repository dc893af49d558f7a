//! The crate's error type.

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
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A document date could not be parsed.
    InvalidDate {
        /// The text given as a date.
        input: String,
    },
    /// A data file (gazetteer, lexicon) is malformed.
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
        match &self.kind {
            ErrorKind::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte offset {offset}")
            }
            ErrorKind::InvalidDate { input } => write!(
                f,
                "invalid date {input:?}: expected YYYY-MM-DD or \
                 YYYY-MM-DDTHH:MM[:SS]"
            ),
            ErrorKind::Data { file, line, column, entry, message } => {
                write!(f, "{}", file.display())?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                    if let Some(column) = column {
                        write!(f, ":{column}")?;
                    }
                }
                if let Some(entry) = entry {
                    write!(f, ": entry {entry:?}")?;
                }
                write!(f, ": {message}")
            }
            ErrorKind::Io { file, message } => {
                write!(f, "{}: {message}", file.display())
            }
        }
    }
}

impl std::error::Error for Error {}
