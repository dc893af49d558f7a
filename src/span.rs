//! The one offset type of the crate.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use core::fmt;
use core::ops::{Index, Range};

/// A half-open range of **UTF-8 byte offsets** `[start, end)`.
///
/// Unless a method says otherwise, a `Span` returned by this crate points
/// into the *original* input exactly as the caller passed it (not into the
/// normalized text), and both ends lie on `char` boundaries.
///
/// ```
/// use hadath::Span;
///
/// let text = "قصف الرقة";
/// let span = Span::new(7, 17);
/// assert_eq!(&text[span], "الرقة");
/// assert_eq!(span.len(), 10);
/// assert_eq!(Span::from(7..17), span);
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// Start byte offset (inclusive).
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

impl Span {
    /// Creates a span. `start` must not exceed `end`; a reversed pair is
    /// swapped so that a `Span` is always well formed.
    ///
    /// ```
    /// assert_eq!(hadath::Span::new(5, 2), hadath::Span::new(2, 5));
    /// ```
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        if start <= end {
            Span { start, end }
        } else {
            Span { start: end, end: start }
        }
    }

    /// Length in bytes.
    ///
    /// ```
    /// assert_eq!(hadath::Span::new(3, 9).len(), 6);
    /// ```
    #[inline]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    ///
    /// ```
    /// assert!(hadath::Span::new(4, 4).is_empty());
    /// ```
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The range `start..end`.
    ///
    /// ```
    /// assert_eq!(hadath::Span::new(1, 4).range(), 1..4);
    /// ```
    #[inline]
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether `other` lies entirely inside `self`.
    ///
    /// ```
    /// use hadath::Span;
    /// assert!(Span::new(0, 10).contains(Span::new(2, 5)));
    /// assert!(!Span::new(0, 10).contains(Span::new(8, 12)));
    /// ```
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    ///
    /// ```
    /// use hadath::Span;
    /// assert!(Span::new(0, 5).overlaps(Span::new(4, 9)));
    /// assert!(!Span::new(0, 5).overlaps(Span::new(5, 9)));
    /// ```
    #[inline]
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    ///
    /// ```
    /// use hadath::Span;
    /// assert_eq!(Span::new(2, 4).cover(Span::new(7, 9)), Span::new(2, 9));
    /// ```
    #[inline]
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Returns the text of this span in `haystack`, or `None` when the span
    /// is out of bounds or not on `char` boundaries.
    ///
    /// ```
    /// use hadath::Span;
    /// assert_eq!(Span::new(0, 2).get("قصف"), Some("ق"));
    /// assert_eq!(Span::new(0, 1).get("قصف"), None);
    /// ```
    #[inline]
    pub fn get<'h>(&self, haystack: &'h str) -> Option<&'h str> {
        haystack.get(self.range())
    }
}

impl From<Range<usize>> for Span {
    #[inline]
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    #[inline]
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

impl Index<Span> for str {
    type Output = str;

    /// Slices `self` by the span. Panics like `&s[a..b]` does when the
    /// span is out of bounds; use [`Span::get`] for a checked slice.
    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}
