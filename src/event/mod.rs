//! Event extraction.
//!
//! (The rules land with the events issue; until then no event is
//! reported.)

use crate::document::Loc;
use crate::extractor::Prepared;
use crate::gazetteer::Entity;
use crate::number::Quantity;
use crate::time::TimeMention;
use serde::Serialize;

/// An event mention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// The trigger word in the original input.
    pub trigger: Loc,
}

pub(crate) fn extract(
    _p: &Prepared<'_>,
    _entities: &[Entity],
    _quantities: &[Quantity],
    _times: &[TimeMention],
) -> Vec<Event> {
    Vec::new()
}
