//! Open data: the records, periods (with their key figures) and services as
//! CSV and JSON under `<data>/` (`data/records.csv`, `data/records.json` …),
//! and the view of the downloads page that lists them.
//!
//! The column names are a public interface, documented in the README: add
//! columns at the end, never rename or reorder them. Both formats hold the
//! same fields: each JSON file is an object with one array
//! (`{"records": [...]}`) of objects whose keys are the CSV columns, in the
//! same order, with native types (arrays, numbers, booleans, `null`). The
//! CSV is UTF-8 without a byte-order mark, comma-separated, RFC 4180 quoted,
//! CRLF line ends, a header row; an unknown value is an empty cell, `true`
//! and `false` are written as such, and lists are joined with `" | "`.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use std::io::Write;

use super::i18n::I18n;
use super::urls::{self, UrlWords};
use super::{FileSink, OutputFile, emit_streamed};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::model::entities::{Kind, Language, Licence, Severity, Status, Tier};
use crate::model::figures::FigureKind;

/// How lists are joined in a CSV cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The columns of `records.csv`, in order.
pub const RECORD_COLUMNS: &[&str] = &[
    "id",
    "title",
    "kind",
    "service",
    "service_name",
    "area",
    "period",
    "date",
    "resolved",
    "status",
    "severity",
    "supplier",
    "actions",
    "related",
    "reported_to_authority",
    "url",
    "description",
];

/// The columns of `periods.csv`, in order.
pub const PERIOD_COLUMNS: &[&str] = &[
    "id",
    "label",
    "start",
    "end",
    "compare_with",
    "incidents",
    "incidents_source",
    "major_incidents",
    "major_incidents_source",
    "personal_data_incidents",
    "personal_data_incidents_source",
    "records",
    "url",
];

/// The columns of `services.csv`, in order.
pub const SERVICE_COLUMNS: &[&str] =
    &["id", "name", "area", "area_name", "system", "tier", "supplier", "retired", "records", "url"];

/// One dataset of the exports.
#[derive(Debug, Clone, Copy)]
pub struct Dataset {
    /// File stem and JSON key: `records`, `periods`, `services`.
    pub key: &'static str,
    /// Its columns.
    pub columns: &'static [&'static str],
}

/// The three datasets, in the order the downloads page and the catalogue list them.
pub const DATASETS: [Dataset; 3] = [
    Dataset { key: "records", columns: RECORD_COLUMNS },
    Dataset { key: "periods", columns: PERIOD_COLUMNS },
    Dataset { key: "services", columns: SERVICE_COLUMNS },
];

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

/// The size of one export file, for the downloads page (the files
/// themselves may already be written and dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSize {
    /// Path of the file, as in [`OutputFile::path`].
    pub path: String,
    /// Its length in bytes.
    pub bytes: usize,
}

/// One row of `records`.
#[derive(Debug, Clone, Serialize)]
pub struct RecordExport<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    service: &'a str,
    service_name: Option<&'a str>,
    area: Option<&'a str>,
    period: &'a str,
    date: String,
    resolved: Option<String>,
    status: &'static str,
    severity: Option<&'static str>,
    supplier: Option<&'a str>,
    actions: &'a [String],
    related: Vec<&'a str>,
    reported_to_authority: Option<bool>,
    url: String,
    description: &'a str,
}

/// One row of `periods`.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodExport {
    id: String,
    label: String,
    start: String,
    end: String,
    compare_with: Option<String>,
    incidents: Option<u64>,
    incidents_source: Option<&'static str>,
    major_incidents: Option<u64>,
    major_incidents_source: Option<&'static str>,
    personal_data_incidents: Option<u64>,
    personal_data_incidents_source: Option<&'static str>,
    records: usize,
    url: String,
}

/// One row of `services`.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceExport {
    id: String,
    name: String,
    area: String,
    area_name: Option<String>,
    system: Option<String>,
    tier: &'static str,
    supplier: Option<String>,
    retired: bool,
    records: usize,
    url: String,
}

