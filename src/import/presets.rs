//! The columns of an export that `insyn import` reads, and the presets:
//! the column names that common incident-management systems write by
//! default. The README lists them with their sources.
//!
//! Column names are compared after [`normalise`], so `Short description`,
//! `short_description` and `ShortDescription` are one name: a system's
//! export names a field by its label in one place and by its field name in
//! another (ServiceNow's CSV uses field names, its XLSX labels).

/// One kind of column the import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// The ticket number: becomes the record's `ref`.
    Number,
    /// The short description: the record's title.
    Title,
    /// When the ticket was opened: decides the period, the record's `date`.
    Opened,
    /// When it was resolved: the record's `resolved`.
    Resolved,
    /// Its priority: may decide major incidents.
    Priority,
    /// Its category: may decide major and personal-data incidents.
    Category,
    /// The service or configuration item: the record's `service`.
    Service,
    /// Its state: some states (cancelled) are not counted.
    State,
    /// The long description: the record's body.
    Description,
}

impl Column {
    /// Every column, in the order the report and the README list them.
    pub const ALL: [Column; 9] = [
        Column::Number,
        Column::Title,
        Column::Opened,
        Column::Resolved,
        Column::Priority,
        Column::Category,
        Column::Service,
        Column::State,
        Column::Description,
    ];

    /// The key that names this column under `[import]` in `site.toml`.
    pub fn key(self) -> &'static str {
        match self {
            Column::Number => "number",
            Column::Title => "title",
            Column::Opened => "opened",
            Column::Resolved => "resolved",
            Column::Priority => "priority",
            Column::Category => "category",
            Column::Service => "service",
            Column::State => "state",
            Column::Description => "description",
        }
    }
}

/// The defaults of one incident-management system's export.
#[derive(Debug)]
pub struct Preset {
    /// The name written as `preset = "…"`.
    pub name: &'static str,
    /// The column names for each column, tried in order (for `service`,
    /// every one found is tried per row, in order).
    pub columns: &'static [(Column, &'static [&'static str])],
    /// Every priority value the system has out of the box; empty when the
    /// system has no fixed list (the site must give `priorities`).
    pub priorities: &'static [&'static str],
    /// A `strftime` format for its dates when they are not ISO 8601.
    pub date_format: Option<&'static str>,
}

/// ServiceNow: the incident list's CSV export names columns by field name,
/// the XLSX export by label (ServiceNow's "Default values for column headers
/// and column values"); priorities as ServiceNow's choice labels and raw values.
pub const SERVICENOW: Preset = Preset {
    name: "servicenow",
    columns: &[
        (Column::Number, &["number"]),
        (Column::Title, &["short_description"]),
        (Column::Opened, &["opened_at", "Opened"]),
        (Column::Resolved, &["resolved_at", "Resolved"]),
        (Column::Priority, &["priority"]),
        (Column::Category, &["category"]),
        (Column::Service, &["business_service", "Service", "cmdb_ci", "Configuration item"]),
        (Column::State, &["state", "incident_state", "Incident state"]),
        (Column::Description, &["description"]),
    ],
    priorities: &["1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning", "1", "2", "3", "4", "5"],
    date_format: None,
};

/// TOPdesk: the incident fields of its REST API, which its exports and
/// reports name the same way (`Brief description` normalises to
/// `briefDescription`). Priorities are the organisation's own.
pub const TOPDESK: Preset = Preset {
    name: "topdesk",
    columns: &[
        (Column::Number, &["number"]),
        (Column::Title, &["briefDescription"]),
        (Column::Opened, &["callDate"]),
        (Column::Resolved, &["completedDate", "closedDate"]),
        (Column::Priority, &["priority"]),
        (Column::Category, &["category"]),
        (Column::Service, &["object", "asset"]),
        (Column::State, &["processingStatus", "status"]),
        (Column::Description, &["request"]),
    ],
    priorities: &[],
    date_format: None,
};

/// Jira Service Management: the CSV export names columns by the field's
/// name in Jira and writes dates as `14/Mar/24 9:41 AM`; the priorities of
/// Jira's default priority scheme.
pub const JIRA: Preset = Preset {
    name: "jira",
    columns: &[
        (Column::Number, &["Issue key"]),
        (Column::Title, &["Summary"]),
        (Column::Opened, &["Created"]),
        (Column::Resolved, &["Resolved"]),
        (Column::Priority, &["Priority"]),
        (Column::Category, &["Issue Type"]),
        (Column::Service, &["Custom field (Affected services)", "Affected services", "Component/s", "Components"]),
        (Column::State, &["Status"]),
        (Column::Description, &["Description"]),
    ],
    priorities: &["Highest", "High", "Medium", "Low", "Lowest"],
    date_format: Some("%d/%b/%y %I:%M %p"),
};

/// Every preset, by name.
pub const PRESETS: [&Preset; 3] = [&SERVICENOW, &TOPDESK, &JIRA];

/// The preset called `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().copied().find(|p| p.name == name)
}

/// A column name as compared: lowercase, without spaces, `_`, `-`, `.` and `/`.
pub fn normalise(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '/' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A value as compared (priorities, categories, states, service names):
/// trimmed, lowercase, inner runs of white space as one space.
pub fn fold(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_across_labels_and_field_names() {
        assert_eq!(normalise("Short description"), normalise("short_description"));
        assert_eq!(normalise("Brief description"), normalise("briefDescription"));
        assert_eq!(fold("  1 -  Critical "), "1 - critical");
    }
}
