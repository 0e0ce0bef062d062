//! Two things must never be written to one URL: a page named like a URL
//! word, or an alias on top of a page or another alias.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::links::{alias_path, file_for};
use crate::layout::{Route, UrlWords, reserved};
use crate::model::Site;

/// Every page path and alias path is used once.
pub fn outputs_do_not_collide(site: &Site, words: &UrlWords, diags: &mut Diagnostics) {
    for page in &site.pages {
        if reserved::is_reserved(words, &page.id) {
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
    for route in Route::all(site).iter().filter(|r| !matches!(r, Route::Alias { .. })) {
        let path = route.path(site, words);
        if wanted.contains(&path) {
            taken.insert(path, route.describe(site, words));
        }
    }
    // Drafts are checked too, so that `check` and `build --drafts` agree.
    for r in &site.drafts {
        let path = words.record(&r.id);
        if wanted.contains(&path) {
            taken.insert(path, format!("the page of record {}", r.id));
        }
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
                .or_else(|| {
                    path.starts_with(&format!("{}/", reserved::STATIC_DIR))
                        .then(|| "the theme's static files".to_string())
                });
            match clash {
                Some(what) => diags.push(
                    Diagnostic::error(
                        &r.file,
                        Some(a.span.clone()),
                        format!("the alias \"{}\" would be written to {} and replace {what}", a.value, file_for(&path)),
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
