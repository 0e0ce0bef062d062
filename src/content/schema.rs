//! The content format's tables, each declared once.
//!
//! `declare_table!` declares a table of the format (a record's front
//! matter, `period.toml`, a `[[recommendations]]` entry …) as a struct and,
//! from the same declaration, everything else that must agree with it:
//!
//! - the loader: `from_table` reads every field with its type's reader
//!   ([`FieldValue`]), reports a missing required field with an example
//!   line, and leaves unknown fields to [`Fields::finish`], which names the
//!   field that was meant;
//! - [`TableDoc`]: each field's key, whether it is required, its kind of
//!   value, an example and a one-line help — what `insyn new` writes as
//!   comments and what the docs list (`tests/docs.rs` keeps the README's
//!   field lists equal to it).
//!
//! Adding a field to the format is one entry in its table's declaration;
//! showing it on a page or in an export is the only other edit.

use crate::content::fields::Fields;
use crate::content::spanned::Spanned;
use crate::time::{Date, Moment};
use crate::vocab::Word;

/// Whether a field must be written, and what it is when left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// It must be written.
    Required,
    /// It may be left out; the text says what that means.
    Optional(&'static str),
}

/// One field of a table, as the docs and `insyn new` describe it.
#[derive(Debug, Clone, Copy)]
pub struct FieldDoc {
    /// The key as written (`resolved`).
    pub key: &'static str,
    /// Required or optional.
    pub presence: Presence,
    /// The kind of value, in words ("a date or a date-time", "one of: low,
    /// medium, high").
    pub value: fn() -> String,
    /// An example value as written in TOML (`2023-02-15T10:30:00+01:00`).
    pub example: &'static str,
    /// What it is for, in one line (`insyn new` writes it above the field).
    pub help: &'static str,
    /// A nested table's own fields (`[[updates]]`), when it is one.
    pub table: Option<&'static TableDoc>,
}

/// A table of the format and its fields, in the order of the format.
#[derive(Debug, Clone, Copy)]
pub struct TableDoc {
    /// How the docs name it ("record", "\[\[recommendations\]\]").
    pub name: &'static str,
    /// Its fields.
    pub fields: &'static [FieldDoc],
    /// The keys of its fields, in order (what [`Fields::new`] takes).
    pub keys: &'static [&'static str],
}

impl TableDoc {
    /// The field with `key`.
    pub fn field(&self, key: &str) -> Option<&'static FieldDoc> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The kind of a field that is an array of tables (`[[updates]]`).
pub const KIND_TABLES: &str = "sections, each starting with [[…]]";

/// The kind of a field that is a table (`[figures]`).
pub const KIND_TABLE: &str = "a section starting with […]";

/// A type a field of the format can have: how it is read from a table and
/// how the docs name it.
pub trait FieldValue: Sized {
    /// The kind of value, in words.
    fn kind() -> String;

    /// Reads field `key` when it is there; reports a value of the wrong
    /// type or outside its list and gives `None` then.
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self>;

    /// Whether a required value is empty (an empty title is as good as a
    /// missing one).
    fn is_empty(&self) -> bool {
        false
    }
}

impl FieldValue for Spanned<String> {
    fn kind() -> String {
        "text".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.string(key)
    }
    fn is_empty(&self) -> bool {
        self.value.trim().is_empty()
    }
}

impl FieldValue for String {
    fn kind() -> String {
        "text".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.string(key).map(|s| s.value)
    }
    fn is_empty(&self) -> bool {
        self.trim().is_empty()
    }
}

impl FieldValue for bool {
    fn kind() -> String {
        "true or false".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.boolean(key)
    }
}

impl FieldValue for i64 {
    fn kind() -> String {
        "a whole number".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.integer(key).map(|n| n.value)
    }
}

impl FieldValue for Spanned<u64> {
    fn kind() -> String {
        "a count (0 or more)".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.count(key)
    }
}

impl FieldValue for Spanned<Date> {
    fn kind() -> String {
        "a date".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.date(key)
    }
}

impl FieldValue for Spanned<Moment> {
    fn kind() -> String {
        "a date or a date-time with its UTC offset".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.moment(key)
    }
}

impl FieldValue for Vec<String> {
    fn kind() -> String {
        "a list of text".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.has(key).then(|| f.string_list(key).into_iter().map(|s| s.value).collect())
    }
}

impl FieldValue for Vec<Spanned<String>> {
    fn kind() -> String {
        "a list of text".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.has(key).then(|| f.string_list(key))
    }
}

/// A table another command reads itself (`[import]`, which `insyn import`
/// checks): known to the format, its contents not read here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadElsewhere {
    /// Where the table is.
    pub span: std::ops::Range<usize>,
}

