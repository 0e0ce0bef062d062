//! The README's column lists, written from the declarations: between
//! `<!-- columns:records -->` and `<!-- /columns -->` (one pair per
//! dataset) the README holds what [`section`] makes of that dataset. The
//! test `tests/readme_columns.rs` fails when the README is out of date and
//! rewrites it when `INSYN_UPDATE_DOCS=1` is set.

use super::list::{AnyDataset, DATASETS};

/// The line that ends every dataset's section.
pub const END_MARKER: &str = "<!-- /columns -->";

/// The line that begins the section of dataset `key`.
pub fn start_marker(key: &str) -> String {
    format!("<!-- columns:{key} -->")
}

/// The Markdown documenting one dataset's columns (without the markers):
/// what a row is, then a table of name, type and meaning in column order.
pub fn section(dataset: &dyn AnyDataset) -> String {
    let key = dataset.key();
    let mut out = format!("**{key}** (`{key}.csv`, `{key}.json`): {}.\n\n", dataset.about());
    out.push_str("| column | type | holds |\n|---|---|---|\n");
    for c in dataset.columns() {
        let mut holds = cell(c.doc);
        if !c.codes.is_empty() {
            let codes: Vec<String> = c.codes.iter().map(|code| format!("`{code}`")).collect();
            holds.push_str(&format!("; one of {}", codes.join(", ")));
        }
        out.push_str(&format!("| `{}` | {} | {holds} |\n", c.name, cell(c.kind)));
    }
    out
}

/// Text for a Markdown table cell: a vertical bar would end the cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `readme` with every dataset's section rewritten from the declarations;
/// an error names the markers it lacks.
pub fn update_readme(readme: &str) -> Result<String, String> {
    let mut out = readme.to_string();
    for dataset in DATASETS {
        let start = start_marker(dataset.key());
        let missing = || {
            format!(
                "README.md has no `{start}` … `{END_MARKER}` pair: add the two lines where the columns of {} belong",
                dataset.key()
            )
        };
        let from = out.find(&start).ok_or_else(missing)? + start.len();
        let to = out[from..].find(END_MARKER).ok_or_else(missing)? + from;
        out.replace_range(from..to, &format!("\n{}", section(*dataset)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_is_a_table_of_the_columns_in_order() {
        let services = DATASETS.iter().find(|d| d.key() == "services").expect("services");
        let text = section(*services);
        assert!(text.starts_with("**services** (`services.csv`, `services.json`): one row per service"));
        let names: Vec<&str> = text.lines().skip(4).filter_map(|l| l.split('`').nth(1)).collect();
        assert_eq!(names, services.column_names());
        assert!(text.contains("| `tier` | code | base service or add-on service; one of `base`, `addon` |\n"));
        assert!(text.contains("| `retired` | `true`/`false` | "));
    }

    #[test]
    fn only_the_text_between_the_markers_changes() {
        let mut readme = String::from("# Title\n\nBefore.\n");
        for d in DATASETS {
            readme.push_str(&format!("{}\nstale\n{END_MARKER}\nBetween.\n", start_marker(d.key())));
        }
        let updated = update_readme(&readme).expect("markers");
        assert!(!updated.contains("stale"));
        assert!(updated.starts_with("# Title\n\nBefore.\n<!-- columns:records -->\n**records**"));
        assert_eq!(updated.matches("\n<!-- /columns -->\nBetween.\n").count(), DATASETS.len());
        assert_eq!(update_readme(&updated).as_deref(), Ok(updated.as_str()));
    }

    #[test]
    fn a_missing_marker_is_named() {
        let error = update_readme("# Title\n").expect_err("no markers");
        assert!(error.contains("`<!-- columns:records -->`"), "{error}");
    }
}
