//! Page chrome: lines that are site furniture, not article text.
//!
//! Lines are marked, never deleted: their spans stay in the output so a
//! user can see what was set aside and why.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::normalize::{normalize, Normalized};
use crate::document::Loc;
use crate::Error;
use core::ops::Range;
use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};

/// Why a line was marked as chrome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChromeKind {
    /// Share, comment and navigation widgets (`شاركها`, `اترك رد`,
    /// `مقالات ذات صلة`, `لن يتم نشر عنوان بريدك الإلكتروني`).
    Widget,
    /// A bare counter (`111`, `0`): share or comment counts.
    Counter,
    /// A link to another article (`اقرأ أيضاً ...`).
    ReadAlso,
    /// An outlet signature or dateline (`روك أونلاين – قامشلو`).
    Signature,
    /// A photo caption ending in a credit (`... (رويترز)`).
    Caption,
    /// A paragraph printed again (a headline or lede repeated). Its events
    /// are still extracted, as mentions; the document view merges them.
    Repeat,
}

/// A line marked as chrome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChromeLine {
    /// The line in the original input.
    #[serde(flatten)]
    pub loc: Loc,
    /// 0-based line index (the same numbering as [`crate::Sentence::line`]).
    pub line: usize,
    /// Why the line is chrome.
    pub kind: ChromeKind,
    /// For a [`ChromeKind::Repeat`], the line it repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat_of: Option<usize>,
}

/// The chrome vocabulary, normalized.
#[derive(Clone, Debug)]
pub(crate) struct ChromeLexicon {
    widget_words: Vec<String>,
    /// The widget phrases, any of which anywhere makes a line a widget,
    /// each searched for over the whole text at once.
    widget_phrases: Vec<Finder<'static>>,
    read_also: Vec<String>,
    credits: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChromeFile {
    version: u32,
    widget_words: Vec<String>,
    widget_phrases: Vec<String>,
    read_also: Vec<String>,
    credits: Vec<String>,
}

impl ChromeLexicon {
    /// Parses a chrome vocabulary file (TOML).
    pub(crate) fn from_toml(file: &str, src: &str) -> Result<Self, Error> {
        let raw: ChromeFile = crate::data::parse(file, src)?;
        crate::data::check_version(file, raw.version)?;
        let norm = |v: Vec<String>| -> Vec<String> {
            let mut out: Vec<String> = v
                .iter()
                .map(|s| normalize(s).as_str().trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            out.sort();
            out.dedup();
            out
        };
        let widget_phrases = norm(raw.widget_phrases)
            .iter()
            .map(|p| Finder::new(p).into_owned())
            .collect();
        Ok(ChromeLexicon {
            widget_words: norm(raw.widget_words),
            widget_phrases,
            read_also: norm(raw.read_also),
            credits: norm(raw.credits),
        })
    }
}

/// A line of the normalized text, as found by [`detect_chrome`].
pub(crate) struct ChromeHit {
    pub(crate) norm: Range<usize>,
    pub(crate) line: usize,
    pub(crate) kind: ChromeKind,
    pub(crate) repeat_of: Option<usize>,
}

/// Marks the chrome lines of a normalized text.
pub(crate) fn detect_chrome(
    n: &Normalized,
    words: &[super::Word],
    lex: &ChromeLexicon,
) -> Vec<ChromeHit> {
    let text = n.as_str();
    // Lines, trimmed, with their ranges; white space runs are already one
    // char, so blank lines are gone and a line is a paragraph.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(core::iter::once(text.len()));
    let mut start = 0;
    let lines: Vec<Range<usize>> = ends
        .map(|end| {
            let r = start..end;
            start = end + 1;
            r
        })
        .map(|r| {
            let s = text.get(r.clone()).unwrap_or_default();
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            r.start + lead..(r.end - trail).max(r.start + lead)
        })
        .collect();
    let widget = phrase_lines(text, &lines, &lex.widget_phrases);
    let texts: Vec<&str> = lines
        .iter()
        .map(|r| text.get(r.clone()).unwrap_or_default())
        .collect();
    let first = super::first_occurrences(&texts);
    let counts = line_word_counts(&lines, words);
    let mut hits = Vec::new();
    // Chrome at the end of the page does not make the article's last
    // paragraph a signature: find the last line that is not chrome.
    let mut kinds: Vec<Option<ChromeKind>> = Vec::with_capacity(lines.len());
    for (idx, r) in lines.iter().enumerate() {
        let line = text.get(r.clone()).unwrap_or_default();
        let n_words = counts.get(idx).copied().unwrap_or(0);
        let kind = if line.is_empty() {
            None
        } else {
            let phrase = widget.get(idx).copied().unwrap_or(false);
            classify(line, n_words, idx, phrase, lex)
        };
        kinds.push(kind);
    }
    let last_body = (0..lines.len()).rev().find(|&i| {
        lines.get(i).is_some_and(|l| !l.is_empty())
            && kinds.get(i).is_some_and(Option::is_none)
    });
    for (idx, r) in lines.iter().enumerate() {
        let line = text.get(r.clone()).unwrap_or_default();
        if line.is_empty() {
            continue;
        }
        let mut kind = kinds.get(idx).copied().flatten();
        let n_words = counts.get(idx).copied().unwrap_or(0);
        let mut repeat_of = None;
        if kind.is_none()
            && Some(idx) == last_body
            && idx > 0
            && is_signature_shaped(line, n_words)
        {
            kind = Some(ChromeKind::Signature);
        }
        // The first line with the same text (empty lines are skipped, and
        // no other line equals one).
        let first = first.get(idx).copied().unwrap_or(idx);
        if kind.is_none() && n_words >= 3 && first != idx {
            kind = Some(ChromeKind::Repeat);
            repeat_of = Some(first);
        }
        if let Some(kind) = kind {
            hits.push(ChromeHit {
                norm: r.clone(),
                line: idx,
                kind,
                repeat_of,
            });
        }
    }
    hits
}

/// For each line (trimmed, in order), whether one of the phrases occurs
/// inside it.
fn phrase_lines(
    text: &str,
    lines: &[Range<usize>],
    phrases: &[Finder<'_>],
) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let bytes = text.as_bytes();
    for f in phrases {
        let mut from = 0;
        while let Some(at) = bytes.get(from..).and_then(|h| f.find(h)) {
            let start = from + at;
            let end = start + f.needle().len();
            let k = lines.partition_point(|l| l.end < end);
            if lines.get(k).is_some_and(|l| l.start <= start) {
                if let Some(flag) = out.get_mut(k) {
                    *flag = true;
                }
            }
            // Occurrences may overlap.
            from = start + 1;
        }
    }
    out
}

/// The number of words of `s`, counted up to `cap` (a line's length
/// matters only up to the thresholds of the rules).
fn words_up_to(s: &str, cap: usize) -> usize {
    super::segment::words(s).take(cap).count()
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '?', '!', ';', ':'])
}

