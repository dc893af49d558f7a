//! [`SharedStr`]: an immutable string that clones without copying.
//!
//! An [`Entity`](crate::Entity) carries its entry's id, ancestors, English
//! name and type. These strings belong to the gazetteer and are the same
//! for every mention of the entry, and events copy their entities again.
//! Shared, a clone is a reference count bump instead of an allocation and
//! a copy.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use core::borrow::Borrow;
use core::fmt;
use core::ops::Deref;
use serde::{Serialize, Serializer};
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
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    /// The text, as a `str`.
    ///
    /// ```
    /// let s = hadath::SharedStr::from("syria");
    /// assert_eq!(s.as_str(), "syria");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedStr {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(Arc::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Arc::from(s))
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.0.to_string()
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == &*other.0
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::SharedStr;

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
    fn orders_and_prints_as_str() {
        let mut v = [SharedStr::from("b"), SharedStr::from("a")];
        v.sort();
        assert_eq!(v, ["a", "b"]);
        let [a, b] = &v;
        assert_eq!(format!("{a} {b:?}"), r#"a "b""#);
    }
}
