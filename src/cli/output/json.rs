//! JSON and JSONL: the document as the library serializes it, with the
//! record's `path` or `id`/`line` put first.

use super::compact;
use hadath::Document;

/// The document as JSON, `fields` (already JSON values) first, with a
/// final newline. `size_hint`: the input's length, to size the output.
pub(super) fn document(
    doc: &Document,
    fields: &[(&str, String)],
    pretty: bool,
    size_hint: usize,
) -> Result<Vec<u8>, String> {
    if !pretty {
        // A record's output runs to about ten times its input.
        let mut out = Vec::with_capacity(size_hint.saturating_mul(16));
        if compact::write_with_fields(&mut out, fields, doc).is_ok() {
            out.push(b'\n');
            // What is held until the record is written is what it needs:
            // the allocator takes the rest back (in place, no copy).
            out.shrink_to_fit();
            return Ok(out);
        }
        // serde_json says what went wrong, or writes what the compact
        // writer does not take.
    }
    by_serde_json(doc, fields, pretty)
}

/// [`document`] through serde_json: pretty output, the fallback, and
/// the tests' reference.
fn by_serde_json(
    doc: &Document,
    fields: &[(&str, String)],
    pretty: bool,
) -> Result<Vec<u8>, String> {
    let json = if pretty {
        serde_json::to_string_pretty(doc)
    } else {
        serde_json::to_string(doc)
    }
    .map_err(|e| format!("serializing the document: {e}"))?;
    let Some(rest) = json.strip_prefix('{') else {
        return Err("serializing the document: not an object".to_string());
    };
    let mut out = String::with_capacity(json.len() + 64);
    out.push('{');
    for (k, v) in fields {
        if pretty {
            out.push_str(&format!("\n  \"{k}\": {v},"));
        } else {
            out.push_str(&format!("\"{k}\":{v},"));
        }
    }
    out.push_str(rest);
    out.push('\n');
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hadath::{Extractor, Input};

    /// Every seed article and each of its lines, with and without a
    /// document date and label fields: the compact writer's bytes are
    /// serde_json's.
    #[test]
    fn compact_output_is_serde_jsons() {
        let ex = Extractor::builtin();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut docs = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let parts = text.lines().chain([text.as_str(), "\"\\\t"]);
            for part in parts {
                for date in [None, Some("2017-06-01".parse().unwrap())] {
                    let input = Input::new(part);
                    let input = match date {
                        Some(d) => input.with_date(d),
                        None => input,
                    };
                    let doc = ex.extract(input);
                    for fields in [
                        vec![],
                        vec![("id", "\"a\\\"b\"".to_string())],
                        vec![("id", "7".to_string()), ("line", "3".into())],
                    ] {
                        let ours = document(&doc, &fields, false, 0).unwrap();
                        let theirs = by_serde_json(&doc, &fields, false);
                        assert_eq!(ours, theirs.unwrap(), "{path:?}");
                        docs += 1;
                    }
                }
            }
        }
        assert!(docs > 100, "{docs}");
    }
}
