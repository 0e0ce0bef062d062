//! The downloads page: each dataset with its files, their sizes and
//! columns, the licence, and the values of the coded columns.

use serde::Serialize;

use super::dataset::LIST_SEPARATOR;
use super::files::{CATALOG_FILE, ExportSize, Format, catalog_path, export_path};
use super::list::DATASETS;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::theme::I18n;
use crate::vocab::{Kind, Language, Licence, Severity, Status, Tier};

/// A file on the downloads page.
#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    /// The fragment of the distribution's IRI: `records-csv`.
    pub anchor: String,
    /// Path from the site root.
    pub href: String,
    /// File name.
    pub name: String,
    /// "CSV".
    pub format: &'static str,
    /// "text/csv".
    pub media_type: &'static str,
    /// "4,2 kB".
    pub size: String,
    /// Size in bytes.
    pub bytes: usize,
}

/// A dataset on the downloads page.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetView {
    /// `records`: the anchor on the page.
    pub id: &'static str,
    /// Title in the site's language.
    pub title: String,
    /// Description in the site's language.
    pub description: String,
    /// Number of rows.
    pub rows: usize,
    /// "21 rader."
    pub rows_text: String,
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Its files.
    pub files: Vec<FileView>,
}

/// One code (a value of a column) and its label.
#[derive(Debug, Clone, Serialize)]
pub struct Code {
    /// The value as written in the data.
    pub code: &'static str,
    /// Its label in the site's language.
    pub label: String,
}

/// The values a coded column takes.
#[derive(Debug, Clone, Serialize)]
pub struct CodeList {
    /// The column (also the anchor: `#kind`).
    pub column: &'static str,
    /// The values.
    pub codes: Vec<Code>,
}

/// The licence, for readers.
#[derive(Debug, Clone, Serialize)]
pub struct LicenceView {
    /// SPDX id.
    pub spdx: &'static str,
    /// Name in the site's language.
    pub name: String,
    /// Canonical IRI.
    pub iri: &'static str,
    /// The human-readable licence deed.
    pub href: String,
}

/// What the downloads page shows.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadsView {
    /// The licence of the data.
    pub licence: LicenceView,
    /// The datasets.
    pub datasets: Vec<DatasetView>,
    /// The coded columns and their values.
    pub codes: Vec<CodeList>,
    /// The DCAT-AP-SE catalogue, from the site root.
    pub catalog_href: String,
    /// Its file name.
    pub catalog_name: &'static str,
    /// Where reusers ask questions.
    pub contact_url: Option<String>,
    /// The site's Atom feed, from the site root.
    pub feed_href: String,
    /// The list separator in CSV cells.
    pub list_separator: &'static str,
}

/// The licence of the site's data, for readers.
pub fn licence_view(site: &Site, i18n: &I18n) -> LicenceView {
    let l = site.config.licence;
    let (key, deed) = match l {
        Licence::Cc0 => ("licence_cc0", "https://creativecommons.org/publicdomain/zero/1.0/deed."),
        Licence::CcBy4 => ("licence_cc_by_4", "https://creativecommons.org/licenses/by/4.0/deed."),
    };
    LicenceView {
        spdx: l.spdx(),
        name: i18n.get(key).to_string(),
        iri: l.iri(),
        href: format!("{deed}{}", site.config.language.code()),
    }
}

/// The view of the downloads page; `exports` are the sizes of the files.
pub fn downloads(site: &Site, i18n: &I18n, exports: &[ExportSize]) -> DownloadsView {
    let words = &i18n.url;
    let datasets = DATASETS
        .iter()
        .map(|d| {
            let (key, rows) = (d.key(), d.row_count(site, words));
            DatasetView {
                id: key,
                title: i18n.get(&format!("data_{key}_title")).to_string(),
                description: i18n.get(&format!("data_{key}_description")).to_string(),
                rows,
                rows_text: i18n.fill("data_rows", &[("n", &rows.to_string())]),
                columns: d.column_names(),
                files: Format::ALL.iter().map(|&f| file_view(site, words, key, f, exports)).collect(),
            }
        })
        .collect();
    DownloadsView {
        licence: licence_view(site, i18n),
        datasets,
        codes: code_lists(i18n),
        catalog_href: catalog_path(words),
        catalog_name: CATALOG_FILE,
        contact_url: site.config.contact_url.clone(),
        feed_href: "feed.xml".to_string(),
        list_separator: LIST_SEPARATOR,
    }
}

/// One file of a dataset, with its size from `exports`.
fn file_view(site: &Site, words: &UrlWords, key: &str, format: Format, exports: &[ExportSize]) -> FileView {
    let href = export_path(words, key, format);
    let bytes = exports.iter().find(|x| x.path == href).map_or(0, |x| x.bytes);
    FileView {
        anchor: format!("{key}-{}", format.extension()),
        name: format!("{key}.{}", format.extension()),
        href,
        format: format.label(),
        media_type: format.media_type(),
        size: format_size(bytes, site.config.language),
        bytes,
    }
}

/// The coded columns the page explains, each value with its label in the
/// site's language.
fn code_lists(i18n: &I18n) -> Vec<CodeList> {
    let official = || Code { code: "official", label: i18n.get("figure_official").to_string() };
    let counted = || Code { code: "counted", label: i18n.get("figure_counted").to_string() };
    let statuses = [Status::Open, Status::InProgress, Status::Resolved];
    let severities = [Severity::Low, Severity::Medium, Severity::High];
    vec![
        CodeList {
            column: "kind",
            codes: Kind::ALL.iter().map(|&k| Code { code: k.key(), label: i18n.kind(k).to_string() }).collect(),
        },
        CodeList {
            column: "status",
            codes: statuses.iter().map(|&s| Code { code: s.key(), label: i18n.status(s).to_string() }).collect(),
        },
        CodeList {
            column: "severity",
            codes: severities.iter().map(|&s| Code { code: s.key(), label: i18n.severity(s).to_string() }).collect(),
        },
        CodeList {
            column: "tier",
            codes: [Tier::Base, Tier::Addon]
                .iter()
                .map(|&t| Code { code: t.key(), label: i18n.tier(t).to_string() })
                .collect(),
        },
        // `incidents` is never counted from the deviations (FigureKind::countable).
        CodeList { column: "incidents_source", codes: vec![official()] },
        CodeList { column: "major_incidents_source", codes: vec![official(), counted()] },
        CodeList { column: "personal_data_incidents_source", codes: vec![official(), counted()] },
    ]
}

/// "850 B", "4,2 kB" (Swedish) or "4.2 kB" (English).
pub fn format_size(bytes: usize, language: Language) -> String {
    if bytes < 1000 {
        return format!("{bytes}\u{a0}B");
    }
    let (value, unit) =
        if bytes < 1_000_000 { (bytes as f64 / 1000.0, "kB") } else { (bytes as f64 / 1_000_000.0, "MB") };
    let text = format!("{value:.1}");
    let text = match language {
        Language::Sv => text.replace('.', ","),
        Language::En => text,
    };
    format!("{text}\u{a0}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(format_size(850, Language::Sv), "850\u{a0}B");
        assert_eq!(format_size(4_230, Language::Sv), "4,2\u{a0}kB");
        assert_eq!(format_size(4_230, Language::En), "4.2\u{a0}kB");
    }
}
