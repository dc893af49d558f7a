//! Place phrases (`ريف X الشمالي`, `محافظة X`, `مطار X العسكري`),
//! demonyms (`الطائرات الروسية`) and places not in the gazetteer
//! (`قرية الهيشة`).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::matcher::Cand;
use super::{
    entity_for, most_specific, Entity, EntityForm, EntityKind, Gazetteer,
};
use crate::extractor::Prepared;
use crate::SharedStr;

/// A neighbouring word of the normalized text.
#[derive(Clone, Debug)]
pub(crate) struct Word<'t> {
    /// The whole word, with its proclitics.
    pub(crate) text: &'t str,
    /// The word without proclitics (`بريف` → `ريف`, `للقوات` → `القوات`).
    pub(crate) base: &'t str,
    /// Normalized start of the word and of its base.
    pub(crate) start: usize,
    pub(crate) base_start: usize,
    pub(crate) end: usize,
    /// The [`role`] bits of `base` in the context vocabulary
    /// ([`Context::known`](super::Context)); 0 for a base that is not in
    /// it, or a word read without it.
    pub(crate) roles: u8,
}

impl Word<'_> {
    /// Whether `base` has one of the [`role`] bits `r`.
    pub(crate) fn is(&self, r: u8) -> bool {
        self.roles & r != 0
    }
}

use super::data::{adjective, role};
use super::matcher::{
    is_arabic_letter, is_word_char, pair as pair16, pair_at, BA, FA, KAF, LAM,
    WAW,
};
use crate::hash::token_hash;

fn word_at<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    g: &'t Gazetteer,
) -> Word<'t> {
    let w = text.get(start..end).unwrap_or("");
    let (base, off, roles) = strip_proclitics(text, w, start, end, g);
    Word { text: w, base, start, base_start: start + off, end, roles }
}

/// A word read without the context vocabulary: its base is all of it.
fn plain_word(text: &str, start: usize, end: usize) -> Word<'_> {
    let w = text.get(start..end).unwrap_or("");
    Word { text: w, base: w, start, base_start: start, end, roles: 0 }
}

/// The base of the word `s..e`: the longest proclitic strip (و/ف, then
/// ب/ل/ك, with لل read as ل + ال) whose rest is a known context word;
/// else the word. Also the length of the strip and the base's [`role`]
/// bits (0 for a base not known). Each rest is hashed in place; `whole`
/// is the word (`text[s..e]`).
fn strip_proclitics<'t>(
    text: &'t str,
    whole: &'t str,
    s: usize,
    e: usize,
    g: &'t Gazetteer,
) -> (&'t str, usize, u8) {
    let (m, b) = (&g.matcher, text.as_bytes());
    let look = |a: usize| {
        let rest = b.get(a..e)?;
        let k = m.known.get_hashed(rest, token_hash(b, a, e))?;
        Some((whole.get(a - s..)?, a - s, k.roles))
    };
    // The two bytes at `a` as a number, 0 when they pass the word's end.
    let pair = |a: usize| if a + 2 <= e { pair_at(b, a) } else { 0 };
    let mut a = s;
    if let Some(k) = look(a) {
        return k;
    }
    let first = pair(a);
    if first == pair16(WAW) || first == pair16(FA) {
        a += 2;
        if let Some(k) = look(a) {
            return k;
        }
    }
    let p = pair(a);
    if p == pair16(BA) || p == pair16(KAF) || p == pair16(LAM) {
        a += 2;
        if p == pair16(LAM) && pair(a) == pair16(LAM) {
            let r = a + 2;
            let rest = b.get(r..e).unwrap_or_default();
            let h = token_hash(b, r, e);
            if let Some(k) = m.known_after_article.get_hashed(rest, h) {
                return (k.word.as_str(), a - s, k.roles);
            }
        }
        if let Some(k) = look(a) {
            return k;
        }
    }
    (whole, 0, 0)
}

