//! The text of a new file, written from its table's declaration: every
//! field of the format in the format's order, each with its one-line help
//! above it; the values given are filled in, the others are comments with
//! an example value, so that the editor fills in a form.

use crate::content::schema::{FieldDoc, KIND_TABLES, TableDoc};

/// The line under every file's first line: how the commented fields work.
pub const HEADER: &str = "# Optional fields are commented out: remove the # in front of one to use it.\n";

/// What goes into a new file besides the declaration's examples.
#[derive(Debug, Clone, Default)]
pub struct Fill {
    /// Fields written out, uncommented: key and TOML value.
    pub values: Vec<(&'static str, String)>,
    /// Examples that fit this file better than the declaration's (a
    /// `resolved` on the record's own date): key and TOML value.
    pub examples: Vec<(&'static str, String)>,
    /// Extra comment lines above a field (a deadline worked out for this
    /// record): key and the lines, without `# `.
    pub notes: Vec<(&'static str, Vec<String>)>,
}

impl Fill {
    /// A field written out.
    pub fn value(mut self, key: &'static str, toml: String) -> Fill {
        self.values.push((key, toml));
        self
    }

    /// A better example for a field that stays commented.
    pub fn example(mut self, key: &'static str, toml: String) -> Fill {
        self.examples.push((key, toml));
        self
    }

    /// Comment lines above a field.
    pub fn note(mut self, key: &'static str, lines: Vec<String>) -> Fill {
        self.notes.push((key, lines));
        self
    }

    fn get<'a>(list: &'a [(&'static str, String)], key: &str) -> Option<&'a str> {
        list.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }
}

/// Writes every field of `doc` to `out`. Nested tables (`[figures]`,
/// `[[updates]]`) come after the plain fields, as commented sections with
/// their own fields, so that uncommenting everything still gives valid TOML.
pub fn write_fields(out: &mut String, doc: &TableDoc, fill: &Fill) {
    let (plain, nested): (Vec<&FieldDoc>, Vec<&FieldDoc>) = doc.fields.iter().partition(|f| f.table.is_none());
    for field in plain {
        write_field(out, field, fill, "");
    }
    for field in nested {
        write_section(out, field, fill, field.key);
    }
}

/// A field's help and the notes the scaffold adds for it, as comments.
fn write_help(out: &mut String, field: &FieldDoc, fill: &Fill) {
    out.push_str("# ");
    out.push_str(field.help);
    out.push('\n');
    if let Some((_, lines)) = fill.notes.iter().find(|(k, _)| *k == field.key) {
        for line in lines {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
}

/// One plain field; `prefix` comments it out (inside a commented section).
fn write_field(out: &mut String, field: &FieldDoc, fill: &Fill, prefix: &str) {
    write_help(out, field, fill);
    match Fill::get(&fill.values, field.key) {
        Some(value) if prefix.is_empty() => {
            out.push_str(field.key);
            out.push_str(" = ");
            out.push_str(value);
        }
        given => {
            let example = given.or_else(|| Fill::get(&fill.examples, field.key)).unwrap_or(field.example);
            out.push_str("# ");
            out.push_str(field.key);
            out.push_str(" = ");
            out.push_str(example);
        }
    }
    out.push('\n');
}

/// A nested table as a commented section: its help, its header and its
/// fields; a table nested in it follows with its dotted path
/// (`[[recommendations.updates]]`).
fn write_section(out: &mut String, field: &FieldDoc, fill: &Fill, path: &str) {
    let Some(table) = field.table else { return };
    let many = (field.value)() == KIND_TABLES;
    out.push('\n');
    write_help(out, field, fill);
    out.push_str(if many { "# [[" } else { "# [" });
    out.push_str(path);
    out.push_str(if many { "]]\n" } else { "]\n" });
    let (plain, nested): (Vec<&FieldDoc>, Vec<&FieldDoc>) = table.fields.iter().partition(|f| f.table.is_none());
    for inner in plain {
        write_field(out, inner, &Fill::default(), "#");
    }
    for inner in nested {
        write_section(out, inner, &Fill::default(), &[path, ".", inner.key].concat());
    }
}

/// A TOML basic string with the needed escapes.
pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
