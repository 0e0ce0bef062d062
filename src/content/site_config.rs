//! `site.toml`: the site's settings, declared once, then checked and
//! normalised into [`SiteConfig`].

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use toml::de::{DeTable, DeValue};

use crate::content::fields::Fields;
use crate::content::schema::{ReadElsewhere, declare_table};
use crate::content::spanned::Spanned;
use crate::content::{ids, toml_file};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::vocab::{Kind, Language, Licence, Stage};

declare_table! {
    /// `site.toml` as written.
    pub struct SiteFile as "site.toml" {
        /// The site's title.
        title: String = required { example: "\"Kvalitetsavvikelser i gemensamma IT-tjänster\"" },
        /// The absolute address where the site is published; its path is the site's prefix.
        base_url: Spanned<String> = required { example: "\"https://www.example.se/avvikelser/\"" },
        /// sv or en: the theme's UI strings and URL words.
        language: Language = default(Language::Sv) { example: "\"sv\"", absent: "sv" },
        /// The organisation that publishes the report.
        organisation: Option<String> = optional { example: "\"Intraservice, Göteborgs Stad\"", absent: "not shown" },
        /// One sentence about the site, for search engines and the feed.
        description: Option<String> = optional { example: "\"…\"", absent: "none" },
        /// The folder under themes/ whose files override the built-in theme.
        theme: Option<Spanned<String>> = optional { example: "\"default\"", absent: "default" },
        /// The period the overview is about.
        current_period: Option<Spanned<String>> = optional {
            example: "\"2023-q1\"",
            absent: "the period with the latest end date",
        },
        /// An IANA time zone: where a date without a time of day begins (deadlines count from there).
        time_zone: Option<Spanned<String>> = optional { example: "\"Europe/Stockholm\"", absent: "Europe/Stockholm" },
        /// An area of services; at least one; the order here is the order on the site.
        areas: Vec<AreaFile> = tables { absent: "none, which is an error: a site needs at least one area" },
        /// Settings of the personal-data guard.
        privacy: Privacy = table { absent: "no exceptions" },
        /// A supervisory authority that certain deviations must be reported to, with its deadlines.
        authorities: Vec<AuthorityFile> = tables {
            absent: "IMY (Integritetsskyddsmyndigheten): personal-data incidents, a notification within 72 hours",
        },
        /// How the exports are offered for reuse.
        open_data: OpenData = table { absent: "CC0-1.0, no publisher id, no contact" },
        /// How insyn import reads the incident-management system's export (see the README).
        import: Option<ReadElsewhere> = optional {
            example: "{ preset = \"servicenow\" }",
            absent: "insyn import asks for it",
        },
    }

    /// An area of services (`[[areas]]`).
    pub struct AreaFile as "[[areas]]" {
        /// The area's id, used in URLs and by services' area.
        id: Spanned<String> = required { example: "\"hr\"" },
        /// The name readers see.
        name: String = required { example: "\"HR\"" },
        /// A description shown on the area's page (Markdown).
        description: Option<String> = optional { example: "\"…\"", absent: "none" },
    }

    /// A supervisory authority (`[[authorities]]`).
    pub struct AuthorityFile as "[[authorities]]" {
        /// Its id, as records name it in [[reports]] authority.
        id: Spanned<String> = required { example: "\"imy\"" },
        /// Its name, as readers see it.
        name: String = required { example: "\"Integritetsskyddsmyndigheten (IMY)\"" },
        /// The record kinds that must be reported to it, unless a record says reported_to_authority = false.
        kinds: Vec<Spanned<Kind>> = default(Vec::new()) { example: "[\"personal-data-incident\"]", absent: "none" },
        /// Hours from `detected` to each stage of the report, e.g. { notification = 72 } or { early-warning = 24,
        /// notification = 72, final = 720 }.
        deadlines: Deadlines = table { absent: "no stage is required" },
    }

    /// Hours from detection to each stage of a report (`deadlines`).
    #[derive(Default)]
    pub struct Deadlines as "deadlines" {
        /// Hours to the early warning.
        early_warning: Option<Spanned<u64>> = optional {
            key: "early-warning",
            example: "24",
            absent: "no early warning",
        },
        /// Hours to the notification.
        notification: Option<Spanned<u64>> = optional { example: "72", absent: "no notification" },
        /// Hours to the final report.
        final_report: Option<Spanned<u64>> = optional { key: "final", example: "720", absent: "no final report" },
    }

    /// `[privacy]`.
    #[derive(Default)]
    pub struct Privacy as "[privacy]" {
        /// Exact strings the personal-data guard accepts (a public contact address, a switchboard number).
        allow: Vec<String> = default(Vec::new()) { example: "[\"kontaktcenter@example.se\"]", absent: "none" },
    }

    /// `[open_data]`.
    pub struct OpenData as "[open_data]" {
        /// CC0-1.0 or CC-BY-4.0.
        licence: Licence = default(Licence::Cc0) { example: "\"CC0-1.0\"", absent: "CC0-1.0" },
        /// SE and the 10-digit organisation number: names the publisher to the national data portal.
        publisher_id: Option<Spanned<String>> = optional {
            example: "\"SE2120001355\"",
            absent: "the site itself is the publisher",
        },
        /// Where reusers of the data ask questions.
        contact_url: Option<Spanned<String>> = optional {
            example: "\"https://www.example.se/kontakt\"",
            absent: "none",
        },
    }
}