/// The word before normalized offset `at` (one space between), if any.
pub(crate) fn prev_word(text: &str, at: usize) -> Option<Word<'_>> {
    let before = text.get(..at)?;
    let before = before.strip_suffix(' ')?;
    let b = before.as_bytes();
    let end = before.len();
    let mut start = end;
    // At most 41 chars; Arabic letters read from two bytes.
    for _ in 0..=40 {
        if start >= 2 && b.get(start - 2..start).is_some_and(is_arabic_letter)
        {
            start -= 2;
            continue;
        }
        match before.get(..start).and_then(|r| r.chars().next_back()) {
            Some(c) if is_word_char(c) => start -= c.len_utf8(),
            _ => break,
        }
    }
    (start < end).then(|| plain_word(text, start, end))
}

/// The word after normalized offset `at` (one space between), if any.
pub(crate) fn next_word(text: &str, at: usize) -> Option<Word<'_>> {
    let after = text.get(at..)?.strip_prefix(' ')?;
    let b = after.as_bytes();
    let start = at + 1;
    let mut len = 0;
    // At most 40 chars; Arabic letters read from two bytes.
    for _ in 0..40 {
        if b.get(len..len + 2).is_some_and(is_arabic_letter) {
            len += 2;
            continue;
        }
        match after.get(len..).and_then(|r| r.chars().next()) {
            Some(c) if is_word_char(c) => len += c.len_utf8(),
            _ => break,
        }
    }
    (len > 0).then(|| plain_word(text, start, start + len))
}

/// The word before normalized offset `at` (one space between), read
/// with the gazetteer's context.
pub(crate) fn prev_word_ctx<'t>(
    text: &'t str,
    at: usize,
    g: &'t Gazetteer,
) -> Option<Word<'t>> {
    prev_word(text, at).map(|w| word_at(text, w.start, w.end, g))
}

/// The word before the hit `c`'s word (one space between), read with the
/// gazetteer's context: as [`prev_word_ctx`], from the scan's reading
/// when it has one.
pub(crate) fn prev_word_of<'t>(
    text: &'t str,
    c: &Cand<'_>,
    g: &'t Gazetteer,
) -> Option<Word<'t>> {
    match c.prev_word(text) {
        Some((s, e)) => Some(word_at(text, s, e, g)),
        None => prev_word_ctx(text, c.word_start, g),
    }
}

/// The word before the hit `c`'s word (one space between), as
/// [`prev_word_of`] when it may have one of the [`role`] bits `r`
/// ([`Matcher::may_be`](super::matcher::Matcher::may_be)), else read
/// without the context (its roles 0, which a reading with it would not
/// have among `r` either).
pub(crate) fn prev_word_if<'t>(
    text: &'t str,
    c: &Cand<'_>,
    g: &'t Gazetteer,
    r: u8,
) -> Option<Word<'t>> {
    let (s, e) = prev_span_of(text, c)?;
    Some(if g.matcher.may_be(text, s, e, r) {
        word_at(text, s, e, g)
    } else {
        plain_word(text, s, e)
    })
}

/// Whether the word before the hit `c`'s word (one space between) read
/// with the context has one of the [`role`] bits `r`: as
/// [`prev_word_if`], without making the word when it ends like none.
pub(crate) fn prev_is(text: &str, c: &Cand<'_>, g: &Gazetteer, r: u8) -> bool {
    prev_span_of(text, c).is_some_and(|(s, e)| {
        g.matcher.may_be(text, s, e, r) && word_at(text, s, e, g).is(r)
    })
}

/// The span of the word before the hit `c`'s word (one space between).
fn prev_span_of(text: &str, c: &Cand<'_>) -> Option<(usize, usize)> {
    c.prev_word(text)
        .or_else(|| prev_word(text, c.word_start).map(|w| (w.start, w.end)))
}

/// `w` read with the context when it may have one of the [`role`] bits
/// `r`, else as it is.
fn read_if<'t>(
    text: &'t str,
    w: Word<'t>,
    g: &'t Gazetteer,
    r: u8,
) -> Word<'t> {
    if g.matcher.may_be(text, w.start, w.end, r) {
        word_at(text, w.start, w.end, g)
    } else {
        w
    }
}

/// Re-reads a word with the gazetteer's context (the helpers above only
/// split on white space).
#[cfg(test)]
pub(crate) fn with_context<'t>(
    text: &'t str,
    w: &Word<'_>,
    g: &'t Gazetteer,
) -> Word<'t> {
    word_at(text, w.start, w.end, g)
}

