//! The things a site is made of, as plain data: the settings, areas,
//! services, periods, records and free pages. The loader fills them from the
//! files; every later stage only reads them.

use std::ops::Range;
use std::path::PathBuf;

use super::time::{Date, Moment};

/// A value with the byte range in its file where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it stands in the file.
    pub span: Range<usize>,
}

/// The reader's language: chooses the theme's UI strings and URL words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Swedish (the default).
    Sv,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 code used in `lang` attributes and file names.
    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}

/// The licence the open data is offered under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Licence {
    /// Creative Commons Zero 1.0 (the default).
    Cc0,
    /// Creative Commons Attribution 4.0.
    CcBy4,
}

impl Licence {
    /// The SPDX identifier, as written in `site.toml`.
    pub fn spdx(self) -> &'static str {
        match self {
            Licence::Cc0 => "CC0-1.0",
            Licence::CcBy4 => "CC-BY-4.0",
        }
    }

    /// The canonical IRI the national data portal expects.
    pub fn iri(self) -> &'static str {
        match self {
            Licence::Cc0 => "http://creativecommons.org/publicdomain/zero/1.0/",
            Licence::CcBy4 => "http://creativecommons.org/licenses/by/4.0/",
        }
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

/// `site.toml`.
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
}

/// Base service or add-on service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// A base service (bastjänst).
    Base,
    /// An add-on service (tilläggstjänst).
    Addon,
}

impl Tier {
    /// The word used in the content format.
    pub fn key(self) -> &'static str {
        match self {
            Tier::Base => "base",
            Tier::Addon => "addon",
        }
    }
}

/// One IT service of the catalogue.
#[derive(Debug, Clone)]
pub struct Service {
    /// Id from the file name.
    pub id: String,
    /// Source file, relative to the root.
    pub file: PathBuf,
    /// Name shown to readers.
    pub name: String,
    /// The area id this service belongs to.
    pub area: Spanned<String>,
    /// The IT system behind the service.
    pub system: Option<String>,
    /// Base or add-on.
    pub tier: Tier,
    /// The supplier.
    pub supplier: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// Still listed in history, not in the current catalogue.
    pub retired: bool,
}

/// Counts from the incident-management system.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// All incidents in the period.
    pub incidents: Option<Spanned<u64>>,
    /// Major incidents in the period.
    pub major_incidents: Option<Spanned<u64>>,
    /// Personal-data incidents in the period.
    pub personal_data_incidents: Option<Spanned<u64>>,
}

/// A recommendation made in a period.
#[derive(Debug, Clone)]
pub struct Recommendation {
    /// Short title.
    pub title: String,
    /// The service it concerns, if any.
    pub service: Option<Spanned<String>>,
    /// Markdown text.
    pub text: String,
}

/// One reporting period.
#[derive(Debug, Clone)]
pub struct Period {
    /// Id from the folder name.
    pub id: String,
    /// `period.toml`, relative to the root.
    pub file: PathBuf,
    /// Label shown to readers.
    pub label: String,
    /// First day.
    pub start: Spanned<Date>,
    /// Last day.
    pub end: Spanned<Date>,
    /// The period to compare with, when set explicitly.
    pub compare_with: Option<Spanned<String>>,
    /// Markdown summary.
    pub summary: Option<String>,
    /// Official figures.
    pub figures: Figures,
    /// Recommendations.
    pub recommendations: Vec<Recommendation>,
}

/// The kind of a deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An unplanned outage or reduced quality.
    Incident,
    /// The highest incident category.
    MajorIncident,
    /// A personal-data incident (GDPR breach).
    PersonalDataIncident,
    /// A known deficiency in a service's content or quality.
    QualityDeficiency,
    /// A known shortcoming in meeting customers' wishes.
    UnmetNeed,
}

impl Kind {
    /// Every kind, in the order the site lists them.
    pub const ALL: [Kind; 5] =
        [Kind::Incident, Kind::MajorIncident, Kind::PersonalDataIncident, Kind::QualityDeficiency, Kind::UnmetNeed];

    /// The word used in the content format.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::MajorIncident => "major-incident",
            Kind::PersonalDataIncident => "personal-data-incident",
            Kind::QualityDeficiency => "quality-deficiency",
            Kind::UnmetNeed => "unmet-need",
        }
    }

    /// Whether this kind belongs in the "incident status" column.
    pub fn is_incident(self) -> bool {
        matches!(self, Kind::Incident | Kind::MajorIncident)
    }
}

/// Where a deviation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Nothing done yet.
    Open,
    /// Being worked on.
    InProgress,
    /// Fixed.
    Resolved,
}

impl Status {
    /// The word used in the content format.
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Resolved => "resolved",
        }
    }
}

/// How severe a deviation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Small.
    Low,
    /// Medium.
    Medium,
    /// Large.
    High,
}

impl Severity {
    /// The word used in the content format.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// One deviation record.
#[derive(Debug, Clone)]
pub struct Record {
    /// Id from the file name; unique across the site.
    pub id: String,
    /// Source file, relative to the root.
    pub file: PathBuf,
    /// The period folder it is in.
    pub period: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: Kind,
    /// Service id.
    pub service: Spanned<String>,
    /// When it began or was found.
    pub date: Spanned<Moment>,
    /// When it was resolved.
    pub resolved: Option<Spanned<Moment>>,
    /// Status as written, if written.
    pub status_written: Option<Spanned<Status>>,
    /// Severity.
    pub severity: Option<Severity>,
    /// Supplier, when it differs from the service's.
    pub supplier: Option<String>,
    /// Actions taken (inline Markdown).
    pub actions: Vec<String>,
    /// Related record ids.
    pub related: Vec<Spanned<String>>,
    /// Reported to the data protection authority.
    pub reported_to_authority: Option<bool>,
    /// A draft is not published.
    pub draft: bool,
    /// Earlier URL paths that must keep working.
    pub aliases: Vec<Spanned<String>>,
    /// Its id in the incident-management system (`ref`).
    pub reference: Option<Spanned<String>>,
    /// Markdown body.
    pub body: String,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

impl Record {
    /// The status in effect: as written, else resolved when `resolved` is set, else open.
    pub fn status(&self) -> Status {
        match &self.status_written {
            Some(s) => s.value,
            None if self.resolved.is_some() => Status::Resolved,
            None => Status::Open,
        }
    }
}

/// A free page (about the report, accessibility statement …).
#[derive(Debug, Clone)]
pub struct Page {
    /// Id from the file name; the page's URL.
    pub id: String,
    /// Source file, relative to the root.
    pub file: PathBuf,
    /// Title.
    pub title: String,
    /// For `<meta name="description">`.
    pub description: Option<String>,
    /// Order in the navigation, lower first.
    pub weight: i64,
    /// Shown in the navigation.
    pub in_nav: bool,
    /// A draft is not published.
    pub draft: bool,
    /// Markdown body.
    pub body: String,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}