impl Default for OpenData {
    fn default() -> Self {
        OpenData { licence: Licence::Cc0, publisher_id: None, contact_url: None }
    }
}

/// An organisational area of services (HR, finance …), from `[[areas]]`.
#[derive(Debug, Clone)]
pub struct Area {
    /// The id used in URLs and references.
    pub id: String,
    /// The name shown to readers.
    pub name: String,
    /// Markdown description.
    pub description: Option<String>,
}

/// A supervisory authority and its deadlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// Its id, as records name it.
    pub id: String,
    /// Its name, shown to readers.
    pub name: String,
    /// The record kinds that must be reported to it.
    pub kinds: Vec<Kind>,
    /// Each required stage and its hours from detection, in stage order.
    pub deadlines: Vec<(Stage, u64)>,
}

impl Authority {
    /// The authority every site knows when `site.toml` names none: the
    /// Swedish data protection authority, to which a personal-data incident
    /// is reported within 72 hours (GDPR art. 33).
    pub fn imy() -> Authority {
        Authority {
            id: "imy".to_string(),
            name: "Integritetsskyddsmyndigheten (IMY)".to_string(),
            kinds: vec![Kind::PersonalDataIncident],
            deadlines: vec![(Stage::Notification, 72)],
        }
    }

    /// The hours allowed for `stage`, when the authority has that stage.
    pub fn hours(&self, stage: Stage) -> Option<u64> {
        self.deadlines.iter().find(|(s, _)| *s == stage).map(|&(_, h)| h)
    }
}

/// `site.toml`, checked: what every later stage reads.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The file, relative to the root (always `site.toml`).
    pub file: PathBuf,
    /// The site's title.
    pub title: String,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// UI language.
    pub language: Language,
    /// The organisation that publishes the report.
    pub organisation: Option<String>,
    /// Used in `<meta name="description">` and the feed.
    pub description: Option<String>,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// The period the overview is about, when set explicitly.
    pub current_period: Option<Spanned<String>>,
    /// Areas in the order the site shows them.
    pub areas: Vec<Area>,
    /// Exact strings the personal-data guard accepts.
    pub privacy_allow: Vec<String>,
    /// Licence of the open data.
    pub licence: Licence,
    /// "SE" + organisation number, naming the publisher to the data portal.
    pub publisher_id: Option<String>,
    /// Where reusers of the data ask questions.
    pub contact_url: Option<String>,
    /// Where a date without a time of day begins.
    pub time_zone: TimeZone,
    /// Supervisory authorities (IMY alone when `site.toml` names none).
    pub authorities: Vec<Authority>,
}

