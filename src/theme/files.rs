//! The theme: templates, static files and i18n strings. The default theme
//! is built into the binary; a site's `themes/<name>/` folder overrides it
//! file by file, so a site without a `themes/` folder still builds.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// A file of the theme: its path inside the theme folder and its bytes.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path inside the theme, e.g. `templates/base.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
    /// Where it came from, for messages: a path relative to the site root,
    /// or `(built-in default theme)`.
    pub origin: PathBuf,
}

/// All files of the theme in effect.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Every file, sorted by path.
    pub files: Vec<ThemeFile>,
}

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme, as built into the binary.
pub const DEFAULT_THEME: &[(&str, &[u8])] = embed!(
    "i18n/en.toml",
    "i18n/sv.toml",
    "static/search.js",
    "static/snowball-stemmers.js",
    "static/style.css",
    "templates/404.html",
    "templates/alias.html",
    "templates/area.html",
    "templates/areas.html",
    "templates/base.html",
    "templates/data.html",
    "templates/facet.html",
    "templates/follow_up.html",
    "templates/macros.html",
    "templates/overview.html",
    "templates/page.html",
    "templates/period.html",
    "templates/periods.html",
    "templates/record.html",
    "templates/records.html",
    "templates/search.html",
    "templates/service.html",
    "templates/services.html",
    "templates/site_header.html",
);

impl Theme {
    /// Loads theme `name` for the site at `root`: the built-in default,
    /// overridden by every file under `themes/<name>/`.
    pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
        let mut files: Vec<ThemeFile> = DEFAULT_THEME
            .iter()
            .map(|(path, bytes)| ThemeFile {
                path: (*path).to_string(),
                bytes: bytes.to_vec(),
                origin: PathBuf::from(format!("(built-in default theme) {path}")),
            })
            .collect();
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name != "default" {
                diags.push(
                    Diagnostic::error(Path::new("site.toml"), None, format!("the theme \"{name}\" does not exist"))
                        .with_help(format!("create themes/{name}/, or remove `theme` to use the default theme")),
                );
                return None;
            }
            return Some(Theme { files });
        }
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let rel_site = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
            if entry.path_is_symlink() {
                let inside = entry.path().canonicalize().is_ok_and(|t| t.starts_with(&canonical_root));
                if !inside {
                    diags.push(
                        Diagnostic::error(&rel_site, None, "this symbolic link points outside the site folder")
                            .with_help("copy the file into the theme instead of linking to it"),
                    );
                    continue;
                }
            }
            if !entry.path().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else { continue };
            let path = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if path.split('/').any(|seg| seg.starts_with('.')) {
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    let file = ThemeFile { path: path.clone(), bytes, origin: rel_site };
                    match files.iter_mut().find(|f| f.path == path) {
                        Some(existing) => *existing = file,
                        None => files.push(file),
                    }
                }
                Err(e) => diags.push(Diagnostic::error(&rel_site, None, format!("cannot read the theme file: {e}"))),
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Some(Theme { files })
    }

    /// The file at `path` inside the theme.
    pub fn get(&self, path: &str) -> Option<&ThemeFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// Files under a folder of the theme, e.g. `templates/`.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a ThemeFile> + 'a {
        self.files.iter().filter(move |f| f.path.starts_with(folder))
    }
}

#[cfg(test)]
mod tests {
    use super::DEFAULT_THEME;

    #[test]
    fn every_default_theme_file_is_built_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.path().strip_prefix(&dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
            .collect();
        on_disk.sort();
        let built_in: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| (*p).to_string()).collect();
        assert_eq!(on_disk, built_in, "list every file of themes/default in DEFAULT_THEME");
    }
}
