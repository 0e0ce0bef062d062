//! The theme's UI strings and URL words for the site's language.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::layout::UrlWords;
use crate::time::{Date, Moment};
use crate::vocab::{Kind, Severity, Status, Tier};

/// `template` with every `{name}` of `values` replaced by its value, in
/// one pass: a value is not searched for placeholders again, and braces
/// around other words are kept as they are.
fn fill_placeholders(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(k, _)| *k == name).map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `tag` is usable as a `lang` value: letters, digits and hyphens,
/// starting with a letter (BCP 47 shape; the value goes into an attribute).
pub fn is_language_tag(tag: &str) -> bool {
    tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !tag.ends_with('-')
}

/// Everything the theme says in one language.
#[derive(Debug, Clone, Deserialize)]
pub struct I18n {
    /// Month names, January first.
    pub months: Vec<String>,
    /// URL words.
    pub url: UrlWords,
    /// Words of another language used in this one, by language tag
    /// (`en = ["major incident"]`): templates mark them with `lang`.
    #[serde(default)]
    pub other_languages: BTreeMap<String, Vec<String>>,
    /// Every other UI string, by key.
    #[serde(flatten)]
    pub strings: BTreeMap<String, String>,
}

impl I18n {
    /// Parses an i18n file; the error is toml's message.
    pub fn parse(text: &str) -> Result<I18n, String> {
        let i18n: I18n = toml::from_str(text).map_err(|e| e.to_string())?;
        if i18n.months.len() != 12 {
            return Err("`months` must list 12 month names".to_string());
        }
        if let Some(tag) = i18n.other_languages.keys().find(|t| !is_language_tag(t)) {
            return Err(format!("`{tag}` in [other_languages] is not a language tag such as \"en\" or \"sv\""));
        }
        Ok(i18n)
    }

    /// The string for `key`, or the key itself so a missing string shows.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with its `{name}` placeholders filled in from
    /// `values` ("{n} rader" with `[("n", "12")]` is "12 rader").
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill_placeholders(self.get(key), values)
    }

    /// "14 februari 2023".
    pub fn date(&self, d: Date) -> String {
        let month = self.months.get(usize::from(d.month).saturating_sub(1)).map_or("", String::as_str);
        let (day, year) = (d.day.to_string(), d.year.to_string());
        self.fill("date_format", &[("day", &day), ("month", month), ("year", &year)])
    }

    /// "14 februari 2023 kl. 08:10" (the time as written, in its own offset).
    pub fn moment(&self, m: &Moment) -> String {
        match m.time {
            None => self.date(m.date),
            Some(t) => self.fill("datetime_format", &[("date", &self.date(m.date)), ("time", &t.clock())]),
        }
    }

    /// Label of a kind, e.g. "Major incident".
    pub fn kind(&self, kind: Kind) -> &str {
        self.get(match kind {
            Kind::Incident => "kind_incident",
            Kind::MajorIncident => "kind_major_incident",
            Kind::PersonalDataIncident => "kind_personal_data_incident",
            Kind::QualityDeficiency => "kind_quality_deficiency",
            Kind::UnmetNeed => "kind_unmet_need",
        })
    }

    /// Plural label of a kind, e.g. "Major incidents".
    pub fn kind_plural(&self, kind: Kind) -> &str {
        self.get(match kind {
            Kind::Incident => "kinds_incident",
            Kind::MajorIncident => "kinds_major_incident",
            Kind::PersonalDataIncident => "kinds_personal_data_incident",
            Kind::QualityDeficiency => "kinds_quality_deficiency",
            Kind::UnmetNeed => "kinds_unmet_need",
        })
    }

    /// Label of a status.
    pub fn status(&self, status: Status) -> &str {
        self.get(match status {
            Status::Open => "status_open",
            Status::InProgress => "status_in_progress",
            Status::Resolved => "status_resolved",
        })
    }

    /// Label of a severity.
    pub fn severity(&self, severity: Severity) -> &str {
        self.get(match severity {
            Severity::Low => "severity_low",
            Severity::Medium => "severity_medium",
            Severity::High => "severity_high",
        })
    }

    /// Label of a tier.
    pub fn tier(&self, tier: Tier) -> &str {
        self.get(match tier {
            Tier::Base => "tier_base",
            Tier::Addon => "tier_addon",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::fill_placeholders as fill;

    #[test]
    fn language_tags() {
        use super::is_language_tag;
        assert!(
            is_language_tag("en-GB") && !is_language_tag("en\"") && !is_language_tag("") && !is_language_tag("-en")
        );
    }

    #[test]
    fn fill_replaces_named_placeholders_once() {
        let values = [("day", "4"), ("month", "{year}"), ("year", "2026")];
        assert_eq!(fill("{day} {month} {year}", &values), "4 {year} 2026");
        assert_eq!(fill("{{day}} {other} {", &values), "{4} {other} {");
        assert_eq!(fill("inga", &values), "inga");
        assert_eq!(fill("", &[]), "");
    }
}
