//! Reading `content/pages/<id>.md`: a free page.

use std::path::Path;

use crate::content::entities::Page;
use crate::content::fields::Fields;
use crate::content::frontmatter::Split;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;

const FIELDS: &[&str] = &["title", "description", "weight", "in_nav", "draft"];

/// Reads one page from its split file.
pub fn read(id: &str, file: &Path, split: &Split<'_>, diags: &mut Diagnostics) -> Option<Page> {
    let table = toml_file::parse(file, split.front, split.front_offset, diags)?;
    let mut f = Fields::new(file, &table, split.front_offset, 0..3, FIELDS, diags);
    let title = f.required_string("title", "title = \"Om rapporten\"");
    let description = f.string("description").map(|s| s.value);
    let weight = f.integer("weight").map_or(0, |w| w.value);
    let in_nav = f.boolean("in_nav").unwrap_or(true);
    let draft = f.boolean("draft").unwrap_or(false);
    f.finish();
    Some(Page {
        id: id.to_string(),
        file: file.to_path_buf(),
        title: title?.value,
        description,
        weight,
        in_nav,
        draft,
        body: split.body.to_string(),
        body_offset: split.body_offset,
    })
}