/// A place hit after a classifier word `w`: widens the span to the
/// classifier and picks the level the classifier names. `w` is read with
/// the context already (its roles say it is a classifier, which a word
/// read without the context never says), so it is not read again.
pub(crate) fn place_phrase(
    p: &Prepared<'_>,
    g: &Gazetteer,
    c: &Cand<'_>,
    pool: &[usize],
    w: &Word<'_>,
) -> Option<Entity> {
    let text = p.norm.as_str();
    let best = most_specific(g, pool)?;
    let governorate = pool
        .iter()
        .copied()
        .find(|&i| {
            g.entries.get(i).is_some_and(|e| e.entry_type == "governorate")
        })
        .or_else(|| g.governorate_of(best));
    let mut end = c.end;
    let mut direction = None;
    let mut area = None;
    let chosen = match w.base {
        "محافظه" => governorate.unwrap_or(best),
        "ريف" => {
            area = Some("countryside");
            governorate.unwrap_or(best)
        }
        "باديه" => {
            area = Some("desert");
            if pool.iter().any(|&i| {
                g.entries.get(i).is_some_and(|e| e.entry_type == "governorate")
            }) {
                governorate.unwrap_or(best)
            } else {
                best
            }
        }
        "مطار" | "قاعده" | "سد" => {
            let facility = g.entries.get(best).is_some_and(|e| {
                matches!(
                    e.entry_type.as_str(),
                    "airbase" | "military_base" | "dam"
                )
            });
            if !facility {
                return unknown_facility(p, g, c, best, w);
            }
            best
        }
        _ => best,
    };
    if area.is_some() {
        if let Some((d, e)) = direction_after(text, end, g) {
            direction = Some(d);
            end = e;
        }
    }
    let mut ent =
        entity_for(p, g, chosen, w.base_start..end, EntityForm::Phrase)?;
    ent.direction = direction;
    ent.area = area.map(str::to_string);
    Some(ent)
}

/// `مطار X العسكري` where X is a known town but the facility is not in
/// the gazetteer: a place with no id, inside X.
fn unknown_facility(
    p: &Prepared<'_>,
    g: &Gazetteer,
    c: &Cand<'_>,
    town: usize,
    w: &Word<'_>,
) -> Option<Entity> {
    let text = p.norm.as_str();
    let mut end = c.end;
    if let Some(n) = next_word(text, end) {
        if n.text == "العسكري" || n.text == "العسكريه" {
            end = n.end;
        }
    }
    let kind = match w.base {
        "مطار" => "airbase",
        "سد" => "dam",
        _ => "military_base",
    };
    let mut ent =
        entity_for(p, g, town, w.base_start..end, EntityForm::Phrase)?;
    let town_id = ent.id.take();
    ent.ancestors =
        town_id.into_iter().chain(ent.ancestors.iter().cloned()).collect();
    ent.name = Some(ent.loc.text.to_string());
    ent.entity_type = Some(SharedStr::from(kind));
    ent.name_en = None;
    ent.geonames_id = None;
    Some(ent)
}

/// A direction phrase right after `at`: (canonical, end).
fn direction_after(
    text: &str,
    at: usize,
    g: &Gazetteer,
) -> Option<(String, usize)> {
    let rest = text.get(at..)?.strip_prefix(' ')?;
    for (phrase, canon) in &g.context.directions {
        if let Some(after) = rest.strip_prefix(phrase.as_str()) {
            if !after.chars().next().is_some_and(is_word_char) {
                return Some((canon.clone(), at + 1 + phrase.len()));
            }
        }
    }
    None
}

