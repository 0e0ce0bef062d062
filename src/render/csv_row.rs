//! One CSV line straight from a row struct: each field a cell, in field
//! order, without building a JSON value of the row first (the records export
//! of a large site has a hundred thousand rows, each with its description).
//!
//! Cells follow the export's rules (see [`super::data`]): `None` is an empty
//! cell, booleans are `true`/`false`, numbers as written, a list's items are
//! joined with [`LIST_SEPARATOR`], and a cell holding a comma, a quote or a
//! line break is quoted (RFC 4180). Anything else (a map inside a cell) is
//! not a shape the exports have: [`line`] then returns `None` and the caller
//! takes the general path through `serde_json::Value`.

use serde::Serialize;
use serde::ser::{self, Impossible};

/// How lists are joined in a CSV cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The CSV line (with its CRLF) of `row`, a struct of plain fields; `None`
/// for a shape this writer does not handle.
pub fn line<T: Serialize>(row: &T) -> Option<String> {
    let mut out = String::with_capacity(256);
    row.serialize(RowWriter { out: &mut out, cell: String::with_capacity(64), first: true }).ok()?;
    out.push_str("\r\n");
    Some(out)
}

/// Appends `text` to `out` as one CSV field, quoted when it must be.
pub fn push_field(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    if memchr::memchr3(b',', b'"', b'\n', bytes).is_some() || memchr::memchr(b'\r', bytes).is_some() {
        out.push('"');
        for (i, part) in text.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Why a row could not be written this way (never shown: the caller falls
/// back to the general path).
#[derive(Debug)]
pub struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value this CSV writer does not handle")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Writes the fields of the row struct as cells.
struct RowWriter<'a> {
    out: &'a mut String,
    /// The cell being made, before quoting.
    cell: String,
    first: bool,
}

impl ser::SerializeStruct for RowWriter<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, _key: &'static str, value: &T) -> Result<(), Unsupported> {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.cell.clear();
        value.serialize(CellWriter { out: &mut self.cell })?;
        push_field(self.out, &self.cell);
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

/// The methods for shapes neither writer takes: enum variants with data,
/// tuples and maps.
macro_rules! reject_compound {
    () => {
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Unsupported> {
            Err(Unsupported)
        }
    };
}

/// A serializer that accepts only a struct: the row.
macro_rules! only_struct {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), Unsupported> { Err(Unsupported) })*
    };
}

impl<'a> ser::Serializer for RowWriter<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = RowWriter<'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    only_struct!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Ok(self)
    }
    reject_compound!();
}

/// Writes one cell's text (unquoted): scalars, `None`, and lists of them.
struct CellWriter<'a> {
    out: &'a mut String,
}

/// A list in a cell: its items joined with [`LIST_SEPARATOR`].
struct ListWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl ser::SerializeSeq for ListWriter<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        if !self.first {
            self.out.push_str(LIST_SEPARATOR);
        }
        self.first = false;
        value.serialize(CellWriter { out: self.out })
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

macro_rules! display_cell {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Unsupported> {
            use std::fmt::Write as _;
            write!(self.out, "{v}").map_err(|_| Unsupported)
        })*
    };
}

impl<'a> ser::Serializer for CellWriter<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ListWriter<'a>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    display_cell!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
    );

    // Floats, chars and bytes are not in the exports; serde_json would
    // write them its own way, so they take the general path.
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, _: char) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.out.push_str(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.out.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<ListWriter<'a>, Unsupported> {
        Ok(ListWriter { out: self.out, first: true })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    reject_compound!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        text: String,
        missing: Option<u64>,
        count: usize,
        flag: Option<bool>,
        list: Vec<&'a str>,
    }

    #[test]
    fn fields_become_cells_in_order_quoted_only_when_needed() {
        let row = Row {
            id: "a-1",
            text: "sa \"hej\", sen\r\nnytt".to_string(),
            missing: None,
            count: 1003,
            flag: Some(false),
            list: vec!["x", "y,z"],
        };
        assert_eq!(line(&row).as_deref(), Some("a-1,\"sa \"\"hej\"\", sen\r\nnytt\",,1003,false,\"x | y,z\"\r\n"));
    }

    #[test]
    fn a_map_in_a_cell_is_left_to_the_general_path() {
        #[derive(Serialize)]
        struct Nested {
            inner: std::collections::BTreeMap<&'static str, u8>,
        }
        assert_eq!(line(&Nested { inner: [("a", 1)].into() }), None);
    }
}
