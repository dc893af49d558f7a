//! Compact JSON written straight into a byte buffer: the same bytes as
//! `serde_json::to_writer` for everything a document holds, with a
//! string escaper that tests eight bytes at a time.
//!
//! serde_json reads a string byte by byte through a table to find what
//! to escape; on `--jsonl` runs that loop was the largest single cost
//! (a quarter of all instructions, about 5.5 per output byte), since a
//! record's output is mostly Arabic text and short keys. Floats, rare in
//! a document (coordinates), are still written by serde_json. Anything
//! this writer does not take (a map key that is not a string, a number
//! or a bool) is an error, and the caller then falls back on serde_json.

use serde::ser::{self, Serialize};
use std::fmt;

/// Appends `value` as compact JSON to `out`.
#[cfg(test)]
fn write<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), Error> {
    write_with_fields(out, &[], value)
}

/// Appends `value`, which must serialize as an object, as compact JSON
/// to `out`, with `fields` (names and values already in JSON) written
/// first in it.
pub(super) fn write_with_fields<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    fields: &[(&str, String)],
    value: &T,
) -> Result<(), Error> {
    let mut w = Writer { out, lead: Some(fields), misplaced: false };
    value.serialize(&mut w)?;
    let unplaced = w.lead.is_some_and(|f| !f.is_empty());
    if w.misplaced || unplaced {
        return Err(Error("not an object".to_string()));
    }
    Ok(())
}

/// Why a value could not be written.
#[derive(Debug)]
pub(super) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// The fields that go first in the outermost object, until it opens.
    lead: Option<&'a [(&'a str, String)]>,
    /// Whether `lead` met something other than an object.
    misplaced: bool,
}

/// One in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `w` is a control character, `"` or `\`: the
/// usual has-zero-byte and has-less-than tests, exact as to whether
/// some byte matches.
fn needs_escape(w: u64) -> bool {
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q;
    let b = w ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b;
    (below_space | quote | backslash) & HIGH != 0
}

/// How JSON writes byte `b` inside a string, if it is escaped.
fn escape(b: u8) -> Option<&'static [u8]> {
    Some(match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\x08' => b"\\b",
        b'\x0c' => b"\\f",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0..=0x1f => return CONTROL.get(usize::from(b)).copied(),
        _ => return None,
    })
}

/// `\u00XX` for every control character, as serde_json writes them
/// (lower-case hex digits).
static CONTROL: [&[u8]; 32] = [
    b"\\u0000", b"\\u0001", b"\\u0002", b"\\u0003", b"\\u0004", b"\\u0005",
    b"\\u0006", b"\\u0007", b"\\u0008", b"\\u0009", b"\\u000a", b"\\u000b",
    b"\\u000c", b"\\u000d", b"\\u000e", b"\\u000f", b"\\u0010", b"\\u0011",
    b"\\u0012", b"\\u0013", b"\\u0014", b"\\u0015", b"\\u0016", b"\\u0017",
    b"\\u0018", b"\\u0019", b"\\u001a", b"\\u001b", b"\\u001c", b"\\u001d",
    b"\\u001e", b"\\u001f",
];

/// Whether each byte is escaped inside a JSON string: control
/// characters, `"` and `\`.
// Built at compile time, where an index out of bounds is a build error,
// not a panic.
#[allow(clippy::indexing_slicing)]
static ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Whether byte `b` is escaped inside a JSON string.
fn escaped(b: u8) -> bool {
    ESCAPED.get(usize::from(b)).is_some_and(|&e| e)
}

/// Where the first byte to escape in `bytes` is, if any: eight bytes at
/// a time (the last eight overlapping the word before), and a string
/// shorter than eight bytes one by one.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let word = |at: usize| {
        let mut w = [0u8; 8];
        if let Some(chunk) = bytes.get(at..at + 8) {
            w.copy_from_slice(chunk);
        }
        u64::from_le_bytes(w)
    };
    let by_byte = |from: usize| {
        let rest = bytes.get(from..).unwrap_or_default();
        rest.iter().position(|&b| escaped(b)).map(|i| from + i)
    };
    let Some(last) = bytes.len().checked_sub(8) else {
        return by_byte(0);
    };
    let mut at = 0;
    while at < last {
        if needs_escape(word(at)) {
            return by_byte(at);
        }
        at += 8;
    }
    if needs_escape(word(last)) {
        return by_byte(last);
    }
    None
}

