//! The event stage's view of the other stages' mentions: the only place
//! that knows their field layout.

use crate::gazetteer::{Entity, EntityKind};
use crate::number::{Quantity, QuantityKind};
use crate::time::{TimeKind, TimeMention};
use crate::SharedStr;

pub(crate) fn entity_id(e: &Entity) -> Option<&str> {
    e.id.as_deref()
}

/// The entity's range in the normalized text.
pub(crate) fn entity_norm(e: &Entity) -> core::ops::Range<usize> {
    e.norm.clone()
}

pub(crate) fn entity_shared_id(e: &Entity) -> Option<SharedStr> {
    e.id.clone()
}

pub(crate) fn entity_ancestors(e: &Entity) -> impl Iterator<Item = &str> {
    e.ancestors.iter().map(|a| a.as_str())
}

pub(crate) fn entity_type(e: &Entity) -> Option<&str> {
    e.entity_type.as_deref()
}

/// Whether the entity can act: an organisation, force, state or person.
pub(crate) fn is_actor(e: &Entity) -> bool {
    matches!(e.kind, EntityKind::Actor | EntityKind::Person)
}

/// Whether the actor can carry out or suffer a military event: not a
/// monitor, an international body or a party that only speaks.
pub(crate) fn can_fight(e: &Entity) -> bool {
    is_actor(e)
        && !matches!(
            entity_type(e),
            Some(
                "ngo_monitor"
                    | "international_org"
                    | "political_party"
                    | "media"
            )
        )
}

/// Whether the actor can carry out an event: a fighting party that is
/// not the civilian population.
pub(crate) fn can_act(e: &Entity) -> bool {
    can_fight(e) && entity_type(e) != Some("civilians")
}

/// Whether two entities are on the same side: one is the other or they
/// share an ancestor (`russia_mod` and `russia_aerospace`).
pub(crate) fn same_side(a: &Entity, b: &Entity) -> bool {
    fn ids(e: &Entity) -> impl Iterator<Item = &str> {
        entity_id(e).into_iter().chain(entity_ancestors(e))
    }
    ids(a).any(|i| ids(b).any(|j| i == j))
}

/// Whether the actor has no aircraft: armed groups and militias (so a
/// bombardment they carry out is shelling).
pub(crate) fn is_ground_only(e: &Entity) -> bool {
    matches!(entity_type(e), Some("non_state_armed_group" | "militia"))
}

pub(crate) fn is_place(e: &Entity) -> bool {
    e.kind == EntityKind::Place
}

/// A country as a place: the least precise place to give an event.
pub(crate) fn is_country(e: &Entity) -> bool {
    is_place(e) && entity_type(e) == Some("country")
}

pub(crate) fn is_person(e: &Entity) -> bool {
    e.kind == EntityKind::Person
}

/// A count an event can carry: a cardinal.
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

/// Whether a time is open at one end (`منذ X`, `حتى X`).
pub(crate) fn time_is_open(t: &TimeMention) -> bool {
    matches!(t.value.kind, TimeKind::OpenStart | TimeKind::OpenEnd)
}

/// The time an event took place at, from a time mention: for `منذ X` and
/// `حتى X`, the window of X itself; `None` when nothing is resolved.
pub(crate) fn event_time(t: &TimeMention) -> Option<TimeMention> {
    if time_is_open(t) {
        let (from, to) = t.value.bound?;
        let mut t = t.clone();
        t.value.from = Some(from);
        t.value.to = Some(to);
        return Some(t);
    }
    t.value.from.map(|_| t.clone())
}

/// Whether [`event_time`] gives a time, without building it.
pub(crate) fn has_event_time(t: &TimeMention) -> bool {
    if time_is_open(t) {
        t.value.bound.is_some()
    } else {
        t.value.from.is_some()
    }
}

/// The time as a point at the end of its window.
pub(crate) fn time_end_point(mut t: TimeMention) -> TimeMention {
    if let Some(to) = t.value.to {
        t.value.from = Some(to);
    }
    t
}
