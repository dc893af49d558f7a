//! HTML: one self-contained right-to-left page per document, the article
//! with its mentions highlighted in `<mark>` by kind (in the spirit of
//! displaCy's entity view), and a table of the events under it.
//!
//! Mentions may overlap (a quantity inside a trigger phrase, a place in
//! an actor's name). The text is cut at every mention boundary and each
//! piece is wrapped in the marks that cover it, outermost first, so the
//! markup always nests; a mention crossing another is split in pieces
//! that carry the same class and title.

use super::Meta;
use hadath::{Document, Entity, EntityKind, Event, Quantity};

/// Escapes text for HTML content and attribute values.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A highlighted span of the original text.
struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
}

fn entity_title(e: &Entity) -> String {
    let mut t = e.kind.as_str().to_string();
    if let Some(id) = &e.id {
        t.push_str(&format!(": {id}"));
    }
    if let Some(n) = &e.name_en {
        t.push_str(&format!(" ({n})"));
    }
    t
}

fn quantity_title(q: &Quantity) -> String {
    let v = match (q.value, q.min, q.max) {
        (Some(v), _, _) => format!("{v}"),
        (None, Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "?".to_string(),
    };
    format!("quantity: {v} ({:?})", q.qualifier).to_lowercase()
}

fn marks(doc: &Document) -> Vec<Mark> {
    let mut m = Vec::new();
    for e in &doc.entities {
        let class = match e.kind {
            EntityKind::Actor => "actor",
            EntityKind::Person => "person",
            _ => "place",
        };
        m.push(Mark {
            start: e.loc.start,
            end: e.loc.end,
            class,
            title: entity_title(e),
        });
    }
    for t in &doc.times {
        let span = match (t.value.from_iso(), t.value.to_iso()) {
            (Some(a), Some(b)) if a != b => format!("{a} .. {b}"),
            (Some(a), _) => a,
            (None, Some(b)) => format!(".. {b}"),
            _ => t.value.relative.clone().unwrap_or_default(),
        };
        m.push(Mark {
            start: t.loc.start,
            end: t.loc.end,
            class: "time",
            title: format!("time: {span}"),
        });
    }
    for q in &doc.quantities {
        m.push(Mark {
            start: q.loc.start,
            end: q.loc.end,
            class: "quantity",
            title: quantity_title(q),
        });
    }
    for ev in &doc.events {
        let dup = m.iter().any(|x| {
            x.class == "trigger"
                && (x.start, x.end) == (ev.trigger.start, ev.trigger.end)
        });
        if !dup {
            m.push(Mark {
                start: ev.trigger.start,
                end: ev.trigger.end,
                class: "trigger",
                title: format!("{} trigger ({})", ev.event_type, ev.rule),
            });
        }
    }
    m.retain(|x| x.start < x.end);
    // Outermost first: by start, then longest.
    m.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    m
}

/// The article with its marks.
fn article(text: &str, marks: &[Mark]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in marks {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (a, b) = match w {
            [a, b] => (*a, *b),
            _ => continue,
        };
        let Some(piece) = text.get(a..b) else { continue };
        let cover: Vec<&Mark> =
            marks.iter().filter(|m| m.start <= a && b <= m.end).collect();
        for m in &cover {
            out.push_str(&format!(
                "<mark class=\"{}\" title=\"{}\">",
                m.class,
                escape(&m.title)
            ));
        }
        out.push_str(&escape(piece));
        for _ in &cover {
            out.push_str("</mark>");
        }
    }
    out
}

fn cell_entity(e: &Option<Entity>) -> String {
    match e {
        Some(e) => {
            let id = e.id.as_deref().unwrap_or("");
            format!(
                "<span dir=\"auto\">{}</span> <code>{}</code>",
                escape(&e.loc.text),
                escape(id)
            )
        }
        None => String::new(),
    }
}

fn event_row(i: usize, ev: &Event) -> String {
    let time = ev
        .time
        .as_ref()
        .map(|t| {
            let v = match (t.value.from_iso(), t.value.to_iso()) {
                (Some(a), Some(b)) if a != b => format!("{a} .. {b}"),
                (Some(a), _) => a,
                _ => String::new(),
            };
            format!("{} <code>{}</code>", escape(&t.loc.text), escape(&v))
        })
        .unwrap_or_default();
    let count = ev
        .count
        .as_ref()
        .map(|q| {
            let v = q.value.map(|v| v.to_string()).unwrap_or_default();
            format!("{} <code>{}</code>", escape(&q.loc.text), escape(&v))
        })
        .unwrap_or_default();
    let attrs = format!(
        "{:?} · {:?} · {:?} · {:?}",
        ev.polarity, ev.tense, ev.genericity, ev.modality
    )
    .to_lowercase();
    format!(
        "<tr><td>{}</td><td class=\"type\">{}</td><td>{}</td><td>{}</td>\
         <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
         <td dir=\"ltr\">{}</td></tr>\n",
        i + 1,
        escape(ev.event_type.as_str()),
        escape(&ev.trigger.text),
        cell_entity(&ev.agent),
        cell_entity(&ev.target),
        cell_entity(&ev.place),
        time,
        count,
        cell_entity(&ev.source),
        escape(&attrs),
    )
}

const STYLE: &str = "
body { font-family: 'Noto Naskh Arabic', 'Amiri', 'DejaVu Sans', sans-serif;
  margin: 2em auto; max-width: 60em; line-height: 2.1; color: #222; }
h1 { font-size: 1.2em; direction: ltr; text-align: left; }
.meta, .legend { direction: ltr; text-align: left; font-size: 0.85em; }
article { white-space: pre-wrap; font-size: 1.15em; border: 1px solid #ddd;
  padding: 1em 1.5em; border-radius: 6px; }
mark { padding: 0.1em 0.15em; border-radius: 0.3em; color: inherit; }
mark mark { padding: 0 0.1em; }
mark.actor { background: #fbd5d5; }
mark.person { background: #f6d6f7; }
mark.place { background: #cfe8fc; }
mark.time { background: #d5f5d5; }
mark.quantity { background: #ffeeb3; }
mark.trigger { background: transparent; border-bottom: 3px solid #d9480f;
  font-weight: bold; }
table { border-collapse: collapse; margin-top: 1.5em; width: 100%;
  font-size: 0.9em; line-height: 1.5; }
th, td { border: 1px solid #ddd; padding: 0.3em 0.5em; vertical-align: top; }
th { background: #f4f4f4; }
code { font-size: 0.85em; color: #555; }
";

/// The page of one document.
pub(super) fn page(doc: &Document, meta: &Meta<'_>) -> String {
    let marks = marks(doc);
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">\n<head>\n");
    s.push_str("<meta charset=\"utf-8\">\n");
    s.push_str(&format!("<title>hadath: {}</title>\n", escape(meta.doc_id)));
    s.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    s.push_str(&format!("<h1>{}</h1>\n", escape(meta.doc_id)));
    s.push_str(&format!(
        "<p class=\"meta\">date: {} · {} entities · {} times · {} \
         quantities · {} event mentions</p>\n",
        escape(doc.date.as_deref().unwrap_or("none")),
        doc.entities.len(),
        doc.times.len(),
        doc.quantities.len(),
        doc.events.len()
    ));
    s.push_str(
        "<p class=\"legend\"><mark class=\"actor\">actor</mark> \
         <mark class=\"person\">person</mark> \
         <mark class=\"place\">place</mark> \
         <mark class=\"time\">time</mark> \
         <mark class=\"quantity\">quantity</mark> \
         <mark class=\"trigger\">event trigger</mark></p>\n",
    );
    s.push_str("<article>");
    s.push_str(&article(meta.text, &marks));
    s.push_str("</article>\n");
    s.push_str(
        "<table class=\"events\">\n<thead><tr><th>#</th><th>type</th>\
         <th>trigger</th><th>agent</th><th>target</th><th>place</th>\
         <th>time</th><th>count</th><th>source</th><th>attributes</th>\
         </tr></thead>\n<tbody>\n",
    );
    for (i, ev) in doc.events.iter().enumerate() {
        s.push_str(&event_row(i, ev));
    }
    s.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::{article, escape, Mark};

    fn mark(start: usize, end: usize, class: &'static str) -> Mark {
        Mark { start, end, class, title: class.to_string() }
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn crossing_marks_are_split_and_nest() {
        // "abcdef": trigger 0..4 and quantity 2..6 cross.
        let m = [mark(0, 4, "trigger"), mark(2, 6, "quantity")];
        let html = article("abcdef", &m);
        assert_eq!(
            html,
            "<mark class=\"trigger\" title=\"trigger\">ab</mark>\
             <mark class=\"trigger\" title=\"trigger\"><mark class=\"quantity\" title=\"quantity\">cd</mark></mark>\
             <mark class=\"quantity\" title=\"quantity\">ef</mark>"
        );
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
    }

    #[test]
    fn text_is_escaped_inside_marks() {
        let html = article("<b>", &[mark(0, 3, "place")]);
        assert!(html.contains("&lt;b&gt;"));
    }
}
