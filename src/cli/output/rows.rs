//! Events as ACLED-style rows: one per document event (the mentions that
//! report the same event merged), shared by CSV and GeoJSON.

use hadath::{
    Document, Entity, EntityKind, Event, EventType, Gazetteer, Genericity,
    Modality, Polarity, Precision, Tense, TimeMention,
};

/// One event, column by column.
pub(super) struct Row {
    pub(super) event_id: String,
    pub(super) event_date: String,
    pub(super) time_precision: String,
    pub(super) event_type: &'static str,
    pub(super) sub_event_type: &'static str,
    pub(super) actor1: String,
    pub(super) assoc_actor_1: String,
    pub(super) actor2: String,
    pub(super) admin1: String,
    pub(super) location: String,
    pub(super) latitude: Option<f64>,
    pub(super) longitude: Option<f64>,
    pub(super) geo_precision: String,
    pub(super) source: String,
    pub(super) notes: String,
    pub(super) fatalities: String,
    /// The hadath event type.
    pub(super) hadath_type: &'static str,
}

/// The ACLED event type and sub-event type of a hadath type.
pub(super) fn acled_type(t: EventType) -> (&'static str, &'static str) {
    const REMOTE: &str = "Explosions/Remote violence";
    const STRATEGIC: &str = "Strategic developments";
    match t {
        EventType::Airstrike => (REMOTE, "Air/drone strike"),
        EventType::Shelling => (REMOTE, "Shelling/artillery/missile attack"),
        EventType::Clash | EventType::Offensive => ("Battles", "Armed clash"),
        EventType::Withdrawal => {
            (STRATEGIC, "Non-violent transfer of territory")
        }
        EventType::Shootdown => (STRATEGIC, "Disrupted weapons use"),
        _ => (STRATEGIC, "Other"),
    }
}

/// A name for an entity: English name, the name as written for places
/// not in the gazetteer, the id, or the text.
fn name(e: &Entity) -> String {
    e.name_en
        .as_deref()
        .or(e.name.as_deref())
        .or(e.id.as_deref())
        .unwrap_or(&e.loc.text)
        .to_string()
}

/// ACLED time precision: 1 a day (or finer), 2 a week or a few days,
/// 3 a month or longer.
fn time_precision(t: &TimeMention) -> &'static str {
    let days = match (t.value.from, t.value.to) {
        (Some(a), Some(b)) => (b.date() - a.date()).num_days(),
        _ => 0,
    };
    match t.value.precision {
        Precision::Minute
        | Precision::Hour
        | Precision::PartOfDay
        | Precision::Day
            if days == 0 =>
        {
            "1"
        }
        Precision::Week => "2",
        Precision::Day if days <= 7 => "2",
        _ => "3",
    }
}

/// ACLED geo precision: 1 a town or a site, 2 a district or the
/// countryside/desert around a town, 3 a governorate, region or country.
fn geo_precision(p: &Entity) -> &'static str {
    let area = p.area.is_some() || p.direction.is_some();
    match p.entity_type.as_deref() {
        Some("district") => "2",
        Some("governorate" | "country" | "desert_region" | "river") => "3",
        Some(_) if area => "2",
        Some(_) => "1",
        None => "",
    }
}

/// The English name of a place's governorate (the place itself for a
/// governorate).
fn admin1(p: &Entity, gaz: &Gazetteer) -> String {
    let gov = if p.entity_type.as_deref() == Some("governorate") {
        p.id.as_deref()
    } else {
        p.governorate.as_deref()
    };
    gov.and_then(|g| gaz.get(EntityKind::Place, g))
        .map(|e| e.name_en.clone())
        .unwrap_or_default()
}

