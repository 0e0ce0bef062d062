//! The files of the open data: their formats, where each is written
//! (`data/records.csv` …) and how large each came out.

use crate::layout::UrlWords;

/// A file format of the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// JSON.
    Json,
}

impl Format {
    /// Both formats, CSV first.
    pub const ALL: [Format; 2] = [Format::Csv, Format::Json];

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// Name shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
        }
    }

    /// IANA media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Json => "application/json",
        }
    }

    /// The EU file-type vocabulary IRI.
    pub fn eu_file_type(self) -> &'static str {
        match self {
            Format::Csv => "http://publications.europa.eu/resource/authority/file-type/CSV",
            Format::Json => "http://publications.europa.eu/resource/authority/file-type/JSON",
        }
    }
}

/// Path of an export from the site root: `data/records.csv`.
pub fn export_path(words: &UrlWords, dataset: &str, format: Format) -> String {
    format!("{}{dataset}.{}", UrlWords::list(&words.data), format.extension())
}

/// The size of one export file, for the downloads page and the catalogue
/// (the files themselves may already be written and dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSize {
    /// Path of the file, as in [`crate::render::OutputFile::path`].
    pub path: String,
    /// Its length in bytes.
    pub bytes: usize,
}

/// File name of the DCAT-AP-SE catalogue.
pub const CATALOG_FILE: &str = "catalog.rdf";

/// Path of the DCAT-AP-SE catalogue from the site root: `data/catalog.rdf`.
pub fn catalog_path(words: &UrlWords) -> String {
    format!("{}{CATALOG_FILE}", UrlWords::list(&words.data))
}
