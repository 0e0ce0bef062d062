//! The check that no two outputs share a path.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Two outputs at one path would silently overwrite each other: a page id
/// equal to a URL word, say, or an alias on top of a page. Reports each
/// such path and says whether there was none.
pub fn check_unique_paths<'a>(paths: impl Iterator<Item = &'a str>, diags: &mut Diagnostics) -> bool {
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for p in paths {
        *seen.entry(p).or_insert(0) += 1;
    }
    // Reported in path order, so that two runs print the same.
    let mut twice: Vec<(&str, usize)> = seen.into_iter().filter(|&(_, n)| n > 1).collect();
    twice.sort_unstable();
    for &(path, n) in &twice {
        diags.push(
            Diagnostic::error(Path::new("content"), None, format!("{n} pages would be written to the same file {path}"))
                .with_help("a page id or alias is the same as another page's URL (for instance a page named like a URL word such as perioder); rename the page or change the alias"),
        );
    }
    twice.is_empty()
}
