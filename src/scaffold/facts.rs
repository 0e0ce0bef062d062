//! What the site already has, for checking the values of a new file: read
//! with the same loader as every build, so that `insyn new` and `insyn
//! check` never disagree about what exists. A file with errors is left out
//! of the lists, but its id still counts as taken.

use std::path::{Path, PathBuf};

use crate::content::{self, Authority, SiteConfig};
use crate::diagnostics::{Diagnostics, stderr_wants_color};
use crate::layout::reserved;
use crate::time::Date;

/// What the site has.
#[derive(Debug, Default)]
pub struct SiteFacts {
    /// Area ids, in `site.toml`'s order.
    pub areas: Vec<String>,
    /// Service ids.
    pub services: Vec<String>,
    /// Period id, start, end (unknown for a period whose file has errors).
    pub periods: Vec<(String, Option<Date>, Option<Date>)>,
    /// Record id → its file (`None` for a record whose file has errors).
    pub records: Vec<(String, Option<PathBuf>)>,
    /// Page ids.
    pub pages: Vec<String>,
    /// Page ids that would clash with the site's own folders.
    pub reserved: Vec<String>,
    /// The supervisory authorities (IMY when site.toml names none).
    pub authorities: Vec<Authority>,
    /// Where a date without a time begins.
    pub time_zone: Option<jiff::tz::TimeZone>,
}

impl SiteFacts {
    /// Reads the site at `root`; fails when `site.toml` is missing or has
    /// errors (shown on stderr): a file written against it would not pass.
    pub fn read(root: &Path) -> Result<SiteFacts, Vec<String>> {
        if !root.join(content::SITE_TOML).is_file() {
            return Err(vec![format!(
                "there is no site.toml in {}; run insyn new in the site's folder or pass --root DIR",
                root.display()
            )]);
        }
        let mut diags = Diagnostics::new();
        diags.set_root(root);
        let (site_toml, _) = content::read_site_toml(root, &mut diags);
        let Some(config) = site_toml.config else {
            diags.print(stderr_wants_color());
            return Err(vec!["site.toml has errors (above); fix them first".to_string()]);
        };
        // The content's own errors are `insyn check`'s to report.
        let loaded = content::load(root, &|_, _, _| {}, &mut Diagnostics::new());
        let mut services: Vec<String> = loaded.services.iter().map(|s| s.id.clone()).collect();
        services.extend(loaded.unloaded.services.iter().cloned());
        services.sort();
        let mut periods: Vec<(String, Option<Date>, Option<Date>)> =
            loaded.periods.iter().map(|p| (p.id.clone(), Some(p.start.value), Some(p.end.value))).collect();
        periods.extend(loaded.unloaded.periods.iter().map(|id| (id.clone(), None, None)));
        periods.sort();
        let mut records: Vec<(String, Option<PathBuf>)> =
            loaded.records.iter().map(|r| (r.id.clone(), Some(r.file.clone()))).collect();
        records.extend(loaded.unloaded.records.iter().map(|id| (id.clone(), None)));
        let mut pages: Vec<String> = loaded.pages.iter().map(|p| p.id.clone()).collect();
        pages.sort();
        Ok(SiteFacts {
            areas: config.areas.iter().map(|a| a.id.clone()).collect(),
            services,
            periods,
            records,
            pages,
            reserved: reserved_words(root, &config),
            authorities: config.authorities.clone(),
            time_zone: Some(config.time_zone.clone()),
        })
    }

    /// The period ids.
    pub fn period_ids(&self) -> Vec<String> {
        self.periods.iter().map(|(id, _, _)| id.clone()).collect()
    }
}

/// The first path segments the site itself uses (URL words, `static` …).
fn reserved_words(root: &Path, config: &SiteConfig) -> Vec<String> {
    let mut sink = Diagnostics::new();
    crate::theme::Theme::load(root, &config.theme, &mut sink)
        .and_then(|theme| crate::theme::load_i18n(config.language, &theme, &mut sink))
        .map_or_else(|| reserved::TOP_LEVEL.iter().map(|w| (*w).to_string()).collect(), |i18n| reserved::all(&i18n.url))
}
