//! Open data: the records, periods (with their key figures), services,
//! recommendations and reports to authorities as CSV and JSON under `<data>/` (`data/records.csv`, `data/records.json` …),
//! and the view of the downloads page that lists them.
//!
//! Each dataset is a module ([`records`], [`periods`], [`services`],
//! [`recommendations`], [`reports`]) that declares its columns once
//! ([`dataset::Column`]: name, one line of documentation, how the cell is
//! read from a [`dataset::Row`] of the model); [`write`](mod@write) makes
//! both formats from that declaration, [`downloads`](mod@downloads) lists the columns and
//! [`docs`] writes the README's column lists. [`list::DATASETS`] holds them all.
//!
//! The column names are a public interface, documented in the README: add
//! columns at the end, never rename or reorder them. Both formats hold the
//! same fields: each JSON file is an object with one array
//! (`{"records": [...]}`) of objects whose keys are the CSV columns, in the
//! same order, with native types (arrays, numbers, booleans, `null`). The
//! CSV is UTF-8 without a byte-order mark, comma-separated, RFC 4180 quoted,
//! CRLF line ends, a header row; an unknown value is an empty cell, `true`
//! and `false` are written as such, and lists are joined with `" | "`.

pub mod dataset;
pub mod docs;
pub mod downloads;
pub mod files;
pub mod list;
pub mod periods;
pub mod recommendations;
pub mod records;
pub mod reports;
pub mod services;
pub mod write;

pub use dataset::LIST_SEPARATOR;
pub use downloads::downloads;
pub use files::{CATALOG_FILE, ExportSize, Format, catalog_path, export_path};
pub use list::DATASETS;

use super::sink::{FileSink, OutputFile, emit_streamed};
use crate::diagnostics::Diagnostic;
use crate::layout::UrlWords;
use crate::model::Site;
use crate::theme::I18n;

/// The paths of the export files, in [`DATASETS`] order, CSV first.
pub fn export_paths(words: &UrlWords) -> Vec<String> {
    DATASETS.iter().flat_map(|d| Format::ALL.map(|f| export_path(words, d.key(), f))).collect()
}

/// The export files (CSV and JSON of each dataset), in [`DATASETS`] order, in memory.
pub fn exports(site: &Site, i18n: &I18n) -> Vec<OutputFile> {
    exports_into(site, i18n, None).map(|(files, _)| files).unwrap_or_default()
}

/// The export files, each streamed to `sink` while it is made (only the
/// row being written is in memory), with the size of each; without a sink
/// they are made in memory. The first error of the sink ends it.
pub fn exports_into(
    site: &Site,
    i18n: &I18n,
    sink: Option<&dyn FileSink>,
) -> Result<(Vec<OutputFile>, Vec<ExportSize>), Diagnostic> {
    let words = &i18n.url;
    let mut files = Vec::with_capacity(DATASETS.len() * Format::ALL.len());
    let mut sizes = Vec::with_capacity(files.capacity());
    for dataset in DATASETS {
        for format in Format::ALL {
            let path = export_path(words, dataset.key(), format);
            let (file, bytes) = emit_streamed(path, sink, |w| dataset.write(format, site, words, w))?;
            sizes.push(ExportSize { path: file.path.clone(), bytes });
            files.push(file);
        }
    }
    Ok((files, sizes))
}