/// Every published record, in the site's order (by date, then id).
pub fn records<'a>(site: &'a Site, words: &UrlWords) -> Vec<RecordExport<'a>> {
    site.records
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let service = site.record_service[i].map(|s| &site.services[s]);
            let mut related: Vec<&str> = site.related[i].iter().map(|&j| site.records[j].id.as_str()).collect();
            related.sort_unstable();
            RecordExport {
                id: &r.id,
                title: &r.title,
                kind: r.kind.key(),
                service: &r.service.value,
                service_name: service.map(|s| s.name.as_str()),
                area: site.record_area[i].map(|a| site.config.areas[a].id.as_str()),
                period: &r.period,
                date: r.date.value.rfc3339(),
                resolved: r.resolved.as_ref().map(|m| m.value.rfc3339()),
                status: r.status().key(),
                severity: r.severity.map(|s| s.key()),
                supplier: r.supplier.as_deref().or_else(|| service.and_then(|s| s.supplier.as_deref())),
                actions: &r.actions,
                related,
                reported_to_authority: r.reported_to_authority,
                url: urls::absolute(&site.config.base_url, &words.record(&r.id)),
                description: r.body.trim(),
            }
        })
        .collect()
}

/// Every period with its key figures, by start date.
pub fn periods(site: &Site, words: &UrlWords) -> Vec<PeriodExport> {
    site.periods
        .iter()
        .enumerate()
        .map(|(p, period)| {
            let figure = |k: FigureKind| site.figure(p, k);
            let value = |k: FigureKind| figure(k).map(|f| f.value);
            let source = |k: FigureKind| figure(k).map(|f| if f.official { "official" } else { "counted" });
            PeriodExport {
                id: period.id.clone(),
                label: period.label.clone(),
                start: period.start.value.to_string(),
                end: period.end.value.to_string(),
                compare_with: site.compare_of[p].map(|c| site.periods[c].id.clone()),
                incidents: value(FigureKind::Incidents),
                incidents_source: source(FigureKind::Incidents),
                major_incidents: value(FigureKind::MajorIncidents),
                major_incidents_source: source(FigureKind::MajorIncidents),
                personal_data_incidents: value(FigureKind::PersonalDataIncidents),
                personal_data_incidents_source: source(FigureKind::PersonalDataIncidents),
                records: site.records_by_period[p].len(),
                url: urls::absolute(&site.config.base_url, &words.period(&period.id)),
            }
        })
        .collect()
}

/// Every service, retired ones included, in the catalogue's order.
pub fn services(site: &Site, words: &UrlWords) -> Vec<ServiceExport> {
    site.services
        .iter()
        .enumerate()
        .map(|(i, s)| ServiceExport {
            id: s.id.clone(),
            name: s.name.clone(),
            area: s.area.value.clone(),
            area_name: site.service_area[i].map(|a| site.config.areas[a].name.clone()),
            system: s.system.clone(),
            tier: s.tier.key(),
            supplier: s.supplier.clone(),
            retired: s.retired,
            records: site.records_by_service[i].len(),
            url: urls::absolute(&site.config.base_url, &words.service(&s.id)),
        })
        .collect()
}

/// The paths of the six export files.
pub fn export_paths(words: &UrlWords) -> Vec<String> {
    DATASETS.iter().flat_map(|d| [Format::Csv, Format::Json].map(|f| export_path(words, d.key, f))).collect()
}

/// The six export files (CSV and JSON of each dataset), in [`DATASETS`] order.
pub fn exports(site: &Site, i18n: &I18n) -> Vec<OutputFile> {
    exports_into(site, i18n, None).map(|(files, _)| files).unwrap_or_default()
}

/// The export files, each streamed to `sink` while it is made (a large
/// site's records export is hundreds of megabytes: only a batch of rows is
/// in memory at a time), with the size of each; without a sink they are
/// made in memory. The first error of the sink ends it.
pub fn exports_into(
    site: &Site,
    i18n: &I18n,
    sink: Option<&dyn FileSink>,
) -> Result<(Vec<OutputFile>, Vec<ExportSize>), Diagnostic> {
    let words = &i18n.url;
    let mut files = Vec::with_capacity(6);
    let mut sizes = Vec::with_capacity(6);
    let mut put = |(file, bytes): (OutputFile, usize)| {
        sizes.push(ExportSize { path: file.path.clone(), bytes });
        files.push(file);
    };
    let rows = records(site, words);
    put(dataset_csv(words, DATASETS[0], &rows, sink)?);
    put(dataset_json(words, DATASETS[0], &rows, sink)?);
    drop(rows);
    let rows = periods(site, words);
    put(dataset_csv(words, DATASETS[1], &rows, sink)?);
    put(dataset_json(words, DATASETS[1], &rows, sink)?);
    let rows = services(site, words);
    put(dataset_csv(words, DATASETS[2], &rows, sink)?);
    put(dataset_json(words, DATASETS[2], &rows, sink)?);
    Ok((files, sizes))
}

