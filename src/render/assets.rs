//! The theme's static files, fingerprinted so the web server can cache them
//! for a year: `static/style.css` is written as `static/style.<hash>.css`.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::sink::OutputFile;
use crate::theme::Theme;

/// The theme's static files as output, and where each original name went.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// Output files.
    pub files: Vec<OutputFile>,
    /// Original name (`style.css`) → output path (`static/style.1a2b3c4d5e.css`).
    pub paths: BTreeMap<String, String>,
}

/// A short content hash: the first 10 hex digits of SHA-256.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// Collects and fingerprints every file under the theme's `static/`.
pub fn collect(theme: &Theme) -> Assets {
    let mut assets = Assets::default();
    for file in theme.under("static/") {
        let name = file.path.trim_start_matches("static/").to_string();
        let hash = fingerprint(&file.bytes);
        let out = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => format!("static/{stem}.{hash}.{ext}"),
            _ => format!("static/{name}.{hash}"),
        };
        assets.paths.insert(name, out.clone());
        assets.files.push(OutputFile { path: out, bytes: file.bytes.clone() });
    }
    assets
}
