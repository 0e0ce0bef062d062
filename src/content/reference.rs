//! The field reference in the docs, written from the tables' declarations
//! (`tests/docs.rs` keeps the README's copy equal to it).

use super::schema::{FieldDoc, Presence, TableDoc};
use super::{Page, Period, Record, Service, site_config::SiteFile};

/// Every file of the format: a heading, where it lives, and its table.
const FILES: &[(&str, &str, &TableDoc)] = &[
    ("`site.toml`", "The site's settings, at the site root", SiteFile::DOC),
    ("A service", "`content/services/<service-id>.toml`", Service::DOC),
    ("A period", "`content/periods/<period-id>/period.toml`", Period::DOC),
    (
        "A record",
        "`content/periods/<period-id>/<record-id>.md`, in the front matter between the `+++` lines",
        Record::DOC,
    ),
    ("A page", "`content/pages/<page-id>.md`, in the front matter", Page::DOC),
];

/// The whole reference, as Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    for (title, place, doc) in FILES {
        out.push_str(&format!("#### {title}\n\n{place}.\n\n"));
        table(&mut out, doc, "");
    }
    out
}

/// One table's fields, then each nested table's (`[[updates]]`) after it.
fn table(out: &mut String, doc: &TableDoc, path: &str) {
    out.push_str("| field | | value | what it is |\n|---|---|---|---|\n");
    for field in doc.fields {
        out.push_str(&row(field));
    }
    out.push('\n');
    for field in doc.fields.iter().filter(|f| f.table.is_some()) {
        let Some(nested) = field.table else { continue };
        let inner = if path.is_empty() { field.key.to_string() } else { format!("{path}.{}", field.key) };
        let header =
            if (field.value)() == super::schema::KIND_TABLES { format!("[[{inner}]]") } else { format!("[{inner}]") };
        let intro = if (field.value)() == super::schema::KIND_TABLES { "Each" } else { "The" };
        out.push_str(&format!("{intro} `{header}`:\n\n"));
        table(out, nested, &inner);
    }
}

fn row(field: &FieldDoc) -> String {
    let presence = match field.presence {
        Presence::Required => "required".to_string(),
        Presence::Optional("") => "optional".to_string(),
        Presence::Optional(absent) => format!("optional; default: {absent}"),
    };
    let value = if field.example.is_empty() {
        (field.value)()
    } else {
        format!("{}, e.g. `{}`", (field.value)(), field.example.replace('|', "\\|"))
    };
    format!("| `{}` | {presence} | {value} | {} |\n", field.key, field.help.replace('|', "\\|"))
}
