//! The URL words of the site's language (from the theme's i18n file) and the
//! path of each kind of page and file built from them.

use serde::Deserialize;

/// The URL words of a language, from the theme's i18n file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlWords {
    /// Folder of period pages.
    pub periods: String,
    /// Folder of service pages.
    pub services: String,
    /// Folder of area pages.
    pub areas: String,
    /// Folder of record pages.
    pub records: String,
    /// Folder of the downloads page and data files.
    pub data: String,
    /// Folder of the further pages of a long list: `sida` gives
    /// `avvikelser/sida/2/`. Optional in a theme's file (default `sida`).
    #[serde(default)]
    pub page: Option<String>,
    /// Folder of the follow-up page of the recommendations: `uppfoljning`
    /// gives `uppfoljning/`. Optional in a theme's file (default
    /// `uppfoljning`).
    #[serde(default)]
    pub follow_up: Option<String>,
    /// Folder of the search page: `sok` gives `sok/`. Optional in a
    /// theme's file (default `sok`).
    #[serde(default)]
    pub search: Option<String>,
    /// Folder of the lists by kind, under the records' folder:
    /// `avvikelser/typ/incident/`. Optional (default `typ`).
    #[serde(default)]
    pub by_kind: Option<String>,
    /// Folder of the lists by severity (default `allvarlighet`).
    #[serde(default)]
    pub by_severity: Option<String>,
    /// Folder of the lists by status (default `status`).
    #[serde(default)]
    pub by_status: Option<String>,
    /// Folder of the lists by area (default `omrade`).
    #[serde(default)]
    pub by_area: Option<String>,
    /// Folder of the lists by service tier (default `tjanstetyp`).
    #[serde(default)]
    pub by_tier: Option<String>,
    /// Folder of the lists by year (default `ar`).
    #[serde(default)]
    pub by_year: Option<String>,
}

impl UrlWords {
    /// `perioder/2023-q1/`.
    pub fn period(&self, id: &str) -> String {
        [&self.periods, "/", id, "/"].concat()
    }
    /// `tjanster/agresso/`.
    pub fn service(&self, id: &str) -> String {
        [&self.services, "/", id, "/"].concat()
    }
    /// `omraden/hr/`.
    pub fn area(&self, id: &str) -> String {
        [&self.areas, "/", id, "/"].concat()
    }
    /// `avvikelser/agresso-minne/`.
    pub fn record(&self, id: &str) -> String {
        [&self.records, "/", id, "/"].concat()
    }
    /// `om-rapporten/`.
    pub fn page(&self, id: &str) -> String {
        [id, "/"].concat()
    }
    /// The word of further list pages (`sida`).
    pub fn page_word(&self) -> &str {
        self.page.as_deref().unwrap_or("sida")
    }
    /// The list pages: `perioder/`, `tjanster/`, `omraden/`, `avvikelser/`.
    pub fn list(word: &str) -> String {
        [word, "/"].concat()
    }
}

impl UrlWords {
    /// A file of the open data, from the site root: `data/records.csv`.
    pub fn data_file(&self, name: &str) -> String {
        [&self.data, "/", name].concat()
    }

    /// The word of the follow-up page's folder (`uppfoljning`).
    pub fn follow_up_word(&self) -> &str {
        self.follow_up.as_deref().unwrap_or("uppfoljning")
    }

    /// The follow-up page: `uppfoljning/`.
    pub fn follow_up_list(&self) -> String {
        Self::list(self.follow_up_word())
    }

    /// The calendar of the recommendations' due dates, of the whole site or
    /// of one area: `uppfoljning/follow-up.ics`, `uppfoljning/follow-up-hr.ics`.
    pub fn calendar(&self, area: Option<&str>) -> String {
        match area {
            None => [self.follow_up_word(), "/follow-up.ics"].concat(),
            Some(id) => [self.follow_up_word(), "/follow-up-", id, ".ics"].concat(),
        }
    }

    /// The word of the search page's folder (`sok`).
    pub fn search_word(&self) -> &str {
        self.search.as_deref().unwrap_or("sok")
    }

    /// The list words, in the order the navigation shows them: what no
    /// page id may be.
    pub fn lists(&self) -> [&str; 7] {
        [
            &self.periods,
            &self.areas,
            &self.services,
            &self.records,
            self.follow_up_word(),
            &self.data,
            self.search_word(),
        ]
    }
}
