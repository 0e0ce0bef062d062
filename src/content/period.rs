//! `content/periods/<id>/period.toml`: a reporting period, its figures and
//! its recommendations, declared once.

use std::path::{Path, PathBuf};

use crate::content::fields::Fields;
use crate::content::schema::{declare_table, nested_table};
use crate::content::spanned::Spanned;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::time::Date;
use crate::vocab::RecommendationStatus;

declare_table! {
    /// One reporting period.
    pub struct Period as "period.toml" {
        @extra {
            /// Id from the folder name.
            pub id: String,
            /// `period.toml`, relative to the root.
            pub file: PathBuf,
        }
        /// Label shown to readers.
        label: String = required {
            example: "\"Kvartal 1 2023\"",
            help: "What readers see, e.g. \"Kvartal 2 2023\".",
        },
        /// First day.
        start: Spanned<Date> = required {
            example: "2023-01-01",
            help: "The first day of the period (a TOML date, without quotes).",
        },
        /// Last day.
        end: Spanned<Date> = required {
            example: "2023-03-31",
            help: "The last day of the period.",
        },
        /// The period to compare with, when set explicitly.
        compare_with: Option<Spanned<String>> = optional {
            example: "\"2022-q1\"",
            help: "The period to compare with; default: the one that starts exactly one year earlier, if any.",
            absent: "the period that starts exactly one year earlier, if any",
        },
        /// Markdown summary.
        summary: Option<String> = optional {
            example: "\"\"\"…\"\"\"",
            help: "A summary of the period, shown on its page (Markdown; \"\"\" lets it span lines).",
            absent: "none",
        },
        /// Official figures.
        figures: Figures = table {
            help: "Counts from the incident-management system.",
            absent: "incidents unknown; major and personal-data incidents counted from the records",
        },
        /// Recommendations.
        recommendations: Vec<Recommendation> = tables {
            help: "A recommendation after the period's deviations; repeat the section for each one.",
            absent: "none",
        },
    }
}

declare_table! {
    /// Counts from the incident-management system (`[figures]`).
    #[derive(Default)]
    pub struct Figures as "[figures]" {
        /// All incidents in the period.
        incidents: Option<Spanned<u64>> = optional {
            example: "0",
            help: "All incidents in the period (most are never written up as records, so the site never counts them).",
            absent: "unknown",
        },
        /// Major incidents in the period.
        major_incidents: Option<Spanned<u64>> = optional {
            example: "0",
            help: "Major incidents in the period.",
            absent: "counted from the period's records",
        },
        /// Personal-data incidents in the period.
        personal_data_incidents: Option<Spanned<u64>> = optional {
            example: "0",
            help: "Personal-data incidents in the period.",
            absent: "counted from the period's records",
        },
    }
}

declare_table! {
    /// A recommendation made in a period (`[[recommendations]]`).
    pub struct Recommendation as "[[recommendations]]" {
        /// Its id, unique within the period.
        id: Option<Spanned<String>> = optional {
            example: "\"minne\"",
            help: "An id to follow it up by, unique within the period (elsewhere it is <period-id>/<id>).",
            absent: "none: it cannot be followed up across periods",
        },
        /// Short title.
        title: String = required {
            example: "\"Minne\"",
            help: "The recommendation's heading.",
        },
        /// The service it concerns, if any.
        service: Option<Spanned<String>> = optional {
            example: "\"…\"",
            help: "The service it concerns, if one: a service id.",
            absent: "none",
        },
        /// Markdown text.
        text: String = required {
            example: "\"Utöka minnet på servrarna.\"",
            help: "What to do, and why (Markdown).",
        },
        /// Who is responsible: a unit or role.
        owner: Option<String> = optional {
            example: "\"IT-drift, Intraservice\"",
            help: "Who is responsible: a unit or a role, never a person's name.",
            absent: "not said",
        },
        /// When it should be done.
        due: Option<Spanned<Date>> = optional {
            example: "2023-09-30",
            help: "When it should be done.",
            absent: "no date",
        },
        /// Its status as first written.
        status: Option<Spanned<RecommendationStatus>> = optional {
            example: "\"accepted\"",
            help: "proposed, accepted, in-progress, done or rejected; later changes go in [[recommendations.updates]].",
            absent: "proposed",
        },
        /// How it went, oldest first.
        updates: Vec<RecommendationUpdate> = tables {
            help: "How it went, oldest first: one [[recommendations.updates]] section per step.",
            absent: "none",
        },
    }
}

declare_table! {
    /// One step of a recommendation's follow-up (`[[recommendations.updates]]`).
    pub struct RecommendationUpdate as "[[recommendations.updates]]" {
        /// When.
        date: Spanned<Date> = required {
            example: "2023-06-15",
            help: "When (a date).",
        },
        /// The status from this date, when it changed.
        status: Option<Spanned<RecommendationStatus>> = optional {
            example: "\"in-progress\"",
            help: "The status from this date.",
            absent: "unchanged",
        },
        /// What happened (inline Markdown).
        text: String = required {
            example: "\"Minnet utökat på två av fyra servrar.\"",
            help: "What happened (inline Markdown).",
        },
    }
}

nested_table!(Figures, Recommendation, RecommendationUpdate);

/// Reads one period file.
pub fn read(id: &str, file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Period> {
    let table = toml_file::parse(file, text, 0, diags)?;
    let mut f = Fields::new(file, &table, 0, 0..0, Period::DOC.keys, diags);
    let period = Period::from_fields(&mut f, id.to_string(), file.to_path_buf());
    f.finish();
    period
}