/// The time zone of a site whose `site.toml` names none.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Stockholm";

/// What `site.toml` gave: the settings, when they are usable, and the
/// personal-data guard's allow list, which is known even when other
/// settings are wrong (so that one mistake in `site.toml` does not make the
/// guard refuse strings the site allows).
#[derive(Debug, Default)]
pub struct SiteToml {
    /// The settings; `None` when they are unusable (the errors are reported).
    pub config: Option<SiteConfig>,
    /// `[privacy] allow`.
    pub privacy_allow: Vec<String>,
}

/// Reads `site.toml` from its text.
pub fn read(file: &Path, text: &str, diags: &mut Diagnostics) -> SiteToml {
    let Some(table) = toml_file::parse(file, text, 0, diags) else { return SiteToml::default() };
    let mut f = Fields::new(file, &table, 0, 0..0, SiteFile::DOC.keys, diags);
    let written = SiteFile::from_fields(&mut f);
    f.finish();
    let Some(written) = written else {
        // A required setting is missing (reported): the allow list is still
        // taken, as far as it reads, without reporting it again.
        return SiteToml { config: None, privacy_allow: allow_list(&table) };
    };
    let privacy_allow = written.privacy.allow.clone();
    let config = check(file, written, diags);
    SiteToml { config, privacy_allow }
}

/// The value of `key` in `table`.
fn get<'t, 'd>(table: &'t DeTable<'d>, key: &str) -> Option<&'t DeValue<'d>> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v.get_ref())
}

/// `[privacy] allow` as far as it reads, from a `site.toml` whose other
/// settings failed.
fn allow_list(table: &DeTable<'_>) -> Vec<String> {
    let Some(DeValue::Table(privacy)) = get(table, "privacy") else { return Vec::new() };
    let Some(DeValue::Array(items)) = get(privacy, "allow") else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| match item.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        })
        .collect()
}

