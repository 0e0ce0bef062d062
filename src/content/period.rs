//! Reading `content/periods/<id>/period.toml`.

use std::path::Path;

use crate::content::entities::{Figures, Period, Recommendation};
use crate::content::fields::Fields;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;

const FIELDS: &[&str] = &["label", "start", "end", "compare_with", "summary", "figures", "recommendations"];
const FIGURE_FIELDS: &[&str] = &["incidents", "major_incidents", "personal_data_incidents"];
const RECOMMENDATION_FIELDS: &[&str] = &["title", "service", "text"];

/// Reads one period file.
pub fn read(id: &str, file: &Path, text: &str, diags: &mut Diagnostics) -> Option<Period> {
    let table = toml_file::parse(file, text, 0, diags)?;
    let mut f = Fields::new(file, &table, 0, 0..0, FIELDS, diags);
    let label = f.required_string("label", "label = \"Kvartal 1 2023\"");
    let has_start = f.has("start");
    let has_end = f.has("end");
    let start = f.date("start");
    let end = f.date("end");
    if !has_start {
        f.missing("start", "start = 2023-01-01");
    }
    if !has_end {
        f.missing("end", "end = 2023-03-31");
    }
    let compare_with = f.string("compare_with");
    let summary = f.string("summary").map(|s| s.value);
    let figures_table = f.table("figures");
    let recommendation_tables = f.tables("recommendations");
    let base = f.base();
    f.finish();

    let mut figures = Figures::default();
    if let Some((t, span)) = figures_table {
        let mut ff = Fields::new(file, t, base, span, FIGURE_FIELDS, diags);
        figures.incidents = ff.count("incidents");
        figures.major_incidents = ff.count("major_incidents");
        figures.personal_data_incidents = ff.count("personal_data_incidents");
        ff.finish();
    }

    let mut recommendations = Vec::new();
    for (t, span) in recommendation_tables {
        let mut rf = Fields::new(file, t, base, span.start..span.start, RECOMMENDATION_FIELDS, diags);
        let title = rf.required_string("title", "title = \"Minne\"");
        let service = rf.string("service");
        let text = rf.required_string("text", "text = \"Utöka minnet på servrarna.\"");
        rf.finish();
        if let (Some(title), Some(text)) = (title, text) {
            recommendations.push(Recommendation { title: title.value, service, text: text.value });
        }
    }

    Some(Period {
        id: id.to_string(),
        file: file.to_path_buf(),
        label: label?.value,
        start: start?,
        end: end?,
        compare_with,
        summary,
        figures,
        recommendations,
    })
}
