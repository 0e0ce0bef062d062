//! Reading `site.toml`.

use std::path::Path;

use crate::content::fields::Fields;
use crate::content::{ids, toml_file};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::entities::{Area, Language, Licence, SiteConfig};

const FIELDS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "organisation",
    "description",
    "theme",
    "current_period",
    "areas",
    "privacy",
    "open_data",
    "import",
];
const AREA_FIELDS: &[&str] = &["id", "name", "description"];
const PRIVACY_FIELDS: &[&str] = &["allow"];
const OPEN_DATA_FIELDS: &[&str] = &["licence", "publisher_id", "contact_url"];

/// Reads `site.toml` from its text. Returns `None` when it is unusable.
pub fn read(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let table = toml_file::parse(file, text, 0, diags)?;
    let mut f = Fields::new(file, &table, 0, 0..0, FIELDS, diags);
    let title = f.required_string("title", "title = \"Kvalitetsavvikelser i gemensamma IT-tjänster\"");
    let base_url = f.required_string("base_url", "base_url = \"https://www.example.se/avvikelser/\"");
    let language =
        f.choice("language", &[("sv", Language::Sv), ("en", Language::En)]).map_or(Language::Sv, |l| l.value);
    let organisation = f.string("organisation").map(|s| s.value);
    let description = f.string("description").map(|s| s.value);
    let theme = f.string("theme");
    let current_period = f.string("current_period");
    let area_tables = f.tables("areas");
    let privacy = f.table("privacy");
    let open_data = f.table("open_data");
    // `[import]` belongs to `insyn import`, which checks it (src/import/mapping.rs).
    let _ = f.table("import");
    let base = f.base();
    f.finish();

    let base_url = base_url.and_then(|u| match normalise_base_url(&u.value) {
        Ok(url) => Some(url),
        Err(help) => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(u.span),
                    format!("`base_url` \"{}\" is not an absolute web address", u.value),
                )
                .with_help(help),
            );
            None
        }
    });

    let theme = match theme {
        Some(t) if !ids::is_valid(&t.value) => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(t.span),
                    format!("`theme` \"{}\" is not a folder name insyn can use", t.value),
                )
                .with_help(ids::help_for(&t.value)),
            );
            None
        }
        Some(t) => Some(t.value),
        None => Some("default".to_string()),
    };

    let mut areas: Vec<Area> = Vec::new();
    if area_tables.is_empty() {
        diags.push(
            Diagnostic::error(file, Some(0..0), "the site has no areas")
                .with_help("add at least one area:\n[[areas]]\nid = \"hr\"\nname = \"HR\""),
        );
    }
    for (table, span) in area_tables {
        let mut af = Fields::new(file, table, base, span.start..span.start, AREA_FIELDS, diags);
        let id = af.required_string("id", "id = \"hr\"");
        let name = af.required_string("name", "name = \"HR\"");
        let description = af.string("description").map(|s| s.value);
        af.finish();
        let (Some(id), Some(name)) = (id, name) else { continue };
        if !ids::is_valid(&id.value) {
            diags.push(
                Diagnostic::error(file, Some(id.span), format!("area id \"{}\" is not a valid id", id.value))
                    .with_help(ids::help_for(&id.value)),
            );
            continue;
        }
        if areas.iter().any(|a| a.id == id.value) {
            diags.push(
                Diagnostic::error(file, Some(id.span), format!("there are two areas with the id \"{}\"", id.value))
                    .with_help("give each area its own id"),
            );
            continue;
        }
        areas.push(Area { id: id.value, name: name.value, description });
    }

    let mut privacy_allow = Vec::new();
    if let Some((table, span)) = privacy {
        let mut pf = Fields::new(file, table, base, span, PRIVACY_FIELDS, diags);
        privacy_allow = pf.string_list("allow").into_iter().map(|s| s.value).collect();
        pf.finish();
    }

    let mut licence = Licence::Cc0;
    let mut publisher_id = None;
    let mut contact_url = None;
    if let Some((table, span)) = open_data {
        let mut of = Fields::new(file, table, base, span, OPEN_DATA_FIELDS, diags);
        if let Some(l) = of.choice("licence", &[("CC0-1.0", Licence::Cc0), ("CC-BY-4.0", Licence::CcBy4)]) {
            licence = l.value;
        }
        let publisher = of.string("publisher_id");
        let contact = of.string("contact_url");
        of.finish();
        if let Some(p) = publisher {
            let digits = p.value.strip_prefix("SE").unwrap_or("");
            if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
                publisher_id = Some(p.value);
            } else {
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(p.span),
                        format!("`publisher_id` \"{}\" is not SE followed by a 10-digit organisation number", p.value),
                    )
                    .with_help("write it without a dash, e.g. publisher_id = \"SE2120001355\""),
                );
            }
        }
        if let Some(c) = contact {
            if c.value.starts_with("https://") || c.value.starts_with("http://") {
                contact_url = Some(c.value);
            } else {
                diags.push(
                    Diagnostic::error(file, Some(c.span), "`contact_url` must be an absolute web address")
                        .with_help("write it in full, e.g. contact_url = \"https://www.example.se/kontakt\""),
                );
            }
        }
    }

    Some(SiteConfig {
        file: file.to_path_buf(),
        title: title?.value,
        base_url: base_url?,
        language,
        organisation,
        description,
        theme: theme?,
        current_period,
        areas,
        privacy_allow,
        licence,
        publisher_id,
        contact_url,
    })
}

/// Checks a base URL and gives it a trailing slash; the error is the help line.
pub fn normalise_base_url(url: &str) -> Result<String, String> {
    let help = "write the full address where the site will be published, e.g. base_url = \"https://www.example.se/avvikelser/\"".to_string();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or_else(|| help.clone())?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
        return Err(help);
    }
    let mut out = url.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}
