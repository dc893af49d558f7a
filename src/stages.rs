//! The pipeline's stages one at a time, for the stage benchmarks.
//!
//! Not part of the supported API (hidden from the docs, may change in any
//! release): use [`crate::Extractor::extract`].

use crate::{Entity, Event, Extractor, Input, Quantity, TimeMention};

/// An article normalized, segmented and with its page chrome marked: the
/// state every later stage reads.
pub struct Prepared<'t>(crate::extractor::Prepared<'t>);

impl std::fmt::Debug for Prepared<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").finish_non_exhaustive()
    }
}

/// Stage 1: normalization, sentences and chrome.
///
/// ```
/// let x = hadath::Extractor::builtin();
/// let p = hadath::__stages::prepare(&x, "قصفت طائرات روسية مدينة الرقة.");
/// assert_eq!(hadath::__stages::entities(&x, &p).len(), 2);
/// ```
pub fn prepare<'t>(
    x: &Extractor,
    input: impl Into<Input<'t>>,
) -> Prepared<'t> {
    Prepared(x.prepare(input.into()))
}

/// Stage 2: actor, person and place mentions.
pub fn entities(x: &Extractor, p: &Prepared<'_>) -> Vec<Entity> {
    x.entities(&p.0)
}

/// Stage 3: numbers and quantities.
pub fn quantities(p: &Prepared<'_>) -> Vec<Quantity> {
    crate::number::extract(&p.0)
}

/// Stage 4: time expressions.
pub fn times(p: &Prepared<'_>) -> Vec<TimeMention> {
    crate::time::extract(&p.0)
}

/// Stage 5: events, from the mentions of stages 2–4.
pub fn events(
    x: &Extractor,
    p: &Prepared<'_>,
    entities: &[Entity],
    quantities: &[Quantity],
    times: &[TimeMention],
) -> Vec<Event> {
    x.events(&p.0, entities, quantities, times)
}
