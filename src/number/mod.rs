//! Arabic numbers and quantities.
//!
//! (The parser lands with the numbers issue; until then no quantity is
//! reported.)

use crate::document::Loc;
use crate::extractor::Prepared;
use serde::Serialize;

/// What a quantity counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuantityKind {
    /// A count.
    Cardinal,
    /// A rank.
    Ordinal,
    /// A percentage.
    Percent,
}

/// A number or amount in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// Where the quantity stands in the original input.
    #[serde(flatten)]
    pub loc: Loc,
    /// Its value, when exact.
    pub value: Option<f64>,
    /// Cardinal, ordinal or percent.
    pub kind: QuantityKind,
}

pub(crate) fn extract(_p: &Prepared<'_>) -> Vec<Quantity> {
    Vec::new()
}
