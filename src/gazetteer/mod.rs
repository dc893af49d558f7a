//! Gazetteers of actors, persons and places, and the clitic-aware matcher.
//!
//! (The matcher lands with the gazetteer issue; until then no entity is
//! reported.)

use crate::document::Loc;
use crate::extractor::Prepared;
use serde::Serialize;

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// An organisation, force or state acting.
    Actor,
    /// A person.
    Person,
    /// A place.
    Place,
}

/// An actor, person or place mention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// Where the name stands in the original input.
    #[serde(flatten)]
    pub loc: Loc,
    /// What the entity is.
    pub kind: EntityKind,
    /// The canonical id of the gazetteer entry.
    pub id: Option<String>,
    /// The ids of the entry's parents, nearest first.
    pub ancestors: Vec<String>,
}

pub(crate) fn extract(_p: &Prepared<'_>) -> Vec<Entity> {
    Vec::new()
}
