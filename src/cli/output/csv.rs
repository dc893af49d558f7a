//! CSV: one row per event in ACLED-style columns, quoted per RFC 4180.

use super::rows::Row;

const COLUMNS: [&str; 16] = [
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

pub(super) fn header() -> String {
    let mut s = COLUMNS.join(",");
    s.push('\n');
    s
}

/// A field, quoted when it holds a comma, a quote or a line break (and
/// its quotes doubled).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn coord(c: Option<f64>) -> String {
    c.map(|x| x.to_string()).unwrap_or_default()
}

pub(super) fn rows(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        let cells = [
            field(&r.event_id),
            field(&r.event_date),
            field(&r.time_precision),
            field(r.event_type),
            field(r.sub_event_type),
            field(&r.actor1),
            field(&r.assoc_actor_1),
            field(&r.actor2),
            field(&r.admin1),
            field(&r.location),
            coord(r.latitude),
            coord(r.longitude),
            field(&r.geo_precision),
            field(&r.source),
            field(&r.notes),
            field(&r.fatalities),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoting() {
        assert_eq!(super::field("a"), "a");
        assert_eq!(super::field("a,b"), "\"a,b\"");
        assert_eq!(super::field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(super::field("l1\nl2"), "\"l1\nl2\"");
    }
}
