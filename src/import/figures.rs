//! Writing the counts into `[figures]` of `period.toml`, editing the file
//! in place: only the three numbers change, and the editor's comments,
//! blank lines, key order and every other byte stay as they were. A value
//! keeps its own trailing comment; a missing `[figures]` is added at the end.

use toml_edit::{DocumentMut, Item, Value};

/// The keys of `[figures]` the import writes, in the order it adds them.
pub const KEYS: [&str; 3] = ["incidents", "major_incidents", "personal_data_incidents"];

/// One figure: what the file says and what the export counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureChange {
    /// The key in `[figures]`.
    pub key: &'static str,
    /// The value in the file, if any.
    pub old: Option<i64>,
    /// The count from the export.
    pub new: u64,
}

impl FigureChange {
    /// Whether the file would change.
    pub fn changes(&self) -> bool {
        self.old.and_then(|o| u64::try_from(o).ok()) != Some(self.new)
    }
}

/// The values of `[figures]` in `text` (`None` where absent or not an integer).
pub fn current(text: &str) -> Result<[Option<i64>; 3], String> {
    let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let figures = doc.get("figures").and_then(Item::as_table_like);
    Ok(KEYS.map(|k| figures.and_then(|f| f.get(k)).and_then(Item::as_integer)))
}

/// `text` with `[figures]` set to `values` (key, count); everything else kept.
pub fn edit(text: &str, values: &[(&str, u64)]) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let Some(figures) = doc.get_mut("figures") else {
        // Appended as text: toml_edit would put a new table before the
        // comments at the end of the file, which belong to what is above.
        let mut out = text.to_string();
        if !out.is_empty() {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
        out.push_str("[figures]\n");
        for (key, count) in values {
            out.push_str(&format!("{key} = {count}\n"));
        }
        return Ok(out);
    };
    let figures = figures.as_table_like_mut().ok_or_else(|| "`figures` is not a table".to_string())?;
    for (key, count) in values {
        let number = i64::try_from(*count).map_err(|_| format!("{count} is too large for TOML"))?;
        match figures.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                let decor = old.decor().clone();
                *old = Value::from(number);
                *old.decor_mut() = decor;
            }
            None => {
                figures.insert(key, Item::Value(Value::from(number)));
            }
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_numbers_change() {
        let text = "# Q2\nlabel = \"Kvartal 2\"  # shown\nstart = 2023-04-01\nend = 2023-06-30\n\n[figures]\n# from ServiceNow\nincidents   =  7   # by hand\npersonal_data_incidents = 1\n\n[[recommendations]]\ntitle = \"x\"\ntext = \"y\"\n";
        let out = edit(text, &[("incidents", 1190), ("major_incidents", 4)]).expect("edit");
        assert_eq!(
            out,
            "# Q2\nlabel = \"Kvartal 2\"  # shown\nstart = 2023-04-01\nend = 2023-06-30\n\n[figures]\n# from ServiceNow\nincidents   =  1190   # by hand\npersonal_data_incidents = 1\nmajor_incidents = 4\n\n[[recommendations]]\ntitle = \"x\"\ntext = \"y\"\n"
        );
        assert_eq!(current(&out).expect("parse"), [Some(1190), Some(4), Some(1)]);
    }

    #[test]
    fn a_missing_section_is_added_at_the_end_after_the_comments() {
        let text = "label = \"Q2\"\nstart = 2023-04-01\nend = 2023-06-30\n# compare_with = \"2022-q2\"\n";
        let out = edit(text, &[("incidents", 3)]).expect("edit");
        assert_eq!(out, format!("{text}\n[figures]\nincidents = 3\n"));
    }
}