/// A demonym hit: an actor after a force noun, the country as a place
/// after a place noun; nothing otherwise. `pool` is scratch space.
pub(crate) fn demonym(
    p: &Prepared<'_>,
    g: &Gazetteer,
    c: &Cand<'_>,
    last_end: usize,
    pool: &mut Vec<usize>,
) -> Option<Entity> {
    let text = p.norm.as_str();
    let ctx = &g.context;
    // A word that ends like no head is read without the context: the
    // adjective test reads the whole word only.
    let heads = role::FORCE_HEAD | role::PLACE_HEAD;
    let mut head = prev_word_if(text, c, g, heads)?;
    // Skip an adjective (`الطائرات الحربية الروسية`) or a conjoined
    // demonym (`طائرات روسية وسورية`), at most two words.
    for _ in 0..2 {
        // The heads are known words: an unknown base is none.
        if head.is(heads) {
            break;
        }
        // The ending and length first: most words fail them. The word
        // is looked up once, by its hash in the text.
        let t = head.text;
        let bits = || {
            let h = token_hash(text.as_bytes(), head.start, head.end);
            ctx.adjectives.get_hashed(t.as_bytes(), h).copied().unwrap_or(0)
        };
        let adjective = if (t.ends_with("يه") || t.ends_with('ي'))
            && t.chars().nth(3).is_some()
        {
            // Not a locative word, or one also between.
            bits() != adjective::LOCATIVE
        } else {
            bits() & adjective::BETWEEN != 0
        };
        if !adjective {
            return None;
        }
        head = read_if(text, prev_word(text, head.start)?, g, heads);
    }
    let as_place = head.is(role::PLACE_HEAD);
    let as_force = head.is(role::FORCE_HEAD);
    if !as_place && !as_force {
        return None;
    }
    // A head inside an earlier mention (`الطائرات الروسية والسورية`):
    // the demonym alone is the mention.
    let start =
        if head.base_start < last_end { c.start } else { head.base_start };
    pool.clear();
    pool.extend(c.demonym_uses().iter().map(|u| u.entry));
    g.keep_valid_on(pool, p.date.map(|d| d.date()));
    let actor = most_specific(g, pool)?;
    let target = if as_place {
        let a = g.entries.get(actor)?;
        g.index_of(EntityKind::Place, &a.id).or_else(|| {
            g.entries.iter().position(|e| {
                e.kind == EntityKind::Place
                    && e.entry_type == "country"
                    && e.country.is_some()
                    && e.country == a.country
            })
        })?
    } else {
        actor
    };
    let mut ent = entity_for(p, g, target, start..c.end, EntityForm::Demonym)?;
    ent.head = Some(p.loc(head.base_start..head.end));
    Some(ent)
}

/// `قرية|بلدة|حي|مخيم|مزرعة` + a name no entity covers: a place with no
/// id, its name, and the governorate of the nearest place in the sentence.
/// `spots` are the words that end with a classifier (from
/// [`Matcher::scan`](super::matcher::Matcher::scan)), in order.
pub(crate) fn unknown_places(
    p: &Prepared<'_>,
    g: &Gazetteer,
    found: &[Entity],
    spots: &[core::ops::Range<usize>],
) -> Vec<Entity> {
    let text = p.norm.as_str();
    let ctx = &g.context;
    // `found` is sorted by start and its mentions do not overlap, so the
    // lookups below are binary searches (linear time overall).
    let covered = |s: usize| {
        let i = found.partition_point(|e| e.norm.start <= s);
        i > 0 && found.get(i - 1).is_some_and(|e| s < e.norm.end)
    };
    // Whether any mention found overlaps `a..b`: only the last one that
    // starts before `b` can.
    let overlaps = |a: usize, b: usize| {
        let i = found.partition_point(|e| e.norm.start < b);
        i > 0 && found.get(i - 1).is_some_and(|e| a < e.norm.end)
    };
    let mut out = Vec::new();
    // The end of the last place found here: places never overlap.
    let mut last_end = 0;
    for r in spots {
        let w = word_at(text, r.start, r.end, g);
        if !w.is(role::UNKNOWN_CLASSIFIER)
            || covered(w.start)
            || w.start < last_end
        {
            continue;
        }
        let Some(n1) = next_word(text, w.end) else { continue };
        let good = |n: &Word<'_>| {
            !overlaps(n.start, n.end)
                && !ctx.not_names.contains(n.text)
                && n.text.chars().nth(1).is_some()
                && n.text
                    .chars()
                    .all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
                && !ctx.directions.iter().any(|(d, _)| *d == n.text)
                && !ctx.unknown_classifiers.contains(n.text)
                // Nor a classifier after `و`/`ف` (`قرية «وقرية`).
                && !n
                    .text
                    .strip_prefix(['و', 'ف'])
                    .is_some_and(|r| ctx.unknown_classifiers.iter().any(|c| c == r))
                && !["بال", "كال", "لل", "وال", "فال"]
                    .iter()
                    .any(|x| n.text.starts_with(x))
        };
        if !good(&n1) {
            continue;
        }
        let mut end = n1.end;
        if let Some(n2) = next_word(text, n1.end) {
            let two = good(&n2)
                && (ctx.name_prefixes.contains(n1.text)
                    || (!n1.text.starts_with("ال")
                        && n2.text.starts_with("ال")));
            if two {
                end = n2.end;
            }
        }
        let kind = match w.base {
            "قريه" => "village",
            "بلده" => "town",
            "حي" => "neighbourhood",
            "مخيم" => "camp",
            _ => "farm",
        };
        let si = p.sentences.partition_point(|s| s.norm.start <= w.start);
        let sentence = si.checked_sub(1).and_then(|i| p.sentences.get(i));
        // Page chrome (menus, "read also" lists) names no place.
        if sentence.is_some_and(|s| s.chrome.is_some()) {
            continue;
        }
        let sentence =
            sentence.map(|s| s.norm.clone()).unwrap_or(0..text.len());
        let gov = sentence_governorate(found, &sentence, w.start, end);
        let ancestors = gov
            .iter()
            .flat_map(|gid| {
                let up = g.index_of(EntityKind::Place, gid);
                let up = up.and_then(|i| g.strings.get(i));
                core::iter::once(gid)
                    .chain(up.into_iter().flat_map(|s| s.ancestors.iter()))
            })
            .cloned()
            .collect();
        last_end = end;
        out.push(Entity {
            loc: p.loc(w.base_start..end),
            norm: w.base_start..end,
            kind: EntityKind::Place,
            form: EntityForm::Phrase,
            id: None,
            ancestors,
            name_en: None,
            entity_type: Some(SharedStr::from(kind)),
            governorate: gov,
            lat: None,
            lon: None,
            geonames_id: None,
            direction: None,
            area: None,
            name: Some(p.loc(n1.start..end).text.to_string()),
            head: None,
        });
    }
    out
}

