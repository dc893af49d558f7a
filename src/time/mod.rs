//! Arabic dates and times, resolved against the document date.
//!
//! (The parser lands with the time issue; until then no time is
//! reported.)

use crate::document::Loc;
use crate::extractor::Prepared;
use serde::Serialize;

/// A date, time or period in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeMention {
    /// Where the expression stands in the original input.
    #[serde(flatten)]
    pub loc: Loc,
    /// Start of the period, ISO 8601.
    pub from: Option<String>,
    /// End of the period, ISO 8601.
    pub to: Option<String>,
}

pub(crate) fn extract(_p: &Prepared<'_>) -> Vec<TimeMention> {
    Vec::new()
}
