//! The datasets of the exports, in the order the downloads page, the
//! catalogue and the README list them. A new dataset is a module that
//! implements [`Dataset`] and one line in [`DATASETS`].

use std::io::{self, Write};

use super::dataset::{ColumnInfo, Dataset};
use super::files::Format;
use super::periods::Periods;
use super::recommendations::Recommendations;
use super::records::Records;
use super::reports::Reports;
use super::services::Services;
use super::write;
use crate::layout::UrlWords;
use crate::model::Site;

/// Every dataset.
pub const DATASETS: &[&dyn AnyDataset] = &[&Records, &Periods, &Services, &Recommendations, &Reports];

/// A [`Dataset`] whatever its row type: what the list, the pages and the
/// documentation need of it.
pub trait AnyDataset: Sync {
    /// File stem and JSON key: `records`.
    fn key(&self) -> &'static str;
    /// What one row stands for.
    fn about(&self) -> &'static str;
    /// The column names, in order.
    fn column_names(&self) -> Vec<&'static str>;
    /// The columns as the documentation describes them.
    fn columns(&self) -> Vec<ColumnInfo>;
    /// How many rows it has.
    fn row_count(&self, site: &Site, words: &UrlWords) -> usize;
    /// Writes the file of the dataset in `format` to `out`.
    fn write(&self, format: Format, site: &Site, words: &UrlWords, out: &mut dyn Write) -> io::Result<()>;
}

impl<D: Dataset> AnyDataset for D {
    fn key(&self) -> &'static str {
        D::KEY
    }

    fn about(&self) -> &'static str {
        D::ABOUT
    }

    fn column_names(&self) -> Vec<&'static str> {
        D::COLUMNS.iter().map(|c| c.name).collect()
    }

    fn columns(&self) -> Vec<ColumnInfo> {
        D::COLUMNS.iter().map(|c| c.info()).collect()
    }

    fn row_count(&self, site: &Site, words: &UrlWords) -> usize {
        D::rows(site, words).count()
    }

    fn write(&self, format: Format, site: &Site, words: &UrlWords, out: &mut dyn Write) -> io::Result<()> {
        match format {
            Format::Csv => write::csv::<D>(D::rows(site, words), &site.config.base_url, out),
            Format::Json => write::json::<D>(D::rows(site, words), &site.config.base_url, out),
        }
    }
}
