//! The `[import]` section of `site.toml`: which column of the export is
//! what, which values mean a major incident or a personal-data incident,
//! and which export names stand for which service. Read with spans, so
//! every mistake is reported at its line; then matched against the
//! export's header row.

use std::ops::Range;
use std::path::Path;

use jiff::tz::TimeZone;
use toml::de::{DeTable, DeValue};

use super::presets::{self, Column, Preset, fold, normalise};
use crate::content::fields::{Fields, type_name};
use crate::content::toml_file;
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};

const FIELDS: &[&str] = &[
    "preset",
    "number",
    "title",
    "opened",
    "resolved",
    "priority",
    "category",
    "service",
    "state",
    "description",
    "priorities",
    "major_priorities",
    "major_categories",
    "personal_data_priorities",
    "personal_data_categories",
    "exclude_states",
    "date_format",
    "time_zone",
    "services",
];

use crate::content::site_config::DEFAULT_TIME_ZONE;

/// What `insyn import` needs from `site.toml`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `language`: the placeholders for masked text are in it.
    pub language: String,
    /// `theme`: its i18n file has the placeholders.
    pub theme: String,
    /// `[privacy] allow`.
    pub privacy_allow: Vec<String>,
    /// The zone of times written without an offset.
    pub time_zone: TimeZone,
    /// `[import]`.
    pub import: ImportConfig,
}

/// `[import]`, checked.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    /// `preset`.
    pub preset: Option<&'static Preset>,
    /// For each column: the names to look for, and where the site named it.
    pub columns: Vec<Wanted>,
    /// Every priority the export may have (folded); `None` when unknown.
    pub priorities: Option<Vec<String>>,
    /// Which rows are major incidents.
    pub major: Rule,
    /// Which rows are personal-data incidents.
    pub personal_data: Rule,
    /// States whose rows are not counted (folded).
    pub exclude_states: Vec<String>,
    /// A `strftime` format for the export's dates.
    pub date_format: Option<String>,
    /// `[import.services]`: export name (folded) → service id.
    pub services: Vec<(String, String)>,
}

/// The names one column may have in the export.
#[derive(Debug, Clone)]
pub struct Wanted {
    /// Which column.
    pub column: Column,
    /// Header names, tried in order.
    pub names: Vec<String>,
    /// Where `site.toml` names it, when it does.
    pub span: Option<Range<usize>>,
}

/// Which priority or category values put a row in one kind.
#[derive(Debug, Clone, Default)]
pub struct Rule {
    /// Priority values (folded).
    pub priorities: Vec<String>,
    /// Category values (folded).
    pub categories: Vec<String>,
}

impl Rule {
    /// Whether the site says anything about this kind.
    pub fn is_set(&self) -> bool {
        !self.priorities.is_empty() || !self.categories.is_empty()
    }

    /// Whether a row with this priority and category (both folded) is of the kind.
    pub fn matches(&self, priority: &str, category: &str) -> bool {
        self.priorities.iter().any(|p| p == priority) || self.categories.iter().any(|c| c == category)
    }
}

/// Reads what the import needs from `site.toml` at `root`: the settings
/// every build reads (language, theme, `[privacy] allow`, `time_zone`), and
/// the `[import]` section, which this module checks; every problem goes to
/// `diags` with its line. `None` when the import cannot run.
pub fn read(root: &Path, service_ids: &[String], diags: &mut Diagnostics) -> Option<Settings> {
    let file = Path::new(crate::content::SITE_TOML);
    let (site_toml, text) = crate::content::read_site_toml(root, diags);
    let (config, text) = (site_toml.config?, text?);
    // site.toml parsed and checked; the `[import]` table is read again
    // from its text, with its spans, by the code that owns it.
    let table = toml_file::parse(file, &text, 0, diags)?;
    let Some(section) = table.get("import") else {
        diags.push(
            Diagnostic::error(file, Some(0..0), "site.toml has no [import] section")
                .with_help("add one that says which system the export comes from, e.g.\n[import]\npreset = \"servicenow\"\nmajor_priorities = [\"1 - Critical\"]\npersonal_data_categories = [\"Personuppgiftsincident\"]\n(the README's \"Importing from your incident-management system\" lists every key)"),
        );
        return None;
    };
    let DeValue::Table(import_table) = section.get_ref() else {
        diags.push(
            Diagnostic::error(
                file,
                Some(section.span()),
                format!("`import` must be a table, found {}", type_name(section.get_ref())),
            )
            .with_help("write it as a section: [import]"),
        );
        return None;
    };
    let errors_before = diags.error_count();
    let (import, export_zone) = read_import(file, import_table, section.span(), service_ids, diags);
    let time_zone = export_zone.unwrap_or_else(|| config.time_zone.clone());
    if diags.error_count() > errors_before {
        return None;
    }
    Some(Settings {
        language: config.language.code().to_string(),
        theme: config.theme,
        privacy_allow: config.privacy_allow,
        time_zone,
        import,
    })
}

