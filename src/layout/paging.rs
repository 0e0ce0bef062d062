//! Long lists split into pages: the list of all records and each area's
//! records, newest first, [`RECORDS_PER_PAGE`] to a page.

use super::words::UrlWords;

/// Rows per page of a split list: a list of 100 000 records is split into
/// pages of this many, newest first (`avvikelser/`, then
/// `avvikelser/sida/2/` …).
pub const RECORDS_PER_PAGE: usize = 500;

/// How many pages a list of `len` records is split into (at least one).
pub fn list_pages(len: usize) -> usize {
    len.div_ceil(RECORDS_PER_PAGE).max(1)
}

/// The records on page `page` (0 is the first) of a list of `len` records
/// in date order shown newest first: positions `oldest..newest`.
pub fn page_range(len: usize, page: usize) -> (usize, usize) {
    let newest = len.saturating_sub(page * RECORDS_PER_PAGE);
    (newest.saturating_sub(RECORDS_PER_PAGE), newest)
}

/// The path of page `n` (0 is the first) of a split page at `base`:
/// `base` itself, then `base` + `sida/2/` …
pub fn paged(base: &str, w: &UrlWords, n: usize) -> String {
    if n == 0 { base.to_string() } else { format!("{base}{}/{}/", w.page_word(), n + 1) }
}

/// The path of page `n` (0 is the first) of the list of all records:
/// `avvikelser/`, `avvikelser/sida/2/` …
pub fn records_page_path(w: &UrlWords, n: usize) -> String {
    paged(&UrlWords::list(&w.records), w, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_long_list() {
        assert_eq!(list_pages(0), 1);
        assert_eq!(list_pages(500), 1);
        assert_eq!(list_pages(501), 2);
        assert_eq!(page_range(1200, 0), (700, 1200));
        assert_eq!(page_range(1200, 2), (0, 200));
    }
}
