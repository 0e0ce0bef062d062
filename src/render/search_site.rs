//! The site's records as search documents ([`search::SearchDoc`]), and the
//! search index's files under the search page's folder (`sok/`). The index
//! itself knows nothing of the site; this is the one place that does.

use rayon::prelude::*;

use super::markdown;
use super::search::{self, SearchDoc};
use super::sink::OutputFile;
use crate::model::Site;
use crate::theme::I18n;

/// What a record's search document borrows but the site does not hold.
struct Made {
    path: String,
    date: String,
    date_iso: String,
    body: String,
}

/// Records whose plain text is made at a time: the texts of a whole large
/// site would take about 80 MB at once.
const RECORDS_AT_A_TIME: usize = 4096;

/// Every file of the search index, newest record first, by its path in the
/// output (`sok/manifest.json` …).
pub fn files(site: &Site, i18n: &I18n) -> Vec<OutputFile> {
    let words = &i18n.url;
    let newest_first: Vec<usize> = (0..site.records.len()).rev().collect();
    let mut index = search::Builder::new(site.config.language);
    for run in newest_first.chunks(RECORDS_AT_A_TIME) {
        let made: Vec<Made> = run
            .par_iter()
            .map(|&i| {
                let r = &site.records[i];
                let mut body = markdown::to_plain_text(&r.body);
                for action in &r.actions {
                    body.push('\n');
                    body.push_str(&markdown::to_plain_text(action));
                }
                Made {
                    path: words.record(&r.id),
                    date: i18n.date(r.date.value.date),
                    date_iso: r.date.value.date.to_string(),
                    body,
                }
            })
            .collect();
        let docs: Vec<SearchDoc<'_>> = run
            .iter()
            .zip(&made)
            .map(|(&i, m)| {
                let r = &site.records[i];
                let service = site.record_service[i].map(|s| &site.services[s]);
                SearchDoc {
                    path: &m.path,
                    title: &r.title,
                    kind: i18n.kind(r.kind),
                    service: service.map_or(r.service.value.as_str(), |s| s.name.as_str()),
                    system: service.and_then(|s| s.system.as_deref()),
                    supplier: site.supplier(i).map(|(s, _)| s),
                    periods: site.periods_by_record[i].iter().map(|&p| site.periods[p].label.as_str()).collect(),
                    date: &m.date,
                    date_iso: &m.date_iso,
                    body: &m.body,
                }
            })
            .collect();
        index.add(&docs);
    }
    let folder = words.search_word();
    index.finish().into_iter().map(|(path, bytes)| OutputFile { path: format!("{folder}/{path}"), bytes }).collect()
}

/// Whether `path` (in the output) would be a file of the search index.
pub fn is_index_file(i18n: &I18n, path: &str) -> bool {
    path.strip_prefix(i18n.url.search_word()).is_some_and(|rest| rest.starts_with('/') && rest != "/index.html")
}