/// A time zone named by `value`, or an error at `span`.
fn zone(file: &Path, value: &DeValue<'_>, span: Range<usize>, key: &str, diags: &mut Diagnostics) -> Option<TimeZone> {
    let DeValue::String(name) = value else {
        diags.push(
            Diagnostic::error(file, Some(span), format!("`{key}` must be a string, found {}", type_name(value)))
                .with_help(format!("write {key} = \"{DEFAULT_TIME_ZONE}\"")),
        );
        return None;
    };
    match TimeZone::get(name) {
        Ok(tz) => Some(tz),
        Err(_) => {
            diags.push(
                Diagnostic::error(file, Some(span), format!("`{key}` \"{name}\" is not a time zone insyn knows"))
                    .with_help(format!("write an IANA zone name, e.g. {key} = \"{DEFAULT_TIME_ZONE}\" or \"UTC\"")),
            );
            None
        }
    }
}

fn read_import(
    file: &Path,
    table: &DeTable<'_>,
    span: Range<usize>,
    service_ids: &[String],
    diags: &mut Diagnostics,
) -> (ImportConfig, Option<TimeZone>) {
    let service_is_list =
        table.iter().any(|(k, v)| k.get_ref() == "service" && matches!(v.get_ref(), DeValue::Array(_)));
    // A time zone that is not a string is reported by `Fields`.
    let zone_value = table
        .iter()
        .find(|(k, v)| k.get_ref() == "time_zone" && matches!(v.get_ref(), DeValue::String(_)))
        .map(|(_, v)| (v.get_ref(), v.span()));
    let mut f = Fields::new(file, table, 0, span.start..span.start, FIELDS, diags);
    let preset_name = f.string("preset");
    let mut explicit: Vec<(Column, Vec<String>, Range<usize>)> = Vec::new();
    for column in Column::ALL {
        if column == Column::Service && service_is_list {
            let names = f.string_list("service");
            if let (Some(first), Some(last)) = (names.first(), names.last()) {
                let span = first.span.start..last.span.end;
                explicit.push((column, names.into_iter().map(|n| n.value).collect(), span));
            }
        } else if let Some(name) = f.string(column.key()) {
            explicit.push((column, vec![name.value], name.span));
        }
    }
    let priorities = f.string_list("priorities");
    let major_priorities = f.string_list("major_priorities");
    let major_categories = f.string_list("major_categories");
    let pdi_priorities = f.string_list("personal_data_priorities");
    let pdi_categories = f.string_list("personal_data_categories");
    let exclude_states = f.string_list("exclude_states");
    let date_format = f.string("date_format");
    let _ = f.string("time_zone");
    let services_table = f.table("services");
    f.finish();

    let preset = preset_name.and_then(|p| match presets::find(&p.value) {
        Some(preset) => Some(preset),
        None => {
            let names: Vec<&str> = presets::PRESETS.iter().map(|p| p.name).collect();
            let list = names.join(", ");
            let help = match suggest(&p.value.to_lowercase(), names.iter().copied()) {
                Some(close) => format!("did you mean \"{close}\"? preset is one of: {list}; for another system, name each column instead"),
                None => format!("preset is one of: {list}; for another system, leave preset out and name each column (number = \"…\", title = \"…\" …)"),
            };
            diags.push(Diagnostic::error(file, Some(p.span), format!("there is no preset \"{}\"", p.value)).with_help(help));
            None
        }
    });

    let mut columns = Vec::new();
    for column in Column::ALL {
        let mut wanted = Wanted { column, names: Vec::new(), span: None };
        if let Some((_, names, span)) = explicit.iter().find(|(c, _, _)| *c == column) {
            for n in names.iter().filter(|n| n.trim().is_empty()) {
                diags.push(
                    Diagnostic::error(file, Some(span.clone()), format!("`{}` names an empty column", column.key()))
                        .with_help(format!(
                            "write the column's name as the export's header row has it: {} = \"…\"",
                            n.trim()
                        )),
                );
            }
            wanted.names.clone_from(names);
            wanted.span = Some(span.clone());
        } else if let Some(p) = preset
            && let Some((_, names)) = p.columns.iter().find(|(c, _)| *c == column)
        {
            wanted.names = names.iter().map(|n| (*n).to_string()).collect();
        }
        columns.push(wanted);
    }

    let folded = |list: &[crate::content::Spanned<String>]| list.iter().map(|s| fold(&s.value)).collect::<Vec<_>>();
    let priority_list = if priorities.is_empty() {
        preset.filter(|p| !p.priorities.is_empty()).map(|p| p.priorities.iter().map(|v| fold(v)).collect())
    } else {
        Some(folded(&priorities))
    };
    let uses_priorities = !major_priorities.is_empty() || !pdi_priorities.is_empty();
    if uses_priorities && priority_list.is_none() {
        let at = major_priorities.first().or(pdi_priorities.first()).map(|s| s.span.clone());
        diags.push(
            Diagnostic::error(file, at, "insyn cannot tell a misspelt priority from another one: `[import]` lists no `priorities`")
                .with_help("list every priority the export may have, e.g. priorities = [\"P1\", \"P2\", \"P3\", \"P4\"]; a row with any other priority is then reported and skipped"),
        );
    }
    if let Some(list) = &priority_list {
        for p in major_priorities.iter().chain(&pdi_priorities) {
            if !list.contains(&fold(&p.value)) {
                diags.push(
                    Diagnostic::error(
                        file,
                        Some(p.span.clone()),
                        format!("\"{}\" is not one of the export's priorities", p.value),
                    )
                    .with_help(format!(
                        "write it as the export does: one of {}; or add it to priorities = […]",
                        quoted_list(list)
                    )),
                );
            }
        }
    }

    let date_format = date_format.map(|d| {
        let probe = jiff::civil::date(2023, 4, 3).at(8, 15, 0, 0);
        if d.value.trim().is_empty() || jiff::fmt::strtime::format(d.value.as_bytes(), probe).is_err() {
            diags.push(
                Diagnostic::error(
                    file,
                    Some(d.span),
                    format!("`date_format` \"{}\" is not a date format insyn understands", d.value),
                )
                .with_help("write it with strftime codes, e.g. date_format = \"%d/%m/%Y %H:%M\" for 03/04/2023 08:15"),
            );
        }
        d.value
    });
    let date_format = date_format.or_else(|| preset.and_then(|p| p.date_format).map(str::to_string));

    let export_zone = zone_value.and_then(|(v, s)| zone(file, v, s, "time_zone", diags));

    let mut services = Vec::new();
    if let Some((t, _)) = services_table {
        for (key, value) in t.iter() {
            let name = key.get_ref().to_string();
            let span = value.span();
            match value.get_ref() {
                DeValue::String(id) if service_ids.iter().any(|s| s == id.as_ref()) => {
                    services.push((fold(&name), id.to_string()));
                }
                DeValue::String(id) => {
                    let d = Diagnostic::error(file, Some(span), format!("there is no service \"{id}\" for \"{name}\""));
                    let d = match suggest(id, service_ids.iter().map(String::as_str)) {
                        Some(close) => d.with_help(format!(
                            "did you mean \"{close}\"? (services are the files in content/services/)"
                        )),
                        None => d.with_help(format!(
                            "write a service id (a file name in content/services/, without .toml): {}",
                            service_ids.join(", ")
                        )),
                    };
                    diags.push(d);
                }
                other => diags.push(
                    Diagnostic::error(
                        file,
                        Some(span),
                        format!("the service for \"{name}\" must be a string, found {}", type_name(other)),
                    )
                    .with_help(format!("write \"{name}\" = \"<service id>\"")),
                ),
            }
        }
    }

    let config = ImportConfig {
        preset,
        columns,
        priorities: priority_list,
        major: Rule { priorities: folded(&major_priorities), categories: folded(&major_categories) },
        personal_data: Rule { priorities: folded(&pdi_priorities), categories: folded(&pdi_categories) },
        exclude_states: folded(&exclude_states),
        date_format,
        services,
    };
    (config, export_zone)
}

