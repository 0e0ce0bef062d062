//! `content/periods/<period>/<id>.md`: a deviation record, declared once.

use std::path::{Path, PathBuf};

use crate::content::fields::Fields;
use crate::content::frontmatter::Split;
use crate::content::schema::{declare_table, nested_table};
use crate::content::spanned::Spanned;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::time::Moment;
use crate::vocab::{Kind, Severity, Stage, Status};

declare_table! {
    /// One deviation record: its front matter, and what its file gives.
    pub struct Record as "record" {
        @extra {
            /// Id from the file name; unique across the site.
            pub id: String,
            /// Source file, relative to the root.
            pub file: PathBuf,
            /// The period folder it is in.
            pub period: String,
            /// Markdown body.
            pub body: String,
            /// Byte offset of the body in the file.
            pub body_offset: usize,
        }
        /// Title.
        title: String = required {
            example: "\"Ingen kontakt med produktionsdatabasen\"",
            help: "The heading readers see.",
        },
        /// Kind.
        kind: Kind = required {
            example: "\"incident\"",
            help: "One of: incident, major-incident, personal-data-incident, quality-deficiency, unmet-need.",
            missing: "kind = \"incident\" (or major-incident, personal-data-incident, quality-deficiency, unmet-need)",
        },
        /// Service id.
        service: Spanned<String> = required {
            example: "\"agresso\"",
            help: "The service it concerns: a file name in content/services/, without .toml.",
            missing: "service = \"agresso\" (a file name in content/services/, without .toml)",
        },
        /// When it began or was found.
        date: Spanned<Moment> = required {
            example: "2023-02-14",
            help: "When it began or was found: a date, or a date-time with its UTC offset (2023-02-14T08:10:00+01:00).",
            missing: "date = 2023-02-14 (when it began or was found)",
        },
        /// When it was resolved.
        resolved: Option<Spanned<Moment>> = optional {
            example: "2023-02-15",
            help: "When it was resolved (a date or a date-time, as for date); leave it out while it is still open.",
            absent: "still open",
        },
        /// Status as written, if written.
        status_written: Option<Spanned<Status>> = optional {
            key: "status",
            example: "\"in-progress\"",
            help: "open, in-progress or resolved; default: resolved when `resolved` is set, otherwise open.",
            absent: "resolved when `resolved` is set, otherwise open",
        },
        /// Severity.
        severity: Option<Severity> = optional {
            example: "\"medium\"",
            help: "How serious it was: low, medium or high (liten, medel, stor).",
            absent: "not assessed",
        },
        /// Supplier, when it differs from the service's.
        supplier: Option<String> = optional {
            example: "\"…\"",
            help: "The supplier, when it is not the service's own; default: the service's supplier.",
            absent: "the service's supplier",
        },
        /// Actions taken (inline Markdown).
        actions: Vec<String> = default(Vec::new()) {
            example: "[\"…\", \"…\"]",
            help: "Actions taken, one string each (inline Markdown).",
            absent: "none",
        },
        /// Related record ids.
        related: Vec<Spanned<String>> = default(Vec::new()) {
            example: "[\"…\"]",
            help: "Ids of related records (their file names without .md); the pages link to each other.",
            absent: "none",
        },
        /// Reported to the data protection authority.
        reported_to_authority: Option<bool> = optional {
            example: "true",
            help: "For personal-data incidents: whether it was reported to the data protection authority (IMY).",
            absent: "not said (true when [[reports]] are given)",
        },
        /// A draft is not published.
        draft: bool = default(false) {
            example: "true",
            help: "A draft is never published; insyn serve --drafts and insyn build --drafts show it.",
            absent: "false",
        },
        /// Earlier URL paths that must keep working.
        aliases: Vec<Spanned<String>> = default(Vec::new()) {
            example: "[\"/old/address/\"]",
            help: "Earlier addresses of this record, from the site root, that must keep working.",
            absent: "none",
        },
        /// When the organisation became aware of it.
        detected: Option<Spanned<Moment>> = optional {
            example: "2023-02-14T08:20:00+01:00",
            help: "When the organisation became aware of it, if later than date; deadlines for reports to authorities count from here.",
            absent: "the same as date",
        },
        /// Its id in the incident-management system.
        reference: Option<Spanned<String>> = optional {
            key: "ref",
            example: "\"INC0012345\"",
            help: "Its id in the incident-management system (unique across the site).",
            absent: "none",
        },
        /// The record's timeline, oldest first.
        updates: Vec<RecordUpdate> = tables {
            help: "The record's timeline, oldest first: one [[updates]] section per step.",
            absent: "no timeline",
        },
        /// Reports made to supervisory authorities.
        reports: Vec<Report> = tables {
            help: "Reports made to a supervisory authority: one [[reports]] section per report.",
            absent: "none (or not known)",
        },
    }
}

declare_table! {
    /// One step of a record's timeline (`[[updates]]`).
    pub struct RecordUpdate as "[[updates]]" {
        /// When it happened.
        date: Spanned<Moment> = required {
            example: "2023-02-14T09:00:00+01:00",
            help: "When: a date or a date-time with its UTC offset, not before the record's date.",
        },
        /// The record's status from this moment, when it changed.
        status: Option<Spanned<Status>> = optional {
            example: "\"in-progress\"",
            help: "The status from this moment: open, in-progress or resolved.",
            absent: "unchanged",
        },
        /// What happened (inline Markdown).
        text: String = required {
            example: "\"Leverantören har hittat orsaken.\"",
            help: "What happened (inline Markdown).",
        },
    }
}

declare_table! {
    /// A report made to a supervisory authority (`[[reports]]`).
    pub struct Report as "[[reports]]" {
        /// The authority: an `[[authorities]]` id.
        authority: Spanned<String> = required {
            example: "\"imy\"",
            help: "The authority: an id from [[authorities]] in site.toml (imy is built in).",
        },
        /// The stage this report was.
        stage: Option<Spanned<Stage>> = optional {
            example: "\"notification\"",
            help: "early-warning, notification or final.",
            absent: "notification",
        },
        /// When it was submitted.
        date: Spanned<Moment> = required {
            example: "2023-02-16T10:00:00+01:00",
            help: "When the report was submitted: a date or a date-time with its UTC offset.",
        },
    }
}

nested_table!(RecordUpdate, Report);

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
