//! `content/periods/<id>/period.toml`: a reporting period, its figures and
//! its recommendations, declared once.

use std::path::Path;

use crate::content::fields::Fields;
use crate::content::schema::declare_table;
use crate::content::spanned::Spanned;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;
use crate::time::Date;
use crate::vocab::RecommendationStatus;

declare_table! {
    /// One reporting period.
    pub struct Period as "period.toml" in its own file {
        /// What readers see, e.g. "Kvartal 2 2023".
        label: String = required { example: "\"Kvartal 1 2023\"" },
        /// The first day of the period (a TOML date, without quotes).
        start: Spanned<Date> = required { example: "2023-01-01" },
        /// The last day of the period.
        end: Spanned<Date> = required { example: "2023-03-31" },
        /// The period to compare with; default: the one that starts exactly one year earlier, if any.
        compare_with: Option<Spanned<String>> = optional {
            example: "\"2022-q1\"",
            absent: "the period that starts exactly one year earlier, if any",
        },
        /// A summary of the period, shown on its page (Markdown; """ lets it span lines).
        summary: Option<String> = optional { example: "\"\"\"…\"\"\"", absent: "none" },
        /// Counts from the incident-management system.
        figures: Figures = table {
            absent: "incidents unknown; major and personal-data incidents counted from the records",
        },
        /// A recommendation after the period's deviations; repeat the section for each one.
        recommendations: Vec<Recommendation> = tables { absent: "none" },
    }

    /// Counts from the incident-management system (`[figures]`).
    #[derive(Default)]
    pub struct Figures as "[figures]" {
        /// All incidents in the period (most are never written up as records, so the site never counts them).
        incidents: Option<Spanned<u64>> = optional { example: "0", absent: "unknown" },
        /// Major incidents in the period.
        major_incidents: Option<Spanned<u64>> = optional { example: "0", absent: "counted from the period's records" },
        /// Personal-data incidents in the period.
        personal_data_incidents: Option<Spanned<u64>> = optional {
            example: "0",
            absent: "counted from the period's records",
        },
    }

    /// A recommendation made in a period (`[[recommendations]]`).
    pub struct Recommendation as "[[recommendations]]" {
        /// An id to follow it up by, unique within the period (elsewhere it is <period-id>/<id>).
        id: Option<Spanned<String>> = optional {
            example: "\"minne\"",
            absent: "none: it cannot be followed up across periods",
        },
        /// The recommendation's heading.
        title: String = required { example: "\"Minne\"" },
        /// The service it concerns, if one: a service id.
        service: Option<Spanned<String>> = optional { example: "\"…\"", absent: "none" },
        /// What to do, and why (Markdown).
        text: String = required { example: "\"Utöka minnet på servrarna.\"" },
        /// Who is responsible: a unit or a role, never a person's name.
        owner: Option<String> = optional { example: "\"IT-drift, Intraservice\"", absent: "not said" },
        /// When it should be done.
        due: Option<Spanned<Date>> = optional { example: "2023-09-30", absent: "no date" },
        /// proposed, accepted, in-progress, done or rejected; later changes go in [[recommendations.updates]].
        status: Option<Spanned<RecommendationStatus>> = optional { example: "\"accepted\"", absent: "proposed" },
        /// How it went, oldest first: one [[recommendations.updates]] section per step.
        updates: Vec<RecommendationUpdate> = tables { absent: "none" },
    }

    /// One step of a recommendation's follow-up (`[[recommendations.updates]]`).
    pub struct RecommendationUpdate as "[[recommendations.updates]]" {
        /// When (a date).
        date: Spanned<Date> = required { example: "2023-06-15" },
        /// The status from this date.
        status: Option<Spanned<RecommendationStatus>> = optional { example: "\"in-progress\"", absent: "unchanged" },
        /// What happened (inline Markdown).
        text: String = required { example: "\"Minnet utökat på två av fyra servrar.\"" },
    }
}

/// Reads one period file.
pub fn read(id: &str, file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Period> {
    let table = toml_file::parse(file, text, 0, diags)?;
    let mut f = Fields::new(file, &table, 0, 0..0, Period::DOC.keys, diags);
    let period = Period::from_fields(&mut f, id.to_string(), file.to_path_buf());
    f.finish();
    period
}
