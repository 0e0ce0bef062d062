//! The key figures of a period: official where given; else counted from
//! the records, for the figures whose incidents are all written up.

use super::site::Site;
use crate::content::Period;
use crate::vocab::Kind;

/// One key figure and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The number.
    pub value: u64,
    /// True when it comes from `[figures]`, false when counted from records.
    pub official: bool,
}

/// Which key figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// All incidents. Only ever official: most incidents are never written
    /// up as records, so when `[figures]` does not give it, it is unknown.
    Incidents,
    /// Major incidents.
    MajorIncidents,
    /// Personal-data incidents.
    PersonalDataIncidents,
}

impl FigureKind {
    /// The three figures, in the order the site shows them.
    pub const ALL: [FigureKind; 3] =
        [FigureKind::Incidents, FigureKind::MajorIncidents, FigureKind::PersonalDataIncidents];

    /// The field name in `[figures]`, also used as a stable key.
    pub fn key(self) -> &'static str {
        match self {
            FigureKind::Incidents => "incidents",
            FigureKind::MajorIncidents => "major_incidents",
            FigureKind::PersonalDataIncidents => "personal_data_incidents",
        }
    }

    /// Whether the site may count this figure from the period's records
    /// when `[figures]` does not give it: major and personal-data incidents
    /// are all written up as records, incidents are not (a count of the few
    /// written up would look like a collapse next to the official totals).
    pub fn countable(self) -> bool {
        !matches!(self, FigureKind::Incidents)
    }

    /// Whether a record of `kind` counts towards this figure.
    pub fn counts(self, kind: Kind) -> bool {
        match self {
            FigureKind::Incidents => kind.is_incident(),
            FigureKind::MajorIncidents => kind == Kind::MajorIncident,
            FigureKind::PersonalDataIncidents => kind == Kind::PersonalDataIncident,
        }
    }

    /// The official value in a period's `[figures]`, with its span.
    pub fn official(self, period: &Period) -> Option<&crate::content::Spanned<u64>> {
        match self {
            FigureKind::Incidents => period.figures.incidents.as_ref(),
            FigureKind::MajorIncidents => period.figures.major_incidents.as_ref(),
            FigureKind::PersonalDataIncidents => period.figures.personal_data_incidents.as_ref(),
        }
    }
}

impl Site {
    /// How many of the period's records count towards `kind`.
    pub fn counted(&self, period: usize, kind: FigureKind) -> u64 {
        self.records_by_period[period].iter().filter(|&&r| kind.counts(self.records[r].kind)).count() as u64
    }

    /// The figure shown for a period: official if given, else counted from
    /// its records where the figure is [countable](FigureKind::countable).
    /// Otherwise there is no figure (`None`): nothing is known, which is not
    /// the same as zero. So `incidents` without an official figure, and any
    /// figure of a period with neither figures nor records, are unknown.
    pub fn figure(&self, period: usize, kind: FigureKind) -> Option<Figure> {
        match kind.official(&self.periods[period]) {
            Some(v) => Some(Figure { value: v.value, official: true }),
            None if !kind.countable() || self.records_by_period[period].is_empty() => None,
            None => Some(Figure { value: self.counted(period, kind), official: false }),
        }
    }
}
