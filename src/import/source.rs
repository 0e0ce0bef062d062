//! Reading an export into rows of text: a CSV file of any delimiter and
//! encoding (UTF-8, UTF-16 or Windows-1252, with or without a byte-order
//! mark), or a spreadsheet (XLSX, XLS, ODS: the first sheet).
//!
//! Every row keeps the number the editor sees for it: the line of a CSV
//! file where the row begins, or the sheet's row number, so that a
//! problem can be found in the file.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

/// An export read into text: its header row and its data rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The header row, as written.
    pub headers: Vec<String>,
    /// The data rows, in file order; blank rows are left out.
    pub rows: Vec<Row>,
    /// What was read, for the report: "CSV, Windows-1252, `;`" or "XLSX".
    pub format: String,
}

/// One data row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The row's number as the editor sees it (CSV line, sheet row).
    pub number: u64,
    /// The cells, in header order; a short row is padded with empty cells.
    pub cells: Vec<String>,
}

impl Row {
    /// The text of cell `i`, trimmed; empty when the row is short.
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.trim())
    }
}

/// Why an export could not be read: what is wrong, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// What is wrong.
    pub message: String,
    /// What to do instead.
    pub help: String,
}

/// Reads the export at `path`. A spreadsheet is recognised by its content
/// (a ZIP or an OLE compound file), anything else is read as CSV.
pub fn read(path: &Path) -> Result<Table, SourceError> {
    let bytes = std::fs::read(path).map_err(|e| SourceError {
        message: format!("cannot read {}: {e}", path.display()),
        help: "check the path of the export; it is the first argument of insyn import".to_string(),
    })?;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        read_sheet(path, bytes)
    } else {
        read_csv(&bytes)
    }
}

/// Text of a CSV file: the encoding its byte-order mark names, else UTF-8
/// when it is valid UTF-8, else Windows-1252 (what Excel writes on a
/// Swedish Windows as "CSV (semikolonavgränsad)").
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter of a CSV text: of `,`, `;`, tab and `|`, the one that
/// occurs most often outside quotes in the header line (`,` when none does).
pub fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|c| *c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

fn read_csv(bytes: &[u8]) -> Result<Table, SourceError> {
    let (text, encoding) = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut table = Table { format: format!("CSV, {encoding}, {}", shown_delimiter(delimiter)), ..Table::default() };
    let mut record = csv::StringRecord::new();
    let mut first = true;
    // Lines are counted here from the record's byte offset: the reader's
    // own line count lags behind at line breaks it has not passed yet.
    let (mut counted_to, mut line) = (0usize, 1u64);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            // The text is valid UTF-8 and rows may differ in length, so the
            // reader has nothing to fail on; kept so that a change of
            // settings cannot turn an error into a silent stop.
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                return Err(SourceError {
                    message: format!("the export is not a CSV file insyn can read (line {line}): {e}"),
                    help: "export the list again as CSV or XLSX, without editing it by hand".to_string(),
                });
            }
        }
        // The position is where the reader began: before the line
        // break(s) that end the previous record.
        let mut start = record.position().map_or(0, |p| p.byte() as usize).min(text.len());
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..start.max(counted_to)]).count() as u64;
        counted_to = counted_to.max(start);
        let number = line;
        if first {
            table.headers = record.iter().map(|h| h.trim().to_string()).collect();
            first = false;
            continue;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        table.rows.push(Row { number, cells: record.iter().map(str::to_string).collect() });
    }
    if table.headers.iter().all(String::is_empty) {
        return Err(empty_export());
    }
    Ok(table)
}

fn shown_delimiter(d: u8) -> &'static str {
    match d {
        b';' => "separated by `;`",
        b'\t' => "separated by tabs",
        b'|' => "separated by `|`",
        _ => "separated by `,`",
    }
}

fn empty_export() -> SourceError {
    SourceError {
        message: "the export has no header row".to_string(),
        help: "export the list with its column headers (the first row names the columns)".to_string(),
    }
}

fn read_sheet(path: &Path, bytes: Vec<u8>) -> Result<Table, SourceError> {
    let unreadable = |e: String| SourceError {
        message: format!("{} is not a spreadsheet insyn can read: {e}", path.display()),
        help: "save it again as .xlsx, or export the list as CSV".to_string(),
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let format = match &book {
        calamine::Sheets::Xls(_) => "XLS",
        calamine::Sheets::Xlsx(_) => "XLSX",
        calamine::Sheets::Xlsb(_) => "XLSB",
        calamine::Sheets::Ods(_) => "ODS",
    };
    let range = match book.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(unreadable(e.to_string())),
        None => return Err(empty_export()),
    };
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let first_col = range.start().map_or(0, |(_, col)| col as usize);
    let mut table = Table { format: format!("{format}, first sheet"), ..Table::default() };
    for (i, cells) in range.rows().enumerate() {
        // A sheet that starts at column C still has its columns from A on.
        let mut texts = vec![String::new(); first_col];
        texts.extend(cells.iter().map(cell_text));
        if i == 0 {
            table.headers = texts.iter().map(|h| h.trim().to_string()).collect();
            continue;
        }
        if texts.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        table.rows.push(Row { number: first_row + i as u64 + 1, cells: texts });
    }
    if table.headers.iter().all(String::is_empty) {
        return Err(empty_export());
    }
    Ok(table)
}

/// A cell as text; a date-time cell as `YYYY-MM-DD HH:MM:SS`, the form
/// the date reader knows, in the sheet's own (local) time.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_serial_text(dt.as_f64()),
    }
}

/// An Excel serial date (days since 1899-12-30, the fraction the time of
/// day) as `YYYY-MM-DD HH:MM:SS`.
pub fn excel_serial_text(serial: f64) -> String {
    let seconds = (serial * 86_400.0).round() as i64;
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // 1899-12-30 is day -25 569 counted from 1970-01-01.
    let date = jiff::civil::date(1970, 1, 1).checked_add(jiff::Span::new().days(days - 25_569));
    match date {
        Ok(d) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            d.year(),
            d.month(),
            d.day(),
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ),
        Err(_) => serial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c\n"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c,d\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("single\n"), b',');
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFn\xC3\xA4t"), ("nät".to_string(), "UTF-8"));
        assert_eq!(decode(b"n\xE4t"), ("nät".to_string(), "Windows-1252"));
        assert_eq!(decode("nät".as_bytes()), ("nät".to_string(), "UTF-8"));
    }

    #[test]
    fn rows_are_numbered_by_the_line_they_begin_on() {
        let table = read_csv(b"a,b\r\n1,2\r\n\r\n\"x\ny\",3\r\n4,5\n").expect("csv");
        let numbers: Vec<u64> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![2, 4, 6]);
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial_text(45019.34375), "2023-04-03 08:15:00");
        assert_eq!(excel_serial_text(25569.0), "1970-01-01 00:00:00");
    }
}