/// `s` as a JSON string.
fn push_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let Some(first) = first_escape(bytes) else {
        // Nearly every string: nothing to escape.
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    };
    out.push(b'"');
    let (clean, rest) = bytes.split_at_checked(first).unwrap_or((bytes, &[]));
    out.extend_from_slice(clean);
    for &b in rest {
        match escape(b) {
            Some(esc) => out.extend_from_slice(esc),
            None => out.push(b),
        }
    }
    out.push(b'"');
}

/// The two digits of every number below 100.
static PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// `n` in decimal.
fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    // Writes the two digits of `below_100` before `start`.
    let mut put_pair = |start: usize, below_100: u64| {
        let pair = below_100 as usize * 2;
        if let (Some(d), Some(p)) =
            (digits.get_mut(start..start + 2), PAIRS.get(pair..pair + 2))
        {
            d.copy_from_slice(p);
        }
    };
    while n >= 100 {
        start -= 2;
        put_pair(start, n % 100);
        n /= 100;
    }
    if n >= 10 {
        start -= 2;
        put_pair(start, n);
    } else {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + n as u8;
        }
    }
    out.extend_from_slice(digits.get(start..).unwrap_or_default());
}

fn push_i64(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    push_u64(out, n.unsigned_abs());
}

/// A float, as serde_json writes it (`null` when not finite).
fn push_f64(out: &mut Vec<u8>, v: f64) -> Result<(), Error> {
    serde_json::to_writer(out, &v).map_err(|e| Error(e.to_string()))
}

fn push_f32(out: &mut Vec<u8>, v: f32) -> Result<(), Error> {
    serde_json::to_writer(out, &v).map_err(|e| Error(e.to_string()))
}

/// A sequence or map being written: whether an element came yet.
pub(super) struct Compound<'w, 'a> {
    w: &'w mut Writer<'a>,
    first: bool,
    /// What closes it: `]`, `}`, or `]}` / `}}` for enum variants.
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.comma();
        push_str(self.w.out, key);
        self.w.out.push(b':');
    }

    fn end(self) -> Result<(), Error> {
        self.w.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'w, 'a> Writer<'a> {
    fn open(
        &'w mut self,
        variant: Option<&str>,
        open: u8,
        close: &'static [u8],
    ) -> Compound<'w, 'a> {
        if let Some(v) = variant {
            self.out.push(b'{');
            push_str(self.out, v);
            self.out.push(b':');
        }
        self.out.push(open);
        let mut first = true;
        if let Some(fields) = self.lead.take() {
            if open == b'{' && variant.is_none() {
                for (k, v) in fields {
                    if !first {
                        self.out.push(b',');
                    }
                    first = false;
                    push_str(self.out, k);
                    self.out.push(b':');
                    self.out.extend_from_slice(v.as_bytes());
                }
            } else if !fields.is_empty() {
                // Not an object: the fields have no place.
                self.misplaced = true;
            }
        }
        Compound { w: self, first, close }
    }
}