impl FieldValue for ReadElsewhere {
    fn kind() -> String {
        "a table".to_string()
    }
    fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
        f.table(key).map(|(_, span)| ReadElsewhere { span })
    }
}

/// "one of: low, medium, high".
fn one_of<W: Word>() -> String {
    format!("one of: {}", W::keys().join(", "))
}

/// The closed lists of [`crate::vocab`] as field values: one of their words.
macro_rules! word_fields {
    ($($word:ty),* $(,)?) => {$(
        impl FieldValue for $word {
            fn kind() -> String {
                one_of::<$word>()
            }
            fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
                f.word::<$word>(key).map(|w| w.value)
            }
        }

        impl FieldValue for Vec<Spanned<$word>> {
            fn kind() -> String {
                format!("a list of words, each {}", one_of::<$word>())
            }
            fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
                f.has(key).then(|| f.word_list::<$word>(key))
            }
        }

        impl FieldValue for Spanned<$word> {
            fn kind() -> String {
                one_of::<$word>()
            }
            fn read(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<Self> {
                f.word::<$word>(key)
            }
        }
    )*};
}

word_fields!(
    crate::vocab::Kind,
    crate::vocab::Status,
    crate::vocab::Severity,
    crate::vocab::Tier,
    crate::vocab::Language,
    crate::vocab::Licence,
    crate::vocab::Stage,
    crate::vocab::RecommendationStatus,
);

/// A table declared with `declare_table!`: read from a nested table
/// (`[figures]`) or an array of tables (`[[updates]]`).
pub trait Table: Sized {
    /// Its fields.
    const DOC: &'static TableDoc;

