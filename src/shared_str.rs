//! Strings that clone without copying: [`SharedStr`] and [`LocText`].
//!
//! An [`Entity`](crate::Entity) carries its entry's id, ancestors, English
//! name and type. These strings belong to the gazetteer and are the same
//! for every mention of the entry, and events copy their entities again.
//! Shared, a clone is a reference count bump instead of an allocation and
//! a copy; the built-in gazetteers' strings are lent by the files compiled
//! into the crate, and their clones copy a pointer. A
//! [`Loc`](crate::Loc)'s text is a slice of the one copy of the input its
//! document holds, for the same reason.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use core::borrow::Borrow;
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::{Deref, Range};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// An immutable, reference-counted string: cloning it does not copy the
/// text. It derefs to `str`, compares with `str`, `&str` and `String`, and
/// serializes as a plain string.
///
/// ```
/// use hadath::SharedStr;
///
/// let id = SharedStr::from("raqqa");
/// let copy = id.clone();
/// assert_eq!(copy, "raqqa");
/// assert!(id.starts_with("raq"));
/// assert_eq!(serde_json::to_string(&id).unwrap(), r#""raqqa""#);
/// ```
///
/// A string that lives for the whole program (a literal, or the built-in
/// gazetteers' text) is held by reference with
/// [`from_static`](SharedStr::from_static): its clones do not touch a
/// reference count at all.
#[derive(Clone)]
pub struct SharedStr(Repr);

/// Where a [`SharedStr`]'s text lives.
#[derive(Clone)]
enum Repr {
    /// Text that outlives every value: cloned by copying the reference.
    Static(&'static str),
    /// Text shared by reference count.
    Shared(Arc<str>),
}

impl SharedStr {
    /// A shared string holding `s` by reference: no allocation, and
    /// clones that copy a pointer (no reference count).
    ///
    /// ```
    /// use hadath::SharedStr;
    ///
    /// const SYRIA: SharedStr = SharedStr::from_static("syria");
    /// assert_eq!(SYRIA.clone(), SharedStr::from("syria"));
    /// ```
    pub const fn from_static(s: &'static str) -> SharedStr {
        SharedStr(Repr::Static(s))
    }

    /// The text, as a `str`.
    ///
    /// ```
    /// let s = hadath::SharedStr::from("syria");
    /// assert_eq!(s.as_str(), "syria");
    /// ```
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

/// The original text of a [`Loc`](crate::Loc): a slice of the input that
/// the document's locations share, so that making or cloning a `Loc`
/// copies no text. It derefs to `str`, compares (and hashes and orders)
/// as its text, with `str`, `&str` and `String` too, and serializes and
/// deserializes as a plain string.
///
/// A `LocText` keeps the whole input of its document alive; call
/// [`to_string`](ToString::to_string) to keep the text alone.
///
/// ```
/// let text = "قصف الرقة.";
/// let doc = hadath::Extractor::builtin().extract(text);
/// let place = &doc.entities[0].loc;
/// assert_eq!(place.text, "الرقة");
/// assert_eq!(place.text.as_str(), &text[place.start..place.end]);
/// let owned: String = place.text.to_string();
/// assert_eq!(owned, "الرقة");
/// ```
#[derive(Clone)]
pub struct LocText {
    whole: Arc<str>,
    /// The slice of `whole`. 32-bit offsets keep a `Loc` small: `end` is
    /// [`WHOLE`] for all of a text of 4 GiB or more, and a slice ending
    /// that far holds a copy of its text.
    start: u32,
    end: u32,
}

impl LocText {
    /// `whole[range]`, sharing `whole`; the empty text if `range` is not
    /// a range of char boundaries of `whole`.
    #[inline(never)]
    pub(crate) fn slice(whole: &Arc<str>, range: Range<usize>) -> LocText {
        let b = whole.as_bytes();
        // The shared slice's test in one pass, with no panicking path:
        // `start ≤ end ≤ len` and `end < WHOLE` (so both fit in 32 bits
        // and `end` is not the marker), then each end on a char boundary
        // (the text's end, or a byte that is not a continuation byte, as
        // `str::is_char_boundary`, whose `0` case the byte test covers).
        // The test `slice_shares_exactly_the_ranges_of_char_boundaries`
        // compares it with `str::get` on every range of a short text.
        let (s, e) = (range.start, range.end);
        let at_boundary =
            |i: usize| b.get(i).is_none_or(|&c| (c as i8) >= -0x40);
        if s <= e
            && e <= b.len()
            && e < WHOLE as usize
            && at_boundary(s)
            && at_boundary(e)
        {
            if let (Ok(start), Ok(end)) = (u32::try_from(s), u32::try_from(e))
            {
                return LocText { whole: Arc::clone(whole), start, end };
            }
        }
        LocText::copied(whole, range)
    }

