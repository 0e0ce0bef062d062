//! Links of the built site that point at nothing, as warnings: at the
//! place in the content where each was written, or, when no text wrote
//! it, on the page the theme made it on (a bug in the theme).

use std::path::Path;

use rustc_hash::FxHashSet as HashSet;

use super::link_check::BrokenLink;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::validate::links::find_links;

/// Adds a warning for every link in `broken` (`--strict` makes them errors).
pub fn report(site: &Site, broken: &[BrokenLink], diags: &mut Diagnostics) {
    if broken.is_empty() {
        return;
    }
    let urls: Vec<&str> = broken.iter().map(|b| b.href.as_str()).collect();
    let places = find_links(site, &urls, diags);
    let mut said = HashSet::default();
    for b in broken {
        let why = match &b.missing_id {
            Some(id) => format!("that page has no id `{id}`"),
            None => "the built site has no file at that address".to_string(),
        };
        match places.get(&b.href) {
            Some(found) => {
                for (file, span) in found {
                    if said.insert((file.clone(), span.clone().map(|s| s.start))) {
                        diags.push(
                            Diagnostic::warning(
                                file,
                                span.clone(),
                                format!("the link `{}` points at nothing (on {}): {why}", b.href, b.page),
                            )
                            .with_help(
                                "link to a page of the site by its content file, as in `@/periods/2023-q1/period.toml#recommendations` (the README lists every page's anchors), or correct the address",
                            ),
                        );
                    }
                }
            }
            None => diags.push(
                Diagnostic::warning(
                    Path::new(&b.page),
                    None,
                    format!("the theme links to `{}`, which points at nothing: {why}", b.href),
                )
                .with_help("this is a bug in the theme's templates: correct the link there"),
            ),
        }
    }
}