/// The governorate of the nearest place mention in the sentence: the first
/// after `end`, else the last before `start` (at most 64 looked at each
/// way).
fn sentence_governorate(
    found: &[Entity],
    sentence: &core::ops::Range<usize>,
    start: usize,
    end: usize,
) -> Option<SharedStr> {
    let has = |e: &&Entity| {
        e.kind == EntityKind::Place
            && e.governorate.is_some()
            && sentence.start <= e.norm.start
            && e.norm.end <= sentence.end
    };
    let i = found.partition_point(|e| e.norm.start < end);
    let after = found.get(i..).unwrap_or(&[]).iter().take(64).find(has);
    let j = found.partition_point(|e| e.norm.end <= start);
    let before = found.get(..j).unwrap_or(&[]).iter().rev().take(64).find(has);
    after.or(before).and_then(|e| e.governorate.clone())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The adjective table answers as the locative and between sets, by
    /// the hash in the text, for every word of the test texts (and each
    /// word of the sets).
    #[test]
    fn adjective_table_matches_sets() {
        let ex = crate::Extractor::builtin();
        let ctx = &ex.gazetteer().context;
        let mut texts = crate::test_texts::articles();
        texts.extend(crate::test_texts::peer_texts());
        texts.push(
            ctx.locative
                .iter()
                .chain(&ctx.between)
                .fold(String::new(), |s, w| s + w + " و" + w + " "),
        );
        let (mut n, mut hits) = (0, 0);
        for t in &texts {
            let norm = crate::normalize(t);
            let text = norm.as_str();
            for r in crate::words(text) {
                let w = &text[r.clone()];
                let h = token_hash(text.as_bytes(), r.start, r.end);
                let bits = ctx.adjectives.get_hashed(w.as_bytes(), h).copied();
                let bit = |set: &crate::gazetteer::data::WordSet, b: u8| {
                    if set.contains(w) {
                        b
                    } else {
                        0
                    }
                };
                let want = bit(&ctx.locative, adjective::LOCATIVE)
                    | bit(&ctx.between, adjective::BETWEEN);
                assert_eq!(bits.unwrap_or(0), want, "{w}");
                assert_eq!(bits.is_some(), want != 0, "{w}");
                n += 1;
                hits += usize::from(want != 0);
            }
        }
        assert!(n > 5_000 && hits > 100, "{n} {hits}");
    }
}
