//! Reading `content/periods/<period>/<id>.md`: a deviation record.

use std::path::Path;

use crate::content::fields::Fields;
use crate::content::frontmatter::Split;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::model::entities::{Kind, Record, Severity, Status};

const FIELDS: &[&str] = &[
    "title",
    "kind",
    "service",
    "date",
    "resolved",
    "status",
    "severity",
    "supplier",
    "actions",
    "related",
    "reported_to_authority",
    "draft",
    "aliases",
    "ref",
];

/// The words `kind` accepts.
pub const KINDS: &[(&str, Kind)] = &[
    ("incident", Kind::Incident),
    ("major-incident", Kind::MajorIncident),
    ("personal-data-incident", Kind::PersonalDataIncident),
    ("quality-deficiency", Kind::QualityDeficiency),
    ("unmet-need", Kind::UnmetNeed),
];

/// The words `status` accepts.
pub const STATUSES: &[(&str, Status)] =
    &[("open", Status::Open), ("in-progress", Status::InProgress), ("resolved", Status::Resolved)];

/// The words `severity` accepts.
pub const SEVERITIES: &[(&str, Severity)] =
    &[("low", Severity::Low), ("medium", Severity::Medium), ("high", Severity::High)];

/// Reads one record from its split file.
pub fn read(id: &str, period: &str, file: &Path, split: &Split<'_>, diags: &mut Diagnostics) -> Option<Record> {
    let table = toml_file::parse(file, split.front, split.front_offset, diags)?;
    let opening = 0..3;
    let mut f = Fields::new(file, &table, split.front_offset, opening, FIELDS, diags);
    let title = f.required_string("title", "title = \"Ingen kontakt med produktionsdatabasen\"");
    let has_kind = f.has("kind");
    let kind = f.choice("kind", KINDS);
    if !has_kind {
        f.missing(
            "kind",
            "kind = \"incident\" (or major-incident, personal-data-incident, quality-deficiency, unmet-need)",
        );
    }
    let service =
        f.required_string("service", "service = \"agresso\" (a file name in content/services/, without .toml)");
    let has_date = f.has("date");
    let date = f.moment("date");
    if !has_date {
        f.missing("date", "date = 2023-02-14 (when it began or was found)");
    }
    let resolved = f.moment("resolved");
    let status_written = f.choice("status", STATUSES);
    let severity = f.choice("severity", SEVERITIES).map(|s| s.value);
    let supplier = f.string("supplier").map(|s| s.value);
    let actions = f.string_list("actions").into_iter().map(|s| s.value).collect();
    let related = f.string_list("related");
    let reported_to_authority = f.boolean("reported_to_authority");
    let draft = f.boolean("draft").unwrap_or(false);
    let aliases = f.string_list("aliases");
    let reference = f.string("ref");
    f.finish();
    Some(Record {
        id: id.to_string(),
        file: file.to_path_buf(),
        period: period.to_string(),
        title: title?.value,
        kind: kind?.value,
        service: service?,
        date: date?,
        resolved,
        status_written,
        severity,
        supplier,
        actions,
        related,
        reported_to_authority,
        draft,
        aliases,
        reference,
        body: split.body.to_string(),
        body_offset: split.body_offset,
    })
}
