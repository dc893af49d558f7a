//! JSON and JSONL: the document as the library serializes it, with the
//! record's `path` or `id`/`line` put first.

use hadath::Document;

/// The document as JSON, `fields` (already JSON values) first, with a
/// final newline.
pub(super) fn document(
    doc: &Document,
    fields: &[(&str, String)],
    pretty: bool,
) -> Result<String, String> {
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
    Ok(out)
}
