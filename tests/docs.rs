//! The docs agree with the code: the README's field reference is the one
//! the tables' declarations give. Run with `INSYN_UPDATE_DOCS=1` to rewrite
//! the README's copy after changing a declaration.

use std::path::Path;

const START: &str = "<!-- fields:start (written by tests/docs.rs from the declarations in src/content/; run INSYN_UPDATE_DOCS=1 cargo test --test docs) -->\n";
const END: &str = "<!-- fields:end -->";

#[test]
fn the_readme_lists_every_field_as_declared() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no field reference between {START:?} and {END:?}");
    };
    let wanted = insyn::content::reference::markdown();
    let current = &readme[start + START.len()..end];
    if current == wanted {
        return;
    }
    if std::env::var_os("INSYN_UPDATE_DOCS").is_some() {
        let updated = [&readme[..start + START.len()], &wanted, &readme[end..]].concat();
        std::fs::write(&path, updated).expect("README.md written");
        return;
    }
    panic!("the README's field reference is out of date: run INSYN_UPDATE_DOCS=1 cargo test --test docs");
}