/// The checks and defaults that need more than one field at a time.
fn check(file: &Path, w: SiteFile, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let base_url = match normalise_base_url(&w.base_url.value) {
        Ok(url) => Some(url),
        Err(help) => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(w.base_url.span.clone()),
                    format!("`base_url` \"{}\" is not an absolute web address", w.base_url.value),
                )
                .with_help(help),
            );
            None
        }
    };
    let theme = match w.theme {
        Some(t) if !ids::is_valid(&t.value) => {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(t.span),
                    format!("`theme` \"{}\" is not a folder name insyn can use", t.value),
                )
                .with_help(ids::help_for(&t.value)),
            );
            None
        }
        Some(t) => Some(t.value),
        None => Some("default".to_string()),
    };
    if w.areas.is_empty() {
        diags.push(
            Diagnostic::error(file, Some(0..0), "the site has no areas")
                .with_help("add at least one area:\n[[areas]]\nid = \"hr\"\nname = \"HR\""),
        );
    }
    let mut areas: Vec<Area> = Vec::new();
    for a in w.areas {
        if !ids::is_valid(&a.id.value) {
            diags.push(
                Diagnostic::error(file, Some(a.id.span), format!("area id \"{}\" is not a valid id", a.id.value))
                    .with_help(ids::help_for(&a.id.value)),
            );
            continue;
        }
        if areas.iter().any(|x| x.id == a.id.value) {
            diags.push(
                Diagnostic::error(file, Some(a.id.span), format!("there are two areas with the id \"{}\"", a.id.value))
                    .with_help("give each area its own id"),
            );
            continue;
        }
        areas.push(Area { id: a.id.value, name: a.name, description: a.description });
    }
    let publisher_id = w.open_data.publisher_id.and_then(|p| {
        let digits = p.value.strip_prefix("SE").unwrap_or("");
        if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Some(p.value);
        }
        diags.push(
            Diagnostic::error(
                file,
                Some(p.span),
                format!("`publisher_id` \"{}\" is not SE followed by a 10-digit organisation number", p.value),
            )
            .with_help("write it without a dash, e.g. publisher_id = \"SE2120001355\""),
        );
        None
    });
    let contact_url = w.open_data.contact_url.and_then(|c| {
        if c.value.starts_with("https://") || c.value.starts_with("http://") {
            return Some(c.value);
        }
        diags.push(
            Diagnostic::error(file, Some(c.span), "`contact_url` must be an absolute web address")
                .with_help("write it in full, e.g. contact_url = \"https://www.example.se/kontakt\""),
        );
        None
    });
    let time_zone = match &w.time_zone {
        None => TimeZone::get(DEFAULT_TIME_ZONE).ok(),
        Some(name) => match TimeZone::get(&name.value) {
            Ok(tz) => Some(tz),
            Err(_) => {
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(name.span.clone()),
                        format!("`time_zone` \"{}\" is not a time zone insyn knows", name.value),
                    )
                    .with_help(format!("write an IANA zone name, e.g. time_zone = \"{DEFAULT_TIME_ZONE}\" or \"UTC\"")),
                );
                None
            }
        },
    };
    let authorities = authorities(file, w.authorities, diags);
    Some(SiteConfig {
        file: file.to_path_buf(),
        title: w.title,
        base_url: base_url?,
        language: w.language,
        organisation: w.organisation,
        description: w.description,
        theme: theme?,
        current_period: w.current_period,
        areas,
        privacy_allow: w.privacy.allow,
        licence: w.open_data.licence,
        publisher_id,
        contact_url,
        time_zone: time_zone?,
        authorities,
    })
}

/// The authorities as written, checked (ids valid and unique, hours above
/// zero); IMY alone when there are none.
fn authorities(file: &Path, written: Vec<AuthorityFile>, diags: &mut Diagnostics) -> Vec<Authority> {
    if written.is_empty() {
        return vec![Authority::imy()];
    }
    let mut out: Vec<Authority> = Vec::new();
    for a in written {
        if !ids::is_valid(&a.id.value) {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(a.id.span.clone()),
                    format!("authority id \"{}\" is not a valid id", a.id.value),
                )
                .with_help(ids::help_for(&a.id.value)),
            );
            continue;
        }
        if out.iter().any(|x| x.id == a.id.value) {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(a.id.span.clone()),
                    format!("there are two authorities with the id \"{}\"", a.id.value),
                )
                .with_help("give each authority its own id"),
            );
            continue;
        }
        let d = a.deadlines;
        let mut deadlines = Vec::new();
        for (stage, hours) in [
            (Stage::EarlyWarning, d.early_warning),
            (Stage::Notification, d.notification),
            (Stage::Final, d.final_report),
        ] {
            let Some(hours) = hours else { continue };
            if hours.value == 0 {
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(hours.span),
                        format!("the deadline for {} cannot be 0 hours", stage.key()),
                    )
                    .with_help("write the hours from detection, e.g. notification = 72"),
                );
                continue;
            }
            deadlines.push((stage, hours.value));
        }
        let mut kinds: Vec<Kind> = a.kinds.into_iter().map(|k| k.value).collect();
        kinds.dedup();
        out.push(Authority { id: a.id.value, name: a.name, kinds, deadlines });
    }
    out
}

/// Checks a base URL and gives it a trailing slash; the error is the help line.
pub fn normalise_base_url(url: &str) -> Result<String, String> {
    let help = "write the full address where the site will be published, e.g. base_url = \"https://www.example.se/avvikelser/\"".to_string();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or_else(|| help.clone())?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
        return Err(help);
    }
    let mut out = url.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}
