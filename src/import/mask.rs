//! Masking personal data in imported text: ticket texts name people, and
//! nothing identifying may reach the content. Every finding of the
//! personal-data guard is replaced by a placeholder in the site's language
//! (`[personnummer borttaget]`), and the kinds found are returned so that
//! the editor is told where (never what).

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::theme::files::Theme;
use crate::theme::i18n::I18n;
use crate::validate::privacy::{self, PersonalDataKind};

/// The placeholders, one per kind of personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholders {
    /// For a personal identity number.
    pub personal_identity_number: String,
    /// For a coordination number.
    pub coordination_number: String,
    /// For an e-mail address.
    pub email: String,
    /// For a phone number.
    pub phone_number: String,
}

/// The i18n keys of the placeholders, with the English text used when a
/// site's own i18n file lacks one.
const KEYS: [(&str, &str); 4] = [
    ("import_masked_personal_identity_number", "[personal identity number removed]"),
    ("import_masked_coordination_number", "[coordination number removed]"),
    ("import_masked_email", "[e-mail address removed]"),
    ("import_masked_phone_number", "[phone number removed]"),
];

impl Placeholders {
    /// The placeholders of the site's theme in its language.
    pub fn for_site(root: &Path, theme: &str, language: &str) -> Placeholders {
        let mut sink = Diagnostics::new();
        let i18n = Theme::load(root, theme, &mut sink)
            .and_then(|t| t.get(&format!("i18n/{language}.toml")).map(|f| f.bytes.clone()))
            .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
            .and_then(|text| I18n::parse(&text).ok());
        let text = |(key, fallback): (&str, &str)| match &i18n {
            Some(i) if i.get(key) != key => i.get(key).to_string(),
            _ => fallback.to_string(),
        };
        Placeholders {
            personal_identity_number: text(KEYS[0]),
            coordination_number: text(KEYS[1]),
            email: text(KEYS[2]),
            phone_number: text(KEYS[3]),
        }
    }

    fn of(&self, kind: PersonalDataKind) -> &str {
        match kind {
            PersonalDataKind::PersonalIdentityNumber => &self.personal_identity_number,
            PersonalDataKind::CoordinationNumber => &self.coordination_number,
            PersonalDataKind::Email => &self.email,
            PersonalDataKind::PhoneNumber => &self.phone_number,
        }
    }
}

/// Masks text with the site's allow list and placeholders.
#[derive(Debug, Clone)]
pub struct Masker {
    allow: Vec<String>,
    placeholders: Placeholders,
}

impl Masker {
    /// A masker that lets `allow` (the site's `[privacy] allow`) through.
    pub fn new(allow: Vec<String>, placeholders: Placeholders) -> Masker {
        Masker { allow, placeholders }
    }

    /// `text` with every finding replaced by its placeholder, and the
    /// kinds found, in order.
    pub fn mask(&self, text: &str) -> (String, Vec<PersonalDataKind>) {
        let findings = privacy::scan(text, &self.allow);
        if findings.is_empty() {
            return (text.to_string(), Vec::new());
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for f in &findings {
            out.push_str(&text[last..f.range.start]);
            out.push_str(self.placeholders.of(f.kind));
            last = f.range.end;
        }
        out.push_str(&text[last..]);
        (out, findings.iter().map(|f| f.kind).collect())
    }

    /// `text` masked, for quoting in the report.
    pub fn quote(&self, text: &str) -> String {
        self.mask(text).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn swedish() -> Masker {
        let p = Placeholders {
            personal_identity_number: "[personnummer borttaget]".into(),
            coordination_number: "[samordningsnummer borttaget]".into(),
            email: "[e-postadress borttagen]".into(),
            phone_number: "[telefonnummer borttaget]".into(),
        };
        Masker::new(vec!["servicedesk@example.se".into()], p)
    }

    #[test]
    fn findings_become_placeholders_and_allowed_strings_stay() {
        let (text, kinds) = swedish().mask("Anna (19121212-1212, anna.s@example.se) ringde servicedesk@example.se.");
        assert_eq!(text, "Anna ([personnummer borttaget], [e-postadress borttagen]) ringde servicedesk@example.se.");
        assert_eq!(kinds, vec![PersonalDataKind::PersonalIdentityNumber, PersonalDataKind::Email]);
        assert_eq!(swedish().mask("Inget här, INC0012345."), ("Inget här, INC0012345.".to_string(), vec![]));
    }
}
