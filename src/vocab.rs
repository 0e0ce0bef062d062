//! The closed word lists of the content format: each value, the word an
//! editor writes for it, and the key of its label in the theme's i18n file.
//! Declared once here; the loader, `insyn new`, the exports, the code lists
//! on the downloads page and the templates all read these lists.

/// A value from a closed list of words of the content format.
pub trait Word: Copy + PartialEq + 'static {
    /// Every value, in the order the site lists them.
    const ALL: &'static [Self];

    /// The word written in the content format (and in the exports).
    fn key(self) -> &'static str;

    /// The value an editor's word stands for.
    fn from_key(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == word)
    }

    /// Every word, in order, for messages ("one of: …").
    fn keys() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.key()).collect()
    }
}

/// Declares a closed list: the enum and the word of each value.
macro_rules! word_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order the site lists them.
            pub const ALL: &'static [Self] = &[$($name::$variant),+];

            /// The word written in the content format (and in the exports).
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }
        }

        impl Word for $name {
            const ALL: &'static [Self] = $name::ALL;

            fn key(self) -> &'static str {
                $name::key(self)
            }
        }
    };
}

word_list! {
    /// The kind of a deviation.
    pub enum Kind {
        /// An unplanned outage or reduced quality.
        Incident = "incident",
        /// The highest incident category.
        MajorIncident = "major-incident",
        /// A personal-data incident (GDPR breach).
        PersonalDataIncident = "personal-data-incident",
        /// A known deficiency in a service's content or quality.
        QualityDeficiency = "quality-deficiency",
        /// A known shortcoming in meeting customers' wishes.
        UnmetNeed = "unmet-need",
    }
}

impl Kind {
    /// Whether this kind belongs in the "incident status" column.
    pub fn is_incident(self) -> bool {
        matches!(self, Kind::Incident | Kind::MajorIncident)
    }

    /// The i18n key of its label ("Major incident").
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Incident => "kind_incident",
            Kind::MajorIncident => "kind_major_incident",
            Kind::PersonalDataIncident => "kind_personal_data_incident",
            Kind::QualityDeficiency => "kind_quality_deficiency",
            Kind::UnmetNeed => "kind_unmet_need",
        }
    }

    /// The i18n key of its plural label ("Major incidents").
    pub fn plural_key(self) -> &'static str {
        match self {
            Kind::Incident => "kinds_incident",
            Kind::MajorIncident => "kinds_major_incident",
            Kind::PersonalDataIncident => "kinds_personal_data_incident",
            Kind::QualityDeficiency => "kinds_quality_deficiency",
            Kind::UnmetNeed => "kinds_unmet_need",
        }
    }
}

word_list! {
    /// Where a deviation stands.
    pub enum Status {
        /// Nothing done yet.
        Open = "open",
        /// Being worked on.
        InProgress = "in-progress",
        /// Fixed.
        Resolved = "resolved",
    }
}

impl Status {
    /// The i18n key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Open => "status_open",
            Status::InProgress => "status_in_progress",
            Status::Resolved => "status_resolved",
        }
    }
}

word_list! {
    /// How severe a deviation is.
    pub enum Severity {
        /// Small.
        Low = "low",
        /// Medium.
        Medium = "medium",
        /// Large.
        High = "high",
    }
}

impl Severity {
    /// The i18n key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Severity::Low => "severity_low",
            Severity::Medium => "severity_medium",
            Severity::High => "severity_high",
        }
    }
}

word_list! {
    /// Base service or add-on service.
    pub enum Tier {
        /// A base service (bastjänst).
        Base = "base",
        /// An add-on service (tilläggstjänst).
        Addon = "addon",
    }
}

impl Tier {
    /// The i18n key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Tier::Base => "tier_base",
            Tier::Addon => "tier_addon",
        }
    }
}

word_list! {
    /// The reader's language: chooses the theme's UI strings and URL words.
    pub enum Language {
        /// Swedish (the default).
        Sv = "sv",
        /// English.
        En = "en",
    }
}

impl Language {
    /// The BCP 47 code used in `lang` attributes and file names.
    pub fn code(self) -> &'static str {
        self.key()
    }
}

word_list! {
    /// The licence the open data is offered under.
    pub enum Licence {
        /// Creative Commons Zero 1.0 (the default).
        Cc0 = "CC0-1.0",
        /// Creative Commons Attribution 4.0.
        CcBy4 = "CC-BY-4.0",
    }
}

impl Licence {
    /// The SPDX identifier, as written in `site.toml`.
    pub fn spdx(self) -> &'static str {
        self.key()
    }

    /// The canonical IRI the national data portal expects.
    pub fn iri(self) -> &'static str {
        match self {
            Licence::Cc0 => "http://creativecommons.org/publicdomain/zero/1.0/",
            Licence::CcBy4 => "http://creativecommons.org/licenses/by/4.0/",
        }
    }
}

word_list! {
    /// A stage of a report to a supervisory authority.
    pub enum Stage {
        /// An early warning (NIS2: within 24 hours).
        EarlyWarning = "early-warning",
        /// The notification (GDPR art. 33: within 72 hours).
        Notification = "notification",
        /// The final report (NIS2: within a month).
        Final = "final",
    }
}

impl Stage {
    /// The i18n key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Stage::EarlyWarning => "stage_early_warning",
            Stage::Notification => "stage_notification",
            Stage::Final => "stage_final",
        }
    }
}

word_list! {
    /// Where a recommendation stands.
    pub enum RecommendationStatus {
        /// Made, not yet taken up (the default).
        Proposed = "proposed",
        /// Taken up: it will be done.
        Accepted = "accepted",
        /// Being done.
        InProgress = "in-progress",
        /// Done.
        Done = "done",
        /// Decided against (with a reason in an update).
        Rejected = "rejected",
    }
}

impl RecommendationStatus {
    /// Whether nothing more is expected of it: done or rejected.
    pub fn is_closed(self) -> bool {
        matches!(self, RecommendationStatus::Done | RecommendationStatus::Rejected)
    }

    /// The i18n key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            RecommendationStatus::Proposed => "recommendation_proposed",
            RecommendationStatus::Accepted => "recommendation_accepted",
            RecommendationStatus::InProgress => "recommendation_in_progress",
            RecommendationStatus::Done => "recommendation_done",
            RecommendationStatus::Rejected => "recommendation_rejected",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_its_value() {
        fn round_trip<W: Word + std::fmt::Debug>() {
            for &v in W::ALL {
                assert_eq!(W::from_key(v.key()), Some(v));
            }
            assert_eq!(W::from_key("no such word"), None);
        }
        round_trip::<Kind>();
        round_trip::<Status>();
        round_trip::<Severity>();
        round_trip::<Tier>();
        round_trip::<Language>();
        round_trip::<Licence>();
        round_trip::<Stage>();
        round_trip::<RecommendationStatus>();
        assert_eq!(
            Kind::keys().join(", "),
            "incident, major-incident, personal-data-incident, quality-deficiency, unmet-need"
        );
    }
}
