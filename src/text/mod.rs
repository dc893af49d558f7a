//! Text handling: normalization with an offset map, sentence and word
//! segmentation, clitic splits, and page-chrome detection.

mod chrome;
mod normalize;
mod segment;

pub use chrome::{ChromeKind, ChromeLine};
pub use normalize::{normalize, Normalized, QuoteDirection, QuoteMark};
pub use segment::{clitic_splits, words, CliticSplit, Sentence};

pub(crate) use chrome::{detect_chrome, line_col, ChromeHit, ChromeLexicon};
pub(crate) use segment::split_sentences;
