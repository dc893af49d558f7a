//! The small number reading the time parser needs: digits, cardinal
//! words up to ninety-nine, and ordinal day words (`الأول` ..
//! `الحادي والثلاثين`).
//!
//! This is deliberately narrow (two functions over a slice of normalized
//! words) so that it can later be replaced by the crate's number parser.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// Strips one leading `و` (conjunction) if what remains is a number word.
fn strip_wa(w: &str) -> &str {
    w.strip_prefix('و').filter(|r| r.chars().count() >= 3).unwrap_or(w)
}

/// Strips the article and a feminine ending: `الثالثه` → `ثالث`.
fn base(w: &str) -> &str {
    let w = w.strip_prefix("ال").unwrap_or(w);
    w.strip_suffix('ه').unwrap_or(w)
}

fn unit_card(b: &str) -> Option<u32> {
    Some(match b {
        "واحد" | "احد" | "احدي" | "واحدي" => 1,
        "اثنين" | "اثنان" | "اثني" | "اثنا" | "اثنتين" | "اثنتان"
        | "ثنتين" | "اتنين" => 2,
        "ثلاث" | "ثلاثي" | "تلات" => 3,
        "اربع" | "اربعي" => 4,
        "خمس" | "خمسي" => 5,
        "ست" | "ستي" => 6,
        "سبع" | "سبعي" => 7,
        "ثمان" | "ثماني" | "تمن" => 8,
        "تسع" | "تسعي" => 9,
        "عشر" => 10,
        _ => return None,
    })
}

fn tens(b: &str) -> Option<u32> {
    Some(match b {
        "عشرين" | "عشرون" => 20,
        "ثلاثين" | "ثلاثون" => 30,
        "اربعين" | "اربعون" => 40,
        "خمسين" | "خمسون" => 50,
        "ستين" | "ستون" => 60,
        "سبعين" | "سبعون" => 70,
        "ثمانين" | "ثمانون" => 80,
        "تسعين" | "تسعون" => 90,
        _ => return None,
    })
}

fn unit_ord(b: &str) -> Option<u32> {
    Some(match b {
        "اول" | "اولي" | "اولا" => 1,
        "ثاني" | "ثان" => 2,
        "ثالث" => 3,
        "رابع" => 4,
        "خامس" => 5,
        "سادس" => 6,
        "سابع" => 7,
        "ثامن" => 8,
        "تاسع" => 9,
        "عاشر" => 10,
        "حادي" => 1,
        _ => return None,
    })
}

/// Reads digits as a number (at most 9 digits).
pub(crate) fn digits(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 9 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// Adds a teen (`عشر`) or tens (`والعشرين`) continuation to a unit.
fn continuation(unit: u32, words: &[&str]) -> (u32, usize) {
    if unit < 10 {
        if let Some(next) = words.first() {
            if unit != 1 && base(next) == "عشر" {
                return (unit + 10, 1);
            }
            if unit == 1 && base(next) == "عشر" {
                return (11, 1);
            }
            if let Some(t) = tens(base(strip_wa(next))) {
                if next.starts_with('و') {
                    return (unit + t, 1);
                }
            }
        }
    }
    (unit, 0)
}

/// A cardinal number at the start of `words`: digits or words up to 99.
/// Returns the value and the number of words read.
pub(crate) fn cardinal(words: &[&str]) -> Option<(u32, usize)> {
    let w = *words.first()?;
    if let Some(v) = digits(w) {
        return Some((v, 1));
    }
    match w {
        "احدعشر" | "حدعشر" | "حداشر" => return Some((11, 1)),
        "اثنعشر" | "اطنعش" | "اتناشر" | "اثناعشر" => {
            return Some((12, 1))
        }
        _ => {}
    }
    if let Some(t) = tens(base(w)) {
        return Some((t, 1));
    }
    let u = unit_card(base(w))?;
    let (v, n) = continuation(u, words.get(1..).unwrap_or_default());
    Some((v, 1 + n))
}

/// An ordinal day word at the start of `words` (`الثالث`,
/// `الحادي والعشرين`, `الثالثه عشره`), or a cardinal/digits, 1..=31.
pub(crate) fn ordinal_day(words: &[&str]) -> Option<(u32, usize)> {
    let w = *words.first()?;
    let v = if let Some(t) = tens(base(w)) {
        (t, 1)
    } else if let Some(u) = unit_ord(base(w)) {
        let (v, n) = continuation(u, words.get(1..).unwrap_or_default());
        if base(w) == "حادي" && n == 0 {
            return None;
        }
        (v, 1 + n)
    } else {
        return None;
    };
    (1..=31).contains(&v.0).then_some(v)
}

/// An hour word (`الثالثه`, `ثلاثه`, `الحاديه عشره`, `3`), 0..=24.
pub(crate) fn hour(words: &[&str]) -> Option<(u32, usize)> {
    if let Some(r) = ordinal_day(words).or_else(|| cardinal(words)) {
        if r.0 <= 12 {
            return Some(r);
        }
    }
    // `الرابعة واربعون`: the hour is the first word; the rest are minutes.
    let one = words.get(..1)?;
    let r = ordinal_day(one).or_else(|| cardinal(one))?;
    (r.0 <= 24).then_some(r)
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

    macro_rules! t {
        ($f:ident, $input:expr, $want:expr) => {
            let n = crate::normalize($input);
            let words: Vec<&str> = n.as_str().split(' ').collect();
            assert_eq!($f(&words), $want, "{}", $input);
        };
    }

    #[test]
    fn cardinals() {
        t!(cardinal, "ثلاثة أيام", Some((3, 1)));
        t!(cardinal, "خمسة وعشرين", Some((25, 2)));
        t!(cardinal, "أحد عشر", Some((11, 2)));
        t!(cardinal, "24", Some((24, 1)));
        t!(cardinal, "عشرين", Some((20, 1)));
        t!(cardinal, "أيام", None);
    }

    #[test]
    fn ordinals() {
        t!(ordinal_day, "الثالث من", Some((3, 1)));
        t!(ordinal_day, "الحادي والثلاثين", Some((31, 2)));
        t!(ordinal_day, "الثالث عشر", Some((13, 2)));
        t!(ordinal_day, "الأول", Some((1, 1)));
        t!(ordinal_day, "الثالثة عشرة", Some((13, 2)));
        t!(ordinal_day, "العشرين", Some((20, 1)));
        t!(ordinal_day, "الحادي", None);
        t!(ordinal_day, "الأربعين", None);
        t!(hour, "التاسعة والنصف", Some((9, 1)));
        t!(hour, "الحادية عشرة", Some((11, 2)));
        t!(hour, "الرابعة واربعون", Some((4, 1)));
    }
}
