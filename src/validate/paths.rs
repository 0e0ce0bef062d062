//! Two things must never be written to one URL: a page named like a URL
//! word, or an alias on top of a page or another alias.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::render::urls::{UrlWords, alias_path};

/// Top-level names insyn writes itself besides the URL words.
const RESERVED: &[&str] = &["static", "404.html", "index.html", "feed.xml", "sitemap.xml", "robots.txt"];

/// Every page path and alias path is used once.
pub fn outputs_do_not_collide(site: &Site, words: &UrlWords, diags: &mut Diagnostics) {
    let list_words = [&words.periods, &words.services, &words.areas, &words.records, &words.data];
    for page in &site.pages {
        if list_words.iter().any(|w| **w == page.id) || RESERVED.contains(&page.id.as_str()) {
            diags.push(
                Diagnostic::error(&page.file, None, format!("the page `{}` would be written to {}/index.html, where insyn writes its own pages", page.id, page.id))
                    .with_help("rename the page file: page ids cannot be the site's URL words (periods, services, areas, records, data in the site's language) or static"),
            );
        }
    }
    // The paths aliases would be written to: only a page at one of them can
    // clash, so only those pages are remembered (a large site has a hundred
    // thousand page paths and a handful of aliases).
    let wanted: FxHashSet<String> = site
        .all_records()
        .flat_map(|r| r.aliases.iter())
        .filter(|a| super::aliases::check_alias(&a.value).is_ok())
        .map(|a| alias_path(&a.value))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let mut take = |path: String, what: &dyn Fn() -> String| {
        if wanted.contains(&path) {
            taken.insert(path, what());
        }
    };
    take(String::new(), &|| "the overview".to_string());
    for w in list_words {
        take(UrlWords::list(w), &|| format!("the {w}/ list"));
    }
    for p in &site.periods {
        take(words.period(&p.id), &|| format!("the page of period {}", p.id));
    }
    for a in &site.config.areas {
        take(words.area(&a.id), &|| format!("the page of area {}", a.id));
    }
    for s in &site.services {
        take(words.service(&s.id), &|| format!("the page of service {}", s.id));
    }
    for r in site.all_records() {
        take(words.record(&r.id), &|| format!("the page of record {}", r.id));
    }
    for p in &site.pages {
        take(words.page(&p.id), &|| format!("the page {}", p.id));
    }
    for (a, area) in site.config.areas.iter().enumerate() {
        let area_pages = site.records_by_area[a].len().div_ceil(crate::render::pages::RECORDS_PER_PAGE);
        for n in 1..area_pages {
            take(crate::render::pages::paged(&words.area(&area.id), words, n), &|| {
                format!("page {} of area {}", n + 1, area.id)
            });
        }
    }
    let record_pages = site.records.len().div_ceil(crate::render::pages::RECORDS_PER_PAGE);
    for n in 1..record_pages {
        take(crate::render::pages::records_page_path(words, n), &|| {
            format!("page {} of the list of all records", n + 1)
        });
    }
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    let mut records: Vec<_> = site.all_records().filter(|r| !r.aliases.is_empty()).collect();
    records.sort_by(|a, b| a.file.cmp(&b.file));
    for r in records {
        for a in &r.aliases {
            if super::aliases::check_alias(&a.value).is_err() {
                continue; // reported by the alias rule
            }
            let path = alias_path(&a.value);
            let clash = taken
                .get(&path)
                .cloned()
                .or_else(|| aliases.get(&path).map(|other| format!("an alias of record {other}")))
                .or_else(|| path.starts_with("static/").then(|| "the theme's static files".to_string()));
            match clash {
                Some(what) => diags.push(
                    Diagnostic::error(
                        &r.file,
                        Some(a.span.clone()),
                        format!(
                            "the alias \"{}\" would be written to {} and replace {what}",
                            a.value,
                            crate::render::urls::file_for(&path)
                        ),
                    )
                    .with_help("an alias is an old address that no page uses any more; remove it or change the alias"),
                ),
                None => {
                    aliases.insert(path, r.id.clone());
                }
            }
        }
    }
}
