//! Where a text is shown: what its `@/` links lead to from there, and the
//! ids its page has given already.

use std::cell::RefCell;

use crate::layout::anchors;

/// Per `@/` path, the link to its page from the site root, if it has one.
pub type Targets<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// The page a text is rendered for. One per page: the heading ids of all
/// the page's texts are unique together.
pub struct Context<'a> {
    /// Per `@/` path (from `content/`), the link to its page from the site
    /// root (`perioder/2023-q1/index.html`).
    targets: Option<&'a Targets<'a>>,
    /// The way from the page back to the site root (`../../`).
    root: &'a str,
    /// The ids the page's headings have taken.
    ids: RefCell<Vec<String>>,
}

impl<'a> Context<'a> {
    /// A page at `root` (from [`root_prefix`](crate::layout::links::root_prefix)),
    /// whose `@/` links are looked up in `targets`.
    pub fn new(targets: &'a Targets<'a>, root: &'a str) -> Context<'a> {
        Context { targets: Some(targets), root, ids: RefCell::new(Vec::new()) }
    }

    /// A text shown on no page in particular (tests, plain text): `@/`
    /// links lead nowhere (`#`).
    pub fn plain() -> Context<'static> {
        Context { targets: None, root: "", ids: RefCell::new(Vec::new()) }
    }

    /// The relative URL of an `@/` link (`@/services/agresso.toml#records`
    /// → `../../tjanster/agresso/index.html#records`), or `None` when it
    /// names no page (validation has reported it).
    pub(super) fn resolve(&self, url: &str) -> Option<String> {
        let path = url.strip_prefix("@/")?;
        let (file, fragment) = path.split_once('#').map_or((path, None), |(f, a)| (f, Some(a)));
        let link = (self.targets?)(file)?;
        let mut out = String::with_capacity(self.root.len() + link.len() + fragment.map_or(0, |f| f.len() + 1));
        out.push_str(self.root);
        out.push_str(&link);
        if let Some(f) = fragment {
            out.push('#');
            out.push_str(f);
        }
        Some(out)
    }

    /// The id of a heading with this text: its slug, free on the page.
    pub(super) fn heading_id(&self, text: &str) -> String {
        anchors::heading_id(text, &mut self.ids.borrow_mut())
    }

    /// How many heading ids are taken (to undo a pass that is thrown away).
    pub(super) fn taken(&self) -> usize {
        self.ids.borrow().len()
    }

    /// Frees the heading ids taken after the first `n`.
    pub(super) fn release(&self, n: usize) {
        self.ids.borrow_mut().truncate(n);
    }
}