    /// [`LocText::slice`] when it cannot share `whole` (a copy of the
    /// text, or the empty text): out of line, so that the shared slice
    /// needs no registers saved.
    #[cold]
    #[inline(never)]
    fn copied(whole: &Arc<str>, range: Range<usize>) -> LocText {
        LocText::from(whole.get(range).unwrap_or(""))
    }

    /// The text, as a `str`.
    ///
    /// ```
    /// let t = hadath::LocText::from("منبج");
    /// assert_eq!(t.as_str(), "منبج");
    /// ```
    pub fn as_str(&self) -> &str {
        // The range was checked when the slice was made.
        let end = match self.end {
            WHOLE => self.whole.len(),
            end => end as usize,
        };
        self.whole.get(self.start as usize..end).unwrap_or_default()
    }
}

impl From<&str> for LocText {
    fn from(s: &str) -> LocText {
        LocText::whole(Arc::from(s))
    }
}

impl From<String> for LocText {
    fn from(s: String) -> LocText {
        LocText::whole(Arc::from(s))
    }
}

/// [`LocText::end`] for the whole of a text of 4 GiB or more.
const WHOLE: u32 = u32::MAX;

impl LocText {
    /// All of `whole`.
    fn whole(whole: Arc<str>) -> LocText {
        let end = u32::try_from(whole.len()).unwrap_or(WHOLE);
        LocText { whole, start: 0, end }
    }
}

impl<'de> Deserialize<'de> for LocText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LocText, D::Error> {
        String::deserialize(d).map(LocText::from)
    }
}

/// What both shared string types have in the same words: they deref to
/// `str`, print, compare, order and hash as it (whatever holds the text),
/// and serialize as a plain string.
macro_rules! str_like {
    ($t:ty) => {
        impl PartialEq for $t {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $t {}

        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &$t) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $t {
            fn cmp(&self, other: &$t) -> Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl Hash for $t {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl Deref for $t {
            type Target = str;

            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl From<$t> for String {
            fn from(s: $t) -> String {
                s.as_str().to_string()
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self.as_str(), f)
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl PartialEq<$t> for str {
            fn eq(&self, other: &$t) -> bool {
                self == other.as_str()
            }
        }

        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                *self == other.as_str()
            }
        }

        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Serialize for $t {
            fn serialize<S: Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

str_like!(SharedStr);
str_like!(LocText);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::{LocText, SharedStr};
    use core::cmp::Ordering;
    use std::collections::HashSet;
    use std::sync::Arc;

    #[test]
    fn clones_share_the_text() {
        let a = SharedStr::from(String::from("الرقة"));
        let b = a.clone();
        assert!(core::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, b);
        assert_eq!(b, "الرقة");
        assert_eq!("الرقة", b);
        assert_eq!(b, String::from("الرقة"));
        assert_ne!(b, "الرقه");
        assert_eq!(String::from(b), "الرقة");
    }

    #[test]
    fn static_and_shared_strings_are_the_same_values() {
        let fixed = SharedStr::from_static("raqqa");
        let shared = SharedStr::from(String::from("raqqa"));
        assert!(core::ptr::eq(fixed.clone().as_str(), "raqqa"));
        assert_eq!(fixed, shared);
        assert_eq!(shared, fixed);
        assert_eq!(fixed.cmp(&shared), Ordering::Equal);
        let (a, b) = (SharedStr::from_static("a"), SharedStr::from("b"));
        assert_eq!(
            (a.cmp(&b), b.cmp(&a)),
            (Ordering::Less, Ordering::Greater)
        );
        let (a, b) = (SharedStr::from("a"), SharedStr::from_static("b"));
        assert_eq!(
            (a.cmp(&b), b.cmp(&a)),
            (Ordering::Less, Ordering::Greater)
        );
        let set: HashSet<SharedStr> = [fixed, shared].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert!(set.contains("raqqa"));
        assert_eq!(
            serde_json::to_string(&SharedStr::from_static("a\"b")).unwrap(),
            r#""a\"b""#
        );
    }

    #[test]
    fn orders_and_prints_as_str() {
        let mut v = [SharedStr::from("b"), SharedStr::from("a")];
        v.sort();
        assert_eq!(v, ["a", "b"]);
        let [a, b] = &v;
        assert_eq!(format!("{a} {b:?}"), r#"a "b""#);
    }

    #[test]
    fn loc_texts_share_the_input_and_compare_as_their_text() {
        let whole: Arc<str> = Arc::from("قصف الرقة ومنبج");
        let raqqa = LocText::slice(&whole, 7..17);
        assert_eq!(raqqa, "الرقة");
        // A slice and its clones point into the one copy of the input.
        let copy = raqqa.clone();
        assert!(core::ptr::eq(copy.as_str(), raqqa.as_str()));
        assert!(core::ptr::eq(
            raqqa.as_str().as_ptr(),
            whole.get(7..).unwrap().as_ptr()
        ));
        // Equality, order and hashing see the text, not where it lies.
        let own = LocText::from(String::from("الرقة"));
        assert_eq!(own, raqqa);
        assert_eq!(String::from("الرقة"), raqqa);
        let set: HashSet<LocText> = [own, raqqa.clone()].into_iter().collect();
        assert_eq!(set.len(), 1);
        let manbij = LocText::slice(&whole, 20..28);
        assert_eq!(manbij, "منبج");
        assert!(raqqa < manbij);
        assert_eq!(format!("{raqqa} {manbij:?}"), r#"الرقة "منبج""#);
        assert_eq!(String::from(manbij), "منبج");
    }

    #[test]
    fn a_loc_text_off_char_boundaries_is_empty() {
        let whole: Arc<str> = Arc::from("الرقة");
        assert_eq!(LocText::slice(&whole, 1..4), "");
        assert_eq!(LocText::slice(&whole, 4..40), "");
        assert_eq!(LocText::slice(&whole, 0..10), "الرقة");
    }

    /// [`LocText::slice`]'s one-pass test against the plain one: a
    /// range of char boundaries (`str::get`) with both ends in 32 bits,
    /// the end not [`super::WHOLE`], on every range of a text with one-,
    /// two-, three- and four-byte chars (and ranges past its end).
    #[test]
    fn slice_shares_exactly_the_ranges_of_char_boundaries() {
        let whole: Arc<str> = Arc::from("a قصف€𝄞 b");
        let n = whole.len();
        for s in 0..n + 3 {
            for e in 0..n + 3 {
                let t = LocText::slice(&whole, s..e);
                let plain = whole.get(s..e);
                assert_eq!(t.as_str(), plain.unwrap_or(""), "{s}..{e}");
                // Shared when and only when the range is one of char
                // boundaries (a copy or the empty text otherwise).
                let shared = Arc::ptr_eq(&t.whole, &whole);
                assert_eq!(shared, plain.is_some(), "{s}..{e}");
            }
        }
    }

    #[test]
    fn loc_texts_round_trip_through_json() {
        let whole: Arc<str> = Arc::from("قصف الرقة");
        let t = LocText::slice(&whole, 7..17);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#""الرقة""#);
        let back: LocText = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        let doc = crate::Extractor::builtin().extract("قصف الرقة.");
        let loc = &doc.entities[0].loc;
        let back: crate::Loc =
            serde_json::from_str(&serde_json::to_string(loc).unwrap())
                .unwrap();
        assert_eq!(&back, loc);
    }
}
