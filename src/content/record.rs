//! `content/periods/<period>/<id>.md`: a deviation record, declared once.

use std::path::Path;

use crate::content::fields::Fields;
use crate::content::frontmatter::Split;
use crate::content::schema::declare_table;
use crate::content::spanned::Spanned;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::time::Moment;
use crate::vocab::{Kind, Severity, Stage, Status};

declare_table! {
    /// One deviation record: its front matter, and what its file gives.
    pub struct Record as "record" in its own file {
        @extra {
            /// The period folder it is in.
            pub period: String,
            /// Markdown body.
            pub body: String,
            /// Byte offset of the body in the file.
            pub body_offset: usize,
        }
        /// The heading readers see.
        title: String = required { example: "\"Ingen kontakt med produktionsdatabasen\"" },
        /// One of: incident, major-incident, personal-data-incident, quality-deficiency, unmet-need.
        kind: Kind = required {
            example: "\"incident\"",
            missing: "kind = \"incident\" (or major-incident, personal-data-incident, quality-deficiency, unmet-need)",
        },
        /// The service it concerns: a file name in content/services/, without .toml.
        service: Spanned<String> = required {
            example: "\"agresso\"",
            missing: "service = \"agresso\" (a file name in content/services/, without .toml)",
        },
        /// When it began or was found: a date, or a date-time with its UTC offset (2023-02-14T08:10:00+01:00).
        date: Spanned<Moment> = required {
            example: "2023-02-14",
            missing: "date = 2023-02-14 (when it began or was found)",
        },
        /// When it was resolved (a date or a date-time, as for date); leave it out while it is still open.
        resolved: Option<Spanned<Moment>> = optional { example: "2023-02-15", absent: "still open" },
        /// open, in-progress or resolved; default: resolved when `resolved` is set, otherwise open.
        status_written: Option<Spanned<Status>> = optional {
            key: "status",
            example: "\"in-progress\"",
            absent: "resolved when `resolved` is set, otherwise open",
        },
        /// How serious it was: low, medium or high (liten, medel, stor).
        severity: Option<Severity> = optional { example: "\"medium\"", absent: "not assessed" },
        /// The supplier, when it is not the service's own; default: the service's supplier.
        supplier: Option<String> = optional { example: "\"…\"", absent: "the service's supplier" },
        /// Actions taken, one string each (inline Markdown).
        actions: Vec<String> = default(Vec::new()) { example: "[\"…\", \"…\"]", absent: "none" },
        /// Ids of related records (their file names without .md); the pages link to each other.
        related: Vec<Spanned<String>> = default(Vec::new()) { example: "[\"…\"]", absent: "none" },
        /// For personal-data incidents: whether it was reported to the data protection authority (IMY).
        reported_to_authority: Option<bool> = optional {
            example: "true",
            absent: "not said (true when [[reports]] are given)",
        },
        /// A draft is never published; insyn serve --drafts and insyn build --drafts show it.
        draft: bool = default(false) { example: "true", absent: "false" },
        /// Earlier addresses of this record, from the site root, that must keep working.
        aliases: Vec<Spanned<String>> = default(Vec::new()) { example: "[\"/old/address/\"]", absent: "none" },
        /// When the organisation became aware of it, if later than date; deadlines for reports to authorities count
        /// from here.
        detected: Option<Spanned<Moment>> = optional {
            example: "2023-02-14T08:20:00+01:00",
            absent: "the same as date",
        },
        /// Its id in the incident-management system (unique across the site).
        reference: Option<Spanned<String>> = optional { key: "ref", example: "\"INC0012345\"", absent: "none" },
        /// The record's timeline, oldest first: one [[updates]] section per step.
        updates: Vec<RecordUpdate> = tables { absent: "no timeline" },
        /// Reports made to a supervisory authority: one [[reports]] section per report.
        reports: Vec<Report> = tables { absent: "none (or not known)" },
    }

    /// One step of a record's timeline (`[[updates]]`).
    pub struct RecordUpdate as "[[updates]]" {
        /// When: a date or a date-time with its UTC offset, not before the record's date.
        date: Spanned<Moment> = required { example: "2023-02-14T09:00:00+01:00" },
        /// The status from this moment: open, in-progress or resolved.
        status: Option<Spanned<Status>> = optional { example: "\"in-progress\"", absent: "unchanged" },
        /// What happened (inline Markdown).
        text: String = required { example: "\"Leverantören har hittat orsaken.\"" },
    }

    /// A report made to a supervisory authority (`[[reports]]`).
    pub struct Report as "[[reports]]" {
        /// The authority: an id from [[authorities]] in site.toml (imy is built in).
        authority: Spanned<String> = required { example: "\"imy\"" },
        /// early-warning, notification or final.
        stage: Option<Spanned<Stage>> = optional { example: "\"notification\"", absent: "notification" },
        /// When the report was submitted: a date or a date-time with its UTC offset.
        date: Spanned<Moment> = required { example: "2023-02-16T10:00:00+01:00" },
    }
}

/// Reads one record from its split file.
pub fn read(id: &str, period: &str, file: &Path, split: &Split<'_>, diags: &mut Diagnostics) -> Option<Record> {
    let table = toml_file::parse(file, split.front, split.front_offset, diags)?;
    let mut f = Fields::new(file, &table, split.front_offset, 0..3, Record::DOC.keys, diags);
    let record = Record::from_fields(
        &mut f,
        id.to_string(),
        file.to_path_buf(),
        period.to_string(),
        split.body.to_string(),
        split.body_offset,
    );
    f.finish();
    record
}