/// The most words any rule counts in a line: longer lines are body.
const MAX_WORDS: usize = 16;

/// The most words any rule but the caption rule counts in a line.
const MAX_SHORT_WORDS: usize = 6;

/// The number of words of each line (in order, trimmed), read from the
/// text's word list: the words that start in the line (a line ends at a
/// line break or white space, which no word holds).
fn line_word_counts(
    lines: &[Range<usize>],
    words: &[super::Word],
) -> Vec<usize> {
    let mut w = 0;
    lines
        .iter()
        .map(|r| {
            w += words
                .get(w..)
                .unwrap_or_default()
                .partition_point(|x| x.start < r.start);
            let n = words
                .get(w..)
                .unwrap_or_default()
                .partition_point(|x| x.start < r.end);
            w += n;
            n
        })
        .collect()
}

/// A short line (of `n_words` words) with no sentence punctuation and no
/// digits.
fn is_signature_shaped(line: &str, n_words: usize) -> bool {
    (1..=4).contains(&n_words)
        && !ends_sentence(line)
        && !line.bytes().any(|b| b.is_ascii_digit())
}

/// The kind of chrome a line is, if any; `n_words` is its word count.
fn classify(
    line: &str,
    n_words: usize,
    idx: usize,
    widget_phrase: bool,
    lex: &ChromeLexicon,
) -> Option<ChromeKind> {
    // A bare counter: digits and separators only.
    if line.len() <= 16
        && line.bytes().any(|b| b.is_ascii_digit())
        && line.bytes().all(|b| b.is_ascii_digit() || b" .,:%+-/".contains(&b))
    {
        return Some(ChromeKind::Counter);
    }
    let head = line.trim_start_matches(|c: char| !super::is_word_char(c));
    if lex.read_also.iter().any(|p| head.starts_with(p.as_str())) {
        return Some(ChromeKind::ReadAlso);
    }
    if widget_phrase {
        return Some(ChromeKind::Widget);
    }
    if n_words > 0 && n_words <= MAX_SHORT_WORDS && !ends_sentence(line) {
        let known = super::segment::words(line)
            .filter_map(|r| line.get(r))
            .filter(|w| {
                lex.widget_words
                    .binary_search_by(|p| p.as_str().cmp(w))
                    .is_ok()
            })
            .count();
        if known * 4 >= n_words * 3 {
            return Some(ChromeKind::Widget);
        }
    }
    // A caption: a short line ending in a parenthesized credit.
    if n_words <= MAX_WORDS {
        if let Some(inner) = line
            .strip_suffix(')')
            .and_then(|s| s.rfind('(').and_then(|p| s.get(p + 1..)))
        {
            let inner = inner.trim();
            if words_up_to(inner, 5) <= 4
                && lex.credits.iter().any(|c| contains_word(inner, c))
            {
                return Some(ChromeKind::Caption);
            }
        }
    }
    // A dateline or outlet signature: "outlet – place", short.
    if idx > 0
        && n_words <= MAX_SHORT_WORDS
        && !ends_sentence(line)
        && (line.contains(" - ") || line.contains(" | "))
    {
        return Some(ChromeKind::Signature);
    }
    // A signature right under the headline: one or two words.
    if idx == 1 && n_words <= 2 && is_signature_shaped(line, n_words) {
        return Some(ChromeKind::Signature);
    }
    None
}

