//! The README's lists of export columns are written from the columns'
//! declarations in `src/render/exports/`: this test fails when they differ,
//! and rewrites the README's sections when `INSYN_UPDATE_DOCS=1` is set.

use std::path::Path;

use insyn::render::exports::docs;

#[test]
fn the_readme_documents_the_export_columns_as_declared() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let updated = docs::update_readme(&readme).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("INSYN_UPDATE_DOCS").is_some_and(|v| v == "1") {
        if updated != readme {
            std::fs::write(&path, &updated).expect("write README.md");
        }
        return;
    }
    if let Some((line, (was, wants))) = readme.lines().zip(updated.lines()).enumerate().find(|(_, (a, b))| a != b) {
        panic!(
            "README.md's export columns are out of date with src/render/exports/ (line {}):\n  README: {was}\n  declared: {wants}\n\
             Run `INSYN_UPDATE_DOCS=1 cargo test --test readme_columns` to rewrite the section, and commit README.md.",
            line + 1
        );
    }
    assert!(
        updated == readme,
        "README.md's export columns are out of date with src/render/exports/: run \
         `INSYN_UPDATE_DOCS=1 cargo test --test readme_columns` to rewrite the section, and commit README.md"
    );
}