/// The CSV file of one dataset, its lines made in parallel a batch at a time.
fn dataset_csv<T: Serialize + Sync>(
    words: &UrlWords,
    dataset: Dataset,
    rows: &[T],
    sink: Option<&dyn FileSink>,
) -> Result<(OutputFile, usize), Diagnostic> {
    let header: Vec<String> = dataset.columns.iter().map(|c| csv_field(c)).collect();
    let header = header.join(",") + "\r\n";
    emit_streamed(export_path(words, dataset.key, Format::Csv), sink, |w| {
        w.write_all(header.as_bytes())?;
        write_rows(w, rows, b"", |r| {
            super::csv_row::line(r)
                .unwrap_or_else(|| csv_line(dataset.columns, &serde_json::to_value(r).unwrap_or(Value::Null)))
                .into_bytes()
        })
    })
}

/// Rows handled together: their texts are made in parallel and then
/// written, so that only one batch of row texts is in memory at a time.
const ROW_BATCH: usize = 4096;

/// Writes the text of every row to `w`, `separator` between them, in row
/// order; the texts are made in parallel, a batch at a time.
fn write_rows<T: Sync>(
    w: &mut dyn Write,
    rows: &[T],
    separator: &[u8],
    text: impl Fn(&T) -> Vec<u8> + Sync,
) -> std::io::Result<()> {
    for (b, batch) in rows.chunks(ROW_BATCH).enumerate() {
        let texts: Vec<Vec<u8>> = batch.par_iter().map(&text).collect();
        for (i, t) in texts.iter().enumerate() {
            if b + i > 0 {
                w.write_all(separator)?;
            }
            w.write_all(t)?;
        }
    }
    Ok(())
}

/// The JSON file of one dataset: `{"<key>": [rows…]}`, pretty-printed, each
/// row's keys in column order (the struct's field order). Rows are written
/// in parallel, each indented to its depth; the bytes are those of
/// `serde_json::to_string_pretty` of the whole (a unit test checks).
fn dataset_json<T: Serialize + Sync>(
    words: &UrlWords,
    dataset: Dataset,
    rows: &[T],
    sink: Option<&dyn FileSink>,
) -> Result<(OutputFile, usize), Diagnostic> {
    let key = serde_json::to_string(dataset.key).unwrap_or_default();
    emit_streamed(export_path(words, dataset.key, Format::Json), sink, |w| {
        if rows.is_empty() {
            return write!(w, "{{\n  {key}: []\n}}\n");
        }
        write!(w, "{{\n  {key}: [\n")?;
        write_rows(w, rows, b",\n", |r| {
            let mut out = Vec::with_capacity(1024);
            out.extend_from_slice(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut out, IndentedPretty::new(2));
            // Rows are plain structs: serialising them cannot fail.
            if r.serialize(&mut ser).is_err() {
                out.clear();
            }
            out
        })?;
        w.write_all(b"\n  ]\n}\n")
    })
}

/// serde_json's pretty printing (two spaces a level) of a value that
/// stands `base` levels deep in the file: a row of the array is written as
/// it appears inside the whole file, without a second pass to indent it.
struct IndentedPretty {
    base: usize,
    depth: usize,
    has_value: bool,
}

impl IndentedPretty {
    fn new(base: usize) -> Self {
        IndentedPretty { base, depth: 0, has_value: false }
    }

    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.base + self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// An array or object begins.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// An array or object ends: on a line of its own unless it was empty.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    /// A value or key begins on a new, indented line.
    fn next_line<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for IndentedPretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.next_line(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.next_line(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// One CSV line (with its CRLF) of a row given as a JSON object.
fn csv_line(columns: &[&str], row: &Value) -> String {
    let cells: Vec<String> =
        columns.iter().map(|c| csv_field(&cell_text(row.get(*c).unwrap_or(&Value::Null)))).collect();
    let mut line = cells.join(",");
    line.push_str("\r\n");
    line
}

/// A JSON value as a CSV cell: null empty, lists joined with [`LIST_SEPARATOR`].
fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(cell_text).collect::<Vec<_>>().join(LIST_SEPARATOR),
        Value::Object(_) => value.to_string(),
    }
}

/// Quotes a field when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    super::csv_row::push_field(&mut out, text);
    out
}

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
    pub columns: &'static [&'static str],
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

