//! Heading ids as Zola and Hugo give them: the heading's text, lowercase,
//! Latin letters without their accents, every run of other characters one
//! `-`.

/// The slug of a heading's text: `Åtgärder och lärdomar` → `atgarder-och-lardomar`.
/// Letters and digits of other scripts are kept (lowercase); a text with
/// none gives `section`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => Some("a"),
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => Some("o"),
            'é' | 'è' | 'ê' | 'ë' => Some("e"),
            'ü' | 'ú' | 'ù' | 'û' => Some("u"),
            'í' | 'ì' | 'î' | 'ï' => Some("i"),
            'ç' => Some("c"),
            'ñ' => Some("n"),
            'ý' | 'ÿ' => Some("y"),
            'æ' => Some("ae"),
            'ß' => Some("ss"),
            _ => None,
        };
        if plain.is_none() && !c.is_alphanumeric() {
            dash = !out.is_empty();
            continue;
        }
        if dash {
            out.push('-');
            dash = false;
        }
        match plain {
            Some(p) => out.push_str(p),
            None => out.push(c),
        }
    }
    if out.is_empty() { "section".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("Åtgärder och lärdomar"), "atgarder-och-lardomar");
        assert_eq!(slug("  What went wrong?  "), "what-went-wrong");
        assert_eq!(slug("Q1 2023: <b>fel</b>"), "q1-2023-b-fel-b");
        assert_eq!(slug("!!!"), "section");
    }
}
