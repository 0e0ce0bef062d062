//! Ids: the file and folder names that become URLs and references.

/// Whether `id` is a valid id: lowercase ASCII letters, digits and `-`,
/// starting with a letter or digit.
pub fn is_valid(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The longest id derived from a title; longer titles are cut at a dash.
pub const MAX_DERIVED: usize = 60;

/// The id for a title (what `insyn new` and `insyn import` name a new file):
/// [`slugify`], cut at a dash when very long.
pub fn derive(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_DERIVED {
        return slug;
    }
    let cut = slug[..MAX_DERIVED].rfind('-').unwrap_or(MAX_DERIVED);
    slug[..cut].trim_end_matches('-').to_string()
}

/// Turns a title into a valid id: å→a, ä→a, ö→o, é→e, spaces and other
/// characters → `-`, lowercase, no leading, trailing or double dashes.
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'a'..='z' | '0'..='9' => Some(c),
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => Some('a'),
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => Some('o'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'ü' | 'ú' | 'ù' | 'û' => Some('u'),
            'í' | 'ì' | 'î' | 'ï' => Some('i'),
            'ç' => Some('c'),
            'ñ' => Some('n'),
            'æ' => Some('a'),
            _ => None,
        };
        match mapped {
            Some(m) => out.push(m),
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// What to say when a name is not a valid id: the help line, with a valid
/// name derived from it.
pub fn help_for(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        "use lowercase letters a–z, digits and -, e.g. agresso-minnesbrist".to_string()
    } else {
        format!("use lowercase letters a–z, digits and - only; rename it to `{slug}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        assert_eq!(derive("Ingen kontakt med databasen"), "ingen-kontakt-med-databasen");
        assert_eq!(derive("Stöd i ekonomiprocesser"), "stod-i-ekonomiprocesser");
        assert_eq!(derive("Åtgärder för öppenhet"), "atgarder-for-oppenhet");
        let long = derive("Inte tillräckligt med minne på alla fyra servrarna, ingen kontakt med servrarna");
        assert!(long.len() <= MAX_DERIVED && !long.ends_with('-') && is_valid(&long), "{long}");
    }

    #[test]
    fn valid_ids() {
        assert!(is_valid("visma-recruit"));
        assert!(is_valid("2023-q1"));
        assert!(!is_valid("-x"));
        assert!(!is_valid("Visma"));
        assert!(!is_valid("löner"));
        assert!(!is_valid(""));
        assert!(!is_valid("a b"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Stöd i arbetet med löner"), "stod-i-arbetet-med-loner");
        assert_eq!(slugify("  Ärende: 4G-störning!  "), "arende-4g-storning");
        assert_eq!(slugify("Åtgärd"), "atgard");
        assert_eq!(slugify("???"), "");
    }
}
