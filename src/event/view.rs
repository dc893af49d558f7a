//! The event stage's view of the other stages' mentions: the only place
//! that knows their field layout.

use crate::gazetteer::{Entity, EntityKind};
use crate::number::{Quantity, QuantityKind};
use crate::time::TimeMention;

pub(crate) fn entity_id(e: &Entity) -> Option<&str> {
    e.id.as_deref()
}

pub(crate) fn entity_ancestors(e: &Entity) -> &[String] {
    &e.ancestors
}

/// Whether the entity can act: an organisation, force, state or person.
pub(crate) fn is_actor(e: &Entity) -> bool {
    matches!(e.kind, EntityKind::Actor | EntityKind::Person)
}

pub(crate) fn is_place(e: &Entity) -> bool {
    e.kind == EntityKind::Place
}

pub(crate) fn is_person(e: &Entity) -> bool {
    e.kind == EntityKind::Person
}

/// A count an event can carry: a cardinal with a value.
pub(crate) fn is_count(q: &Quantity) -> bool {
    q.kind == QuantityKind::Cardinal
}

pub(crate) fn count_value(q: &Quantity) -> Option<f64> {
    q.value
}

pub(crate) fn time_from(t: &TimeMention) -> Option<String> {
    t.value.from_iso()
}

pub(crate) fn time_to(t: &TimeMention) -> Option<String> {
    t.value.to_iso()
}