    /// Reads it from `f`, which was opened on its table.
    fn from_table(f: &mut Fields<'_, '_, '_>) -> Option<Self>;
}

/// Reads a required field: reports it missing (with `example_line`) or
/// empty; `None` then.
pub fn required<T: FieldValue>(f: &mut Fields<'_, '_, '_>, key: &str, example_line: &str) -> Option<T> {
    let present = f.has(key);
    let value = T::read(f, key);
    if !present {
        f.missing(key, example_line);
    }
    match value {
        Some(v) if v.is_empty() => {
            f.empty(key, example_line);
            None
        }
        other => other,
    }
}

/// Reads an array of declared tables (`[[updates]]`); every entry that
/// reads is kept, in order.
pub fn tables<T: Table>(f: &mut Fields<'_, '_, '_>, key: &str) -> Vec<T> {
    let base = f.base();
    let file = f.file();
    let found = f.tables(key);
    let mut out = Vec::with_capacity(found.len());
    for (table, span) in found {
        let mut inner = f.nested(file, table, base, span.start..span.start, T::DOC.keys);
        if let Some(t) = T::from_table(&mut inner) {
            out.push(t);
        }
        inner.finish();
    }
    out
}

/// Reads a nested declared table (`[figures]`), when it is there.
pub fn table<T: Table>(f: &mut Fields<'_, '_, '_>, key: &str) -> Option<T> {
    let base = f.base();
    let file = f.file();
    let (table, span) = f.table(key)?;
    let mut inner = f.nested(file, table, base, span, T::DOC.keys);
    let out = T::from_table(&mut inner);
    inner.finish();
    out
}

/// A field's help line from its doc comment, whose lines `concat!` joins
/// (each `///` line's text starts with the space after the slashes).
pub const fn help_line(doc: &'static str) -> &'static str {
    match doc.as_bytes() {
        [b' ', rest @ ..] => match std::str::from_utf8(rest) {
            Ok(line) => line,
            Err(_) => doc,
        },
        _ => doc,
    }
}

/// Declares the tables of the content format that one file of this folder
/// reads (each file has one `declare_table!` block): for each, the struct,
/// its [`TableDoc`] and its reader, and, when all its members come from the
/// table, the [`Table`] impl that lets another table nest it (`[figures]`,
/// `[[updates]]`). Each field is its help line as a doc comment (what
/// `insyn new` writes above the field and the docs list; one line, however
/// many `///` lines it is wrapped over), then one of
///
/// - `name: Type = required { example [, missing] }`: the struct holds
///   `Type`; a missing field is an error whose help line is `missing`
///   (default: `name = example`);
/// - `name: Option<Type> = optional { example, absent }`: `absent` says
///   what it means when left out;
/// - `name: Type = default(expr) { example, absent }`;
/// - `name: Vec<Type> = tables { absent }` (`[[name]]`) and
///   `name: Type = table { absent }` (`[name]`, its default when left
///   out): nested declared tables.
///
/// The key in the file is the field's name. A field whose key is not a
/// Rust name, or would read badly as one, says it first: `key: "ref",`
/// (as serde's `rename`).
///
/// Members that do not come from the table (the body of a Markdown file)
/// are listed first, in `@extra { … }`; the reader takes them as
/// arguments, in order. A table that is a file of its own (`period.toml`, a
/// record) says so, `as "period.toml" in its own file`, and has its `id`
/// and `file` as the first two of them.
macro_rules! declare_table {
    (
        $(
            $(#[$meta:meta])*
            pub struct $name:ident as $doc_name:literal $( $place:ident )* { $( $body:tt )* }
        )+
    ) => {$(
        $crate::content::schema::declare_table! {
            @table [$(#[$meta])*] $name $doc_name [$( $place )*] { $( $body )* }
        }
    )+};

    // A table in its own file: its id and file come first.
    (@table [$( $meta:tt )*] $name:ident $doc_name:literal [in its own file] {
        @extra { $( $extra:tt )* }
        $( $fields:tt )*
    }) => {
        $crate::content::schema::declare_table! {
            @table [$( $meta )*] $name $doc_name [] {
                @extra {
                    /// Its id: its file's name without the extension (a
                    /// period's: its folder's name), which its URL is made of.
                    pub id: String,
                    /// The file it was read from, relative to the site's root.
                    pub file: std::path::PathBuf,
                    $( $extra )*
                }
                $( $fields )*
            }
        }
    };
    (@table [$( $meta:tt )*] $name:ident $doc_name:literal [in its own file] { $( $fields:tt )* }) => {
        $crate::content::schema::declare_table! {
            @table [$( $meta )*] $name $doc_name [in its own file] { @extra {} $( $fields )* }
        }
    };
    // Members from elsewhere: read with them as arguments, never nested.
    (@table [$( $meta:tt )*] $name:ident $doc_name:literal [] { @extra $( $rest:tt )* }) => {
        $crate::content::schema::declare_table! { @define [$( $meta )*] $name $doc_name { @extra $( $rest )* } }
    };
    // Everything from the table: it can also be nested (`[figures]`, `[[updates]]`).
    (@table [$( $meta:tt )*] $name:ident $doc_name:literal [] { $( $fields:tt )* }) => {
        $crate::content::schema::declare_table! { @define [$( $meta )*] $name $doc_name { $( $fields )* } }

        impl $crate::content::schema::Table for $name {
            const DOC: &'static $crate::content::schema::TableDoc = <$name>::DOC;

            fn from_table(f: &mut $crate::content::fields::Fields<'_, '_, '_>) -> Option<Self> {
                <$name>::from_fields(f)
            }
        }
    };

    (@define [$( $meta:tt )*] $name:ident $doc_name:literal {
            $( @extra { $( $(#[$emeta:meta])* $evis:vis $ename:ident : $ety:ty ),* $(,)? } )?
            $(
                $(#[doc = $help:literal])+
                $field:ident : $fty:ty = $mode:ident $( ( $default:expr ) )? {
                    $( key: $key:literal $(,)? )?
                    $( example: $example:literal $(,)? )?
                    $( absent: $absent:literal $(,)? )?
                    $( missing: $missing:literal $(,)? )?
                }
            ),* $(,)?
    }) => {
        $( $meta )*
        #[derive(Debug, Clone)]
        // The fields' docs are the editors' help lines, plain text, where
        // `[[areas]]` is a TOML section and not a link.
        #[allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        pub struct $name {
            $( $( $(#[$emeta])* $evis $ename: $ety, )* )?
            $( $(#[doc = $help])+ pub $field: $fty, )*
        }

        impl $name {
            /// The fields of this table, as the docs and `insyn new` show them.
            pub const DOC: &'static $crate::content::schema::TableDoc = &$crate::content::schema::TableDoc {
                name: $doc_name,
                fields: &[$(
                    $crate::content::schema::FieldDoc {
                        key: $crate::content::schema::declare_table!(@key $field $( $key )?),
                        presence: $crate::content::schema::declare_table!(@presence $mode $( $absent )?),
                        value: $crate::content::schema::declare_table!(@kind $mode $fty),
                        example: $crate::content::schema::declare_table!(@example $( $example )?),
                        help: $crate::content::schema::help_line(concat!($($help),+)),
                        table: $crate::content::schema::declare_table!(@nested $mode $fty),
                    }
                ),*],
                keys: &[$( $crate::content::schema::declare_table!(@key $field $( $key )?) ),*],
            };

            /// Reads the table from `f` (opened with the keys of [`Self::DOC`]);
            /// the members that do not come from the table are given.
            /// `None` when a required field is missing or unreadable (every
            /// problem is reported).
            #[allow(clippy::too_many_arguments)]
            pub fn from_fields(
                f: &mut $crate::content::fields::Fields<'_, '_, '_>,
                $( $( $ename: $ety, )* )?
            ) -> Option<Self> {
                $( let $field = $crate::content::schema::declare_table!(
                    @read f, $mode $( ($default) )?, $fty,
                    $crate::content::schema::declare_table!(@key $field $( $key )?) $(, $example)? $(, missing $missing)?
                ); )*
                Some($name {
                    $( $( $ename, )* )?
                    $( $field: $crate::content::schema::declare_table!(@take $mode, $field), )*
                })
            }
        }
    };

    (@key $field:ident $key:literal) => { $key };
    (@key $field:ident) => { stringify!($field) };

    (@presence required) => { $crate::content::schema::Presence::Required };
    (@presence $mode:ident $absent:literal) => { $crate::content::schema::Presence::Optional($absent) };
    (@presence $mode:ident) => { $crate::content::schema::Presence::Optional("") };

    (@kind required $t:ty) => { <$t as $crate::content::schema::FieldValue>::kind };
    (@kind optional $t:ty) => { <<$t as $crate::content::schema::Inner>::Of as $crate::content::schema::FieldValue>::kind };
    (@kind default $t:ty) => { <$t as $crate::content::schema::FieldValue>::kind };
    (@kind tables $t:ty) => { || $crate::content::schema::KIND_TABLES.to_string() };
    (@kind table $t:ty) => { || $crate::content::schema::KIND_TABLE.to_string() };

    (@example $example:literal) => { $example };
    (@example) => { "" };

    (@nested tables $t:ty) => { Some(<<$t as $crate::content::schema::Inner>::Of as $crate::content::schema::Table>::DOC) };
    (@nested table $t:ty) => { Some(<$t as $crate::content::schema::Table>::DOC) };
    (@nested $mode:ident $t:ty) => { None };

    (@read $f:ident, required, $t:ty, $key:expr, $example:literal, missing $missing:literal) => {
        $crate::content::schema::required::<$t>($f, $key, $missing)
    };
    (@read $f:ident, required, $t:ty, $key:expr, $example:literal) => {
        $crate::content::schema::required::<$t>($f, $key, concat!($key, " = ", $example))
    };
    (@read $f:ident, optional, $t:ty, $key:expr $(, $example:literal)?) => {
        <<$t as $crate::content::schema::Inner>::Of as $crate::content::schema::FieldValue>::read($f, $key)
    };
    (@read $f:ident, default ($default:expr), $t:ty, $key:expr $(, $example:literal)?) => {
        <$t as $crate::content::schema::FieldValue>::read($f, $key).unwrap_or_else(|| $default)
    };
    (@read $f:ident, tables, $t:ty, $key:expr $(, $example:literal)?) => {
        $crate::content::schema::tables::<<$t as $crate::content::schema::Inner>::Of>($f, $key)
    };
    (@read $f:ident, table, $t:ty, $key:expr $(, $example:literal)?) => {
        $crate::content::schema::table::<$t>($f, $key).unwrap_or_default()
    };

    (@take required, $field:ident) => { $field? };
    (@take $mode:ident, $field:ident) => { $field };
}

pub(crate) use declare_table;

/// What an `Option<T>` or `Vec<T>` holds, for the declarations of optional
/// fields and nested tables.
pub trait Inner {
    /// The `T`.
    type Of;
}

impl<T> Inner for Option<T> {
    type Of = T;
}

impl<T> Inner for Vec<T> {
    type Of = T;
}