/// Whether `needle` occurs in `hay` as whole words.
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay.get(..i).unwrap_or_default().chars().next_back();
        let after = hay.get(i + m.len()..).unwrap_or_default().chars().next();
        !before.is_some_and(super::is_word_char)
            && !after.is_some_and(super::is_word_char)
    })
}

impl ChromeHit {
    pub(crate) fn to_line(&self, loc: Loc) -> ChromeLine {
        ChromeLine {
            loc,
            line: self.line,
            kind: self.kind,
            repeat_of: self.repeat_of,
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use crate::text::word_list;

    fn lex() -> ChromeLexicon {
        ChromeLexicon::from_toml(
            "chrome.toml",
            include_str!("../../gazetteers/chrome.toml"),
        )
        .unwrap()
    }

    /// The chrome kind of each line of a text (None for body lines).
    fn kinds(text: &str) -> Vec<(String, Option<ChromeKind>)> {
        let n = normalize(text);
        let hits = detect_chrome(&n, &word_list(n.as_str()), &lex());
        n.as_str()
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let k = hits.iter().find(|h| h.line == i).map(|h| h.kind);
                (l.trim().to_string(), k)
            })
            .collect()
    }

    /// A line's word count read from the word list is the number of
    /// words of the line alone, on every line of the test texts (as
    /// `detect_chrome` cuts them) and on lines of white space and
    /// punctuation.
    #[test]
    fn line_counts_are_the_words_of_each_line() {
        let mut texts = crate::test_texts::all();
        texts.push("صورة (ا ب ج د ه و ز ح ط ي)\n\n .. \n،\nx".into());
        let mut checked = 0;
        for t in &texts {
            let n = normalize(t);
            let text = n.as_str();
            let mut start = 0;
            let lines: Vec<Range<usize>> = text
                .split('\n')
                .map(|l| {
                    let lead = l.len() - l.trim_start().len();
                    let r = start + lead..start + l.trim_end().len().max(lead);
                    start += l.len() + 1;
                    r
                })
                .collect();
            let counts = line_word_counts(&lines, &word_list(text));
            for (r, n) in lines.iter().zip(&counts) {
                assert_eq!(*n, crate::words(&text[r.clone()]).count(), "{t}");
                checked += n;
            }
        }
        assert!(checked > 5_000, "{checked}");
    }

    /// One line per case: a page, and the kind its line `line` must get.
    macro_rules! t {
        ($name:ident, $text:expr, $line:expr, $kind:expr) => {
            #[test]
            fn $name() {
                let k = kinds($text);
                assert_eq!(k[$line].1, $kind, "{:?}", k);
            }
        };
    }