/// The rows of a document, in document-event order.
pub(super) fn rows(doc: &Document, doc_id: &str, gaz: &Gazetteer) -> Vec<Row> {
    let mut out = Vec::new();
    for (k, d) in doc.document_events.iter().enumerate() {
        let mentions: Vec<&Event> =
            d.mentions.iter().filter_map(|&i| doc.events.get(i)).collect();
        let Some(first) = mentions.first() else { continue };
        // Each argument from the first mention that has one, preferring
        // one with an id.
        let pick = |f: fn(&Event) -> Option<&Entity>| {
            mentions
                .iter()
                .find_map(|e| f(e).filter(|x| x.id.is_some()))
                .or_else(|| mentions.iter().find_map(|e| f(e)))
        };
        let agent = pick(|e| e.agent.as_ref());
        let target = pick(|e| e.target.as_ref());
        let place = pick(|e| e.place.as_ref());
        let source = pick(|e| e.source.as_ref());
        let time = mentions
            .iter()
            .find_map(|e| e.time.as_ref().filter(|t| t.value.from.is_some()));
        let count = mentions
            .iter()
            .find_map(|e| e.count.as_ref().filter(|c| c.value.is_some()));
        let (event_type, sub_event_type) = acled_type(d.event_type);
        let mut flags = Vec::new();
        if first.polarity == Polarity::Negative {
            flags.push("negated");
        }
        if first.tense == Tense::Future {
            flags.push("future");
        }
        if first.genericity == Genericity::Generic {
            flags.push("generic");
        }
        if first.modality == Modality::Other {
            flags.push("disputed");
        }
        let sentence = doc
            .sentences
            .get(first.sentence_index)
            .map(|s| s.loc.text.trim().to_string())
            .unwrap_or_default();
        let mut notes = format!("{}: «{}»", d.event_type, first.trigger.text);
        if !flags.is_empty() {
            notes.push_str(&format!(" ({})", flags.join(", ")));
        }
        notes.push_str(" — ");
        notes.push_str(&sentence);
        let fatalities = match (d.event_type, count.and_then(|c| c.value)) {
            (EventType::Casualties, Some(v)) => format!("{v}"),
            _ => String::new(),
        };
        let coords = place.and_then(|p| Some((p.lat?, p.lon?)));
        out.push(Row {
            event_id: format!("{doc_id}-{}", k + 1),
            event_date: time
                .and_then(|t| t.value.from)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            time_precision: time
                .map(time_precision)
                .unwrap_or_default()
                .to_string(),
            event_type,
            sub_event_type,
            actor1: agent.map(name).unwrap_or_default(),
            assoc_actor_1: String::new(),
            actor2: target.map(name).unwrap_or_default(),
            admin1: place.map(|p| admin1(p, gaz)).unwrap_or_default(),
            location: place.map(name).unwrap_or_default(),
            latitude: coords.map(|c| c.0),
            longitude: coords.map(|c| c.1),
            geo_precision: place.map(geo_precision).unwrap_or("").to_string(),
            source: source
                .map(|s| {
                    s.id.as_ref().map_or_else(|| name(s), |id| id.to_string())
                })
                .unwrap_or_default(),
            notes,
            fatalities,
            hadath_type: d.event_type.as_str(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::acled_type;
    use hadath::EventType;

    #[test]
    fn acled_types() {
        let t = |e| acled_type(e);
        assert_eq!(
            t(EventType::Airstrike),
            ("Explosions/Remote violence", "Air/drone strike")
        );
        assert_eq!(
            t(EventType::Shelling),
            (
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack"
            )
        );
        assert_eq!(t(EventType::Offensive), ("Battles", "Armed clash"));
        assert_eq!(t(EventType::Clash), ("Battles", "Armed clash"));
        assert_eq!(
            t(EventType::Withdrawal).1,
            "Non-violent transfer of territory"
        );
        assert_eq!(t(EventType::Shootdown).1, "Disrupted weapons use");
        for e in [
            EventType::Deadline,
            EventType::Casualties,
            EventType::Displacement,
        ] {
            assert_eq!(t(e), ("Strategic developments", "Other"));
        }
    }

    #[test]
    fn precisions() {
        use hadath::{Extractor, Input};
        let doc = Extractor::builtin().extract(
            Input::new("أمس والأسبوع الماضي والشهر الماضي")
                .with_date("2017-06-01".parse().unwrap()),
        );
        let p: Vec<&str> =
            doc.times.iter().map(super::time_precision).collect();
        assert_eq!(p, ["1", "2", "3"]);
    }
}
