//! `content/pages/<id>.md`: a free page, declared once.

use std::path::Path;

use crate::content::fields::Fields;
use crate::content::frontmatter::Split;
use crate::content::schema::declare_table;
use crate::content::toml_file;
use crate::diagnostics::Diagnostics;

declare_table! {
    /// A free page (about the report, accessibility statement …).
    pub struct Page as "page" in its own file {
        @extra {
            /// Markdown body.
            pub body: String,
            /// Byte offset of the body in the file.
            pub body_offset: usize,
        }
        /// The heading readers see, and the page's name in the navigation.
        title: String = required { example: "\"Om rapporten\"" },
        /// One sentence for search engines and link previews; default: the site's description.
        description: Option<String> = optional { example: "\"…\"", absent: "the site's description" },
        /// The page's place in the navigation: lower numbers come first (default 0).
        weight: i64 = default(0) { example: "10", absent: "0" },
        /// false keeps the page out of the navigation (it is still published).
        in_nav: bool = default(true) { example: "false", absent: "true" },
        /// A draft is never published; insyn serve --drafts and insyn build --drafts show it.
        draft: bool = default(false) { example: "true", absent: "false" },
    }
}

/// Reads one page from its split file.
pub fn read(id: &str, file: &Path, split: &Split<'_>, diags: &mut Diagnostics) -> Option<Page> {
    let table = toml_file::parse(file, split.front, split.front_offset, diags)?;
    let mut f = Fields::new(file, &table, split.front_offset, 0..3, Page::DOC.keys, diags);
    let page = Page::from_fields(&mut f, id.to_string(), file.to_path_buf(), split.body.to_string(), split.body_offset);
    f.finish();
    page
}