    const BODY: &str = "قصفت الطائرات الروسية مواقع في ريف الرقة الشمالي أمس.";

    t!(
        share_widget,
        &format!("عنوان الخبر هنا\n{BODY}\nشاركها"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        leave_reply,
        &format!("عنوان\n{BODY}\nاترك رد"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        leave_comment,
        &format!("عنوان\n{BODY}\nاترك تعليقاً"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        comments,
        &format!("عنوان\n{BODY}\nالتعليقات"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        no_comment,
        &format!("عنوان\n{BODY}\nبدون تعليق"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        related,
        &format!("عنوان\n{BODY}\nمقالات ذات صلة"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(
        back_to_top,
        &format!("عنوان\n{BODY}\nزر الذهاب إلى الأعلى"),
        2,
        Some(ChromeKind::Widget)
    );
    t!(email_notice, &format!("عنوان\n{BODY}\nلن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *"), 2, Some(ChromeKind::Widget));
    t!(
        counter,
        &format!("عنوان\n111\n0\n{BODY}"),
        1,
        Some(ChromeKind::Counter)
    );
    t!(
        zero_counter,
        &format!("عنوان\n111\n0\n{BODY}"),
        2,
        Some(ChromeKind::Counter)
    );
    t!(
        read_also,
        &format!("عنوان\n{BODY}\nاقرأ أيضاً: غارات على إدلب"),
        2,
        Some(ChromeKind::ReadAlso)
    );
    t!(
        read_also_slash,
        &format!("عنوان\n{BODY}\nاقرأ/ي ايضًا| صور من الرقة"),
        2,
        Some(ChromeKind::ReadAlso)
    );
    t!(
        dateline,
        &format!("عنوان\nوكالة ما – حلب\n{BODY}"),
        1,
        Some(ChromeKind::Signature)
    );
    t!(
        outlet_under_headline,
        &format!("عنوان الخبر هنا\nسيريانيوز\n{BODY}"),
        1,
        Some(ChromeKind::Signature)
    );
    t!(
        outlet_at_end,
        &format!("عنوان\n{BODY}\n{BODY}\nعنب بلدي"),
        3,
        Some(ChromeKind::Signature)
    );
    t!(
        caption,
        &format!("عنوان\nمقاتلون في الرقة (رويترز)\n{BODY}"),
        1,
        Some(ChromeKind::Caption)
    );
    t!(repeated_headline, &format!("توقف القصف على المدينة الكبيرة\n{BODY}\nتوقف القصف على المدينة الكبيرة\n{BODY}"), 2, Some(ChromeKind::Repeat));
    t!(
        repeated_lede,
        &format!("عنوان\n{BODY}\nعنوان\n{BODY}"),
        3,
        Some(ChromeKind::Repeat)
    );
    // Body text is never chrome.
    t!(headline_is_body, &format!("روسيا: سنقصف عناصر داعش\n{BODY}"), 0, None);
    t!(body_is_body, &format!("عنوان\n{BODY}\nشاركها"), 1, None);
    t!(
        short_body_line_mid_article,
        &format!("عنوان\n{BODY}\nالمرحلة الثانية\n{BODY}\n{BODY}"),
        2,
        None
    );
    t!(
        numbers_in_body,
        &format!("عنوان\nقتل 12 عنصراً في 2017.\n{BODY}"),
        1,
        None
    );
    t!(
        parenthesis_not_credit,
        &format!("عنوان\nقال المتحدث (أبو محمد)\n{BODY}"),
        1,
        None
    );

    #[test]
    fn repeat_names_its_original() {
        let text = format!("توقف القصف على المدينة الكبيرة\n{BODY}\nتوقف القصف على المدينة الكبيرة");
        let n = normalize(&text);
        let hits = detect_chrome(&n, &word_list(n.as_str()), &lex());
        let rep = hits.iter().find(|h| h.kind == ChromeKind::Repeat).unwrap();
        assert_eq!(rep.repeat_of, Some(0));
    }

    #[test]
    fn bad_vocabulary_is_a_typed_error() {
        let err = ChromeLexicon::from_toml("c.toml", "version = 2\nwidget_words=[]\nwidget_phrases=[]\nread_also=[]\ncredits=[]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.toml: unsupported version 2, expected 1"
        );
        let err = ChromeLexicon::from_toml(
            "c.toml",
            "version = 1\nwidget_words = 3",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
    }
}