/// The two methods both serializers answer alike, as serde_json does: a
/// unit variant is its name as a string, a newtype struct is its value.
macro_rules! transparent {
    () => {
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<(), Error> {
            self.serialize_str(variant)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            value.serialize(self)
        }
    };
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        push_i64(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        push_u64(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        push_f32(self.out, v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        push_f64(self.out, v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        push_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(
        self,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    transparent!();
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        push_str(self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(
        self,
        _: Option<usize>,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'[', b"]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'[', b"]"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'[', b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(Some(variant), b'[', b"]}"))
    }
    fn serialize_map(
        self,
        _: Option<usize>,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'{', b"}"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(None, b'{', b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(self.open(Some(variant), b'{', b"}}"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// The tuple shapes are written as sequences.
macro_rules! as_seq {
    ($($shape:ident :: $method:ident),*) => {$(
        impl ser::$shape for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(
                &mut self,
                value: &T,
            ) -> Result<(), Error> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    )*};
}

as_seq!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(
        &mut self,
        key: &T,
    ) -> Result<(), Error> {
        self.comma();
        key.serialize(KeyWriter { out: self.w.out })?;
        self.w.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// A map key: a string, or a number or bool written as a string (as
/// serde_json does); anything else is an error.
struct KeyWriter<'a> {
    out: &'a mut Vec<u8>,
}

impl KeyWriter<'_> {
    fn quoted(self, write: impl FnOnce(&mut Vec<u8>)) -> Result<(), Error> {
        self.out.push(b'"');
        write(self.out);
        self.out.push(b'"');
        Ok(())
    }
}

/// The error for a key this writer does not take.
fn not_a_key() -> Error {
    Error("key must be a string".to_string())
}

/// Serializer methods that refuse a value as a map key.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<(), Error> {
            Err(not_a_key())
        }
    )*};
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|o| {
            o.extend_from_slice(if v { b"true" } else { b"false" })
        })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.quoted(|o| push_i64(o, v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.quoted(|o| push_u64(o, v))
    }
    refuse!(serialize_f32(f32), serialize_f64(f64));
    fn serialize_char(self, v: char) -> Result<(), Error> {
        push_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_str(self.out, v);
        Ok(())
    }
    refuse!(serialize_bytes(&[u8]), serialize_none());
    fn serialize_some<T: Serialize + ?Sized>(
        self,
        _: &T,
    ) -> Result<(), Error> {
        Err(not_a_key())
    }
    refuse!(serialize_unit(), serialize_unit_struct(&'static str));
    transparent!();
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_seq(
        self,
        _: Option<usize>,
    ) -> Result<Self::SerializeSeq, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_a_key())
    }
    fn serialize_map(
        self,
        _: Option<usize>,
    ) -> Result<Self::SerializeMap, Error> {
        Err(not_a_key())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_a_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn both<T: Serialize + ?Sized>(v: &T) -> (String, String) {
        let mut out = Vec::new();
        write(&mut out, v).unwrap();
        (String::from_utf8(out).unwrap(), serde_json::to_string(v).unwrap())
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every byte below 0x80 at every offset of a chunk, amid Arabic.
        for b in 0u8..0x80 {
            for pad in 0..17 {
                let s = format!(
                    "{}{}ب{}",
                    "ا".repeat(pad / 2),
                    "x".repeat(pad % 2),
                    char::from(b)
                );
                let (ours, theirs) = both(&s);
                assert_eq!(ours, theirs, "byte {b:#x}, pad {pad}");
            }
        }
        for s in ["", "\"", "\\\\", "a\u{7f}b", "مرحبا\u{2028}\t\n", "é😀"]
        {
            let (ours, theirs) = both(s);
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let mut n = 1u64;
        while n < u64::MAX / 3 {
            for v in [n - 1, n, n + 1, n * 2 + 1] {
                assert_eq!(both(&v).0, v.to_string());
                let neg = -(i64::try_from(v % (1 << 62)).unwrap());
                assert_eq!(both(&neg).0, neg.to_string());
            }
            n *= 3;
        }
        assert_eq!(both(&u64::MAX).0, u64::MAX.to_string());
        assert_eq!(both(&i64::MIN).0, i64::MIN.to_string());
    }

    #[test]
    fn escape_test_is_exact_on_every_byte_in_every_lane() {
        for b in 0u8..=255 {
            for lane in 0..8 {
                let mut w = [b'a'; 8];
                w[lane] = b;
                // Bytes that may hide a match after them (borrows).
                let mut v = [0xffu8; 8];
                v[lane] = b;
                let expected = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(needs_escape(u64::from_le_bytes(w)), expected);
                assert_eq!(needs_escape(u64::from_le_bytes(v)), expected);
            }
        }
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(i32, f64),
        Struct { a: Option<bool>, b: Vec<u16> },
    }

    #[derive(Serialize)]
    struct S<'a> {
        n: i64,
        m: u64,
        f: f32,
        fs: Vec<f64>,
        c: char,
        s: &'a str,
        t: (u8, &'a str),
        e: Vec<E>,
        map: BTreeMap<u32, Option<()>>,
        bools: BTreeMap<bool, i8>,
        #[serde(flatten)]
        rest: BTreeMap<&'a str, i16>,
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let s = S {
            n: i64::MIN,
            m: u64::MAX,
            f: 0.1,
            fs: vec![0.0, -0.0, 1e300, 35.9528, 1e-7, f64::NAN, 12.0],
            c: '"',
            s: "ريف \"حلب\"",
            t: (0, "\u{1}"),
            e: vec![
                E::Unit,
                E::New(7),
                E::Tuple(-3, 2.5),
                E::Struct { a: None, b: vec![1, 2] },
                E::Struct { a: Some(true), b: vec![] },
            ],
            map: [(3, None), (10, Some(()))].into_iter().collect(),
            bools: [(true, -1), (false, 0)].into_iter().collect(),
            rest: [("x", 1), ("y\n", -2)].into_iter().collect(),
        };
        let (ours, theirs) = both(&s);
        assert_eq!(ours, theirs);
        let (ours, theirs) = both(&[i32::MAX, 0, -7]);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn keys_serde_json_refuses_are_refused() {
        let m: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(write(&mut Vec::new(), &m).is_err());
        assert!(serde_json::to_string(&m).is_err());
    }
}