fn quoted_list(values: &[String]) -> String {
    values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}

/// Where each column is in the export: indexes into its header row.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// The ticket number.
    pub number: usize,
    /// The title.
    pub title: usize,
    /// When it was opened.
    pub opened: usize,
    /// When it was resolved.
    pub resolved: Option<usize>,
    /// The priority.
    pub priority: Option<usize>,
    /// The category.
    pub category: Option<usize>,
    /// The service columns, tried in order for each row.
    pub service: Vec<usize>,
    /// The state.
    pub state: Option<usize>,
    /// The description.
    pub description: Option<usize>,
    /// The header row, for naming columns in the report.
    pub headers: Vec<String>,
}

impl Columns {
    /// The header of column `i`, as the export writes it.
    pub fn name(&self, i: usize) -> &str {
        self.headers.get(i).map_or("", String::as_str)
    }
}

/// Finds the configured columns in the export's header row. A missing
/// column that the import needs is an error: at its line in `site.toml`
/// when the site named it, else on the export.
pub fn resolve(config: &ImportConfig, headers: &[String], export: &Path, diags: &mut Diagnostics) -> Option<Columns> {
    let site = Path::new("site.toml");
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let find = |names: &[String]| -> Vec<usize> {
        names.iter().filter_map(|n| normalised.iter().position(|h| *h == normalise(n))).collect()
    };
    let needed = |column: Column| match column {
        Column::Number | Column::Title | Column::Opened | Column::Service => true,
        Column::Priority => config.major.priorities.len() + config.personal_data.priorities.len() > 0,
        Column::Category => config.major.categories.len() + config.personal_data.categories.len() > 0,
        Column::State => !config.exclude_states.is_empty(),
        Column::Resolved | Column::Description => false,
    };
    let header_list =
        headers.iter().filter(|h| !h.is_empty()).map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ");
    let mut out = Columns { headers: headers.to_vec(), ..Columns::default() };
    let mut ok = true;
    for wanted in &config.columns {
        let found = find(&wanted.names);
        if found.is_empty() && (needed(wanted.column) || wanted.span.is_some()) {
            ok = false;
            let key = wanted.column.key();
            let d = match (&wanted.span, wanted.names.is_empty()) {
                (Some(span), _) => Diagnostic::error(
                    site,
                    Some(span.clone()),
                    format!("the export {} has no column {} (named by `{key}`)", export.display(), quoted_list(&wanted.names)),
                )
                .with_help(format!("write the name as the export's header row has it; its columns are: {header_list}")),
                (None, true) => Diagnostic::error(site, None, format!("`[import]` says nothing about the column `{key}`, which the import needs"))
                    .with_help(format!("add {key} = \"<column>\" under [import], or a preset; the export's columns are: {header_list}")),
                (None, false) => Diagnostic::error(
                    export,
                    None,
                    format!("the export has no column for `{key}`: insyn looked for {}", quoted_list(&wanted.names)),
                )
                .with_help(format!("name the column under [import] in site.toml, e.g. {key} = \"…\"; the export's columns are: {header_list}")),
            };
            diags.push(d);
            continue;
        }
        let first = found.first().copied();
        match wanted.column {
            Column::Number => out.number = first.unwrap_or(0),
            Column::Title => out.title = first.unwrap_or(0),
            Column::Opened => out.opened = first.unwrap_or(0),
            Column::Resolved => out.resolved = first,
            Column::Priority => out.priority = first.filter(|_| needed(Column::Priority)),
            Column::Category => out.category = first,
            Column::Service => out.service = found,
            Column::State => out.state = first,
            Column::Description => out.description = first,
        }
    }
    ok.then_some(out)
}