/// The view of the downloads page; renders the exports to measure them.
pub fn downloads(site: &Site, i18n: &I18n, exports: &[ExportSize]) -> DownloadsView {
    let words = &i18n.url;
    let rows = [site.records.len(), site.periods.len(), site.services.len()];
    let datasets = DATASETS
        .iter()
        .zip(rows)
        .map(|(d, rows)| DatasetView {
            id: d.key,
            title: i18n.get(&format!("data_{}_title", d.key)).to_string(),
            description: i18n.get(&format!("data_{}_description", d.key)).to_string(),
            rows,
            rows_text: i18n.fill("data_rows", &[("n", &rows.to_string())]),
            columns: d.columns,
            files: Format::ALL
                .iter()
                .map(|&f| {
                    let href = export_path(words, d.key, f);
                    let bytes = exports.iter().find(|x| x.path == href).map_or(0, |x| x.bytes);
                    FileView {
                        anchor: format!("{}-{}", d.key, f.extension()),
                        name: format!("{}.{}", d.key, f.extension()),
                        href,
                        format: f.label(),
                        media_type: f.media_type(),
                        size: format_size(bytes, site.config.language),
                        bytes,
                    }
                })
                .collect(),
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

/// File name of the DCAT-AP-SE catalogue.
pub const CATALOG_FILE: &str = "catalog.rdf";

/// Path of the DCAT-AP-SE catalogue from the site root: `data/catalog.rdf`.
pub fn catalog_path(words: &UrlWords) -> String {
    format!("{}{CATALOG_FILE}", UrlWords::list(&words.data))
}

fn code_lists(i18n: &I18n) -> Vec<CodeList> {
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
        CodeList {
            column: "incidents_source",
            codes: vec![
                Code { code: "official", label: i18n.get("figure_official").to_string() },
                Code { code: "counted", label: i18n.get("figure_counted").to_string() },
            ],
        },
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
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn cells_of_every_json_type() {
        assert_eq!(cell_text(&Value::Null), "");
        assert_eq!(cell_text(&serde_json::json!(["a", "b"])), "a | b");
        assert_eq!(cell_text(&serde_json::json!(true)), "true");
        assert_eq!(cell_text(&serde_json::json!(1003)), "1003");
    }

    /// The keys of a serialised row, in order.
    fn keys<T: Serialize>(row: &T) -> Vec<String> {
        let text = serde_json::to_string(row).unwrap_or_default();
        let mut keys = Vec::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find("\"") {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            let (name, tail) = (&after[..end], &after[end + 1..]);
            if tail.starts_with(':') {
                keys.push(name.to_string());
            }
            rest = tail;
        }
        keys
    }

    #[test]
    fn every_column_is_a_field_in_the_same_order() {
        let r = RecordExport {
            id: "",
            title: "",
            kind: "",
            service: "",
            service_name: None,
            area: None,
            period: "",
            date: String::new(),
            resolved: None,
            status: "",
            severity: None,
            supplier: None,
            actions: &[],
            related: Vec::new(),
            reported_to_authority: None,
            url: String::new(),
            description: "",
        };
        assert_eq!(keys(&r), RECORD_COLUMNS);
        let p = PeriodExport {
            id: String::new(),
            label: String::new(),
            start: String::new(),
            end: String::new(),
            compare_with: None,
            incidents: None,
            incidents_source: None,
            major_incidents: None,
            major_incidents_source: None,
            personal_data_incidents: None,
            personal_data_incidents_source: None,
            records: 0,
            url: String::new(),
        };
        assert_eq!(keys(&p), PERIOD_COLUMNS);
        let s = ServiceExport {
            id: String::new(),
            name: String::new(),
            area: String::new(),
            area_name: None,
            system: None,
            tier: "",
            supplier: None,
            retired: false,
            records: 0,
            url: String::new(),
        };
        assert_eq!(keys(&s), SERVICE_COLUMNS);
    }

    #[test]
    fn csv_lines_written_field_by_field_equal_those_made_through_json_values() {
        let actions = ["Omstart av tjänsten".to_string(), "Larm, \"nytt\"\ni drift".to_string()];
        let rows = [
            RecordExport {
                id: "lon-stopp",
                title: "Stopp i lönekörningen, \"igen\"",
                kind: "major-incident",
                service: "lon",
                service_name: Some("Lön"),
                area: Some("hr"),
                period: "2023-q1",
                date: "2023-02-03T08:15:00+01:00".to_string(),
                resolved: None,
                status: "open",
                severity: Some("high"),
                supplier: None,
                actions: &actions,
                related: vec!["a", "b"],
                reported_to_authority: Some(false),
                url: "https://exempel.se/avvikelser/lon-stopp/".to_string(),
                description: "Rad ett,\r\nrad två",
            },
            RecordExport {
                id: "x",
                title: "",
                kind: "incident",
                service: "okand",
                service_name: None,
                area: None,
                period: "p",
                date: "2023-02-03".to_string(),
                resolved: Some("2023-02-04".to_string()),
                status: "resolved",
                severity: None,
                supplier: Some("Leverantör AB"),
                actions: &[],
                related: Vec::new(),
                reported_to_authority: Some(true),
                url: String::new(),
                description: "",
            },
        ];
        for row in &rows {
            let general = csv_line(RECORD_COLUMNS, &serde_json::to_value(row).expect("json"));
            assert_eq!(super::super::csv_row::line(row).as_deref(), Some(general.as_str()));
        }
    }

    #[test]
    fn an_empty_dataset_is_a_header_and_an_empty_array() {
        let words: UrlWords =
            toml::from_str("periods = \"p\"\nservices = \"s\"\nareas = \"a\"\nrecords = \"r\"\ndata = \"data\"\n")
                .expect("words");
        let (csv, _) = dataset_csv::<RecordExport>(&words, DATASETS[0], &[], None).expect("csv");
        let (json, _) = dataset_json::<RecordExport>(&words, DATASETS[0], &[], None).expect("json");
        assert_eq!(csv.path, "data/records.csv");
        assert_eq!(String::from_utf8_lossy(&csv.bytes), format!("{}\r\n", RECORD_COLUMNS.join(",")));
        assert_eq!(String::from_utf8_lossy(&json.bytes), "{\n  \"records\": []\n}\n");
    }

    #[test]
    fn sizes() {
        assert_eq!(format_size(850, Language::Sv), "850\u{a0}B");
        assert_eq!(format_size(4_230, Language::Sv), "4,2\u{a0}kB");
        assert_eq!(format_size(4_230, Language::En), "4.2\u{a0}kB");
    }

    #[test]
    fn json_rows_written_apart_are_the_pretty_json_of_the_whole() {
        #[derive(serde::Serialize)]
        struct Row {
            id: &'static str,
            list: Vec<&'static str>,
            empty: Vec<u8>,
            nested: BTreeMap<&'static str, Option<u32>>,
            text: &'static str,
        }
        let words = UrlWords {
            periods: "p".into(),
            services: "s".into(),
            areas: "a".into(),
            records: "r".into(),
            data: "d".into(),
            page: None,
            search: None,
        };
        let row = |id| Row {
            id,
            list: vec!["a", "b"],
            empty: Vec::new(),
            nested: BTreeMap::from([("x", Some(1)), ("y", None)]),
            text: "rad 1\nrad 2 \"citat\" \u{e5}",
        };
        let dataset = DATASETS[0];
        for rows in [vec![], vec![row("a")], vec![row("a"), row("b"), row("c")]] {
            let whole: BTreeMap<&str, &[Row]> = BTreeMap::from([(dataset.key, rows.as_slice())]);
            let expected = serde_json::to_string_pretty(&whole).unwrap_or_default() + "\n";
            let (made, len) = dataset_json(&words, dataset, &rows, None).expect("json");
            assert_eq!(len, made.bytes.len());
            assert_eq!(String::from_utf8_lossy(&made.bytes), expected);
        }
    }
}
