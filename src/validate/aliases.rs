//! Aliases: earlier URL paths that must keep working.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;

/// Checks one alias path; the error is the message.
pub fn check_alias(alias: &str) -> Result<(), &'static str> {
    if alias.contains("://") || alias.starts_with("//") {
        return Err("an alias is a path on this site, not an address with a scheme or host");
    }
    if !alias.starts_with('/') {
        return Err("an alias must start with /");
    }
    if alias.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err("an alias cannot contain . or .. segments");
    }
    // `:` too: `/C:/x/` would be a drive path on Windows, outside the output.
    if alias.contains(['\\', '?', '#', '%', '\0', '<', '>', '"', '\'', ' ', '\t', '\n', '\r', ':', '*', '|']) {
        return Err("an alias can contain only letters, digits, - _ . and /");
    }
    if alias == "/" {
        return Err("the alias / would replace the overview page");
    }
    Ok(())
}

/// Every alias is an absolute path inside the site.
pub fn aliases_are_site_paths(site: &Site, diags: &mut Diagnostics) {
    for r in site.all_records() {
        for a in &r.aliases {
            if let Err(message) = check_alias(&a.value) {
                diags.push(
                    Diagnostic::error(&r.file, Some(a.span.clone()), format!("alias \"{}\": {message}", a.value))
                        .with_help("write the old path from the site root, e.g. aliases = [\"/2023/agresso-minne/\"]"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_alias;

    #[test]
    fn alias_rules() {
        assert!(check_alias("/old/url/").is_ok());
        assert!(check_alias("/old/page.html").is_ok());
        assert!(check_alias("old/url/").is_err());
        assert!(check_alias("/../etc/").is_err());
        assert!(check_alias("https://evil.example/").is_err());
        assert!(check_alias("//evil.example/x").is_err());
        assert!(check_alias("/").is_err());
        assert!(check_alias("/a%2e%2e/").is_err());
        assert!(check_alias("/C:/Windows/").is_err());
        assert!(check_alias("/a/*/").is_err());
    }
}
