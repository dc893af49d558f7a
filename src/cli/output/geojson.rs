//! GeoJSON: a FeatureCollection of the events that have a place with
//! coordinates, one Point feature per event (`[lon, lat]`), the CSV
//! columns as properties.

use super::rows::Row;
use serde_json::json;

pub(super) const HEAD: &str =
    "{\"type\":\"FeatureCollection\",\"features\":[\n";
pub(super) const TAIL: &str = "\n]}\n";

/// The features of a document, one per line, joined with `,\n`.
pub(super) fn features(rows: &[Row]) -> Result<String, String> {
    let mut out = Vec::new();
    for r in rows {
        let (Some(lat), Some(lon)) = (r.latitude, r.longitude) else {
            continue;
        };
        let f = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "event_id": r.event_id,
                "event_date": r.event_date,
                "time_precision": r.time_precision,
                "event_type": r.event_type,
                "sub_event_type": r.sub_event_type,
                "hadath_type": r.hadath_type,
                "actor1": r.actor1,
                "actor2": r.actor2,
                "admin1": r.admin1,
                "location": r.location,
                "geo_precision": r.geo_precision,
                "source": r.source,
                "notes": r.notes,
                "fatalities": r.fatalities,
            }
        });
        out.push(
            serde_json::to_string(&f)
                .map_err(|e| format!("serializing a feature: {e}"))?,
        );
    }
    Ok(out.join(",\n"))
}
