//! The dry run: everything `insyn import` would change, worked out without
//! writing — the figures old → new, the drafts to add, the rows skipped
//! and why, the personal data masked — and [`apply`], which writes it.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::count::{self, Counts};
use super::draft::{self, Draft, DraftInput, Masking};
use super::figures::{self, FigureChange};
use super::mapping;
use super::mask::{Masker, Placeholders};
use super::rows::{self, Context, Outcome, Skip};
use super::services::{Match, ServiceIndex};
use super::site::{self, PeriodFacts, SiteError, shown};
use super::source;
use crate::diagnostics::Diagnostics;

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct Request {
    /// The site root.
    pub root: PathBuf,
    /// The export, as the user named it.
    pub file: PathBuf,
    /// The period id.
    pub period: String,
}

/// Everything a run would change, and what it found.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The export, as the user named it.
    pub export: PathBuf,
    /// What was read ("CSV, UTF-8, separated by `,`").
    pub format: String,
    /// The period.
    pub period: PeriodFacts,
    /// Data rows in the export.
    pub rows: usize,
    /// Rows opened outside the period.
    pub outside: usize,
    /// Rows left out by `exclude_states`.
    pub excluded: usize,
    /// The counts.
    pub counts: Counts,
    /// The figures the site has a rule for, old and new.
    pub figures: Vec<FigureChange>,
    /// `period.toml` as it would be written, when a figure changes.
    pub period_text: Option<String>,
    /// The drafts to add.
    pub drafts: Vec<Draft>,
    /// Personal data masked in the drafts.
    pub maskings: Vec<Masking>,
    /// Rows skipped (from the figures or from the drafts), by row.
    pub skipped: Vec<Skip>,
    /// Tickets that already have a record: number and file.
    pub existing: Vec<(String, PathBuf)>,
}

impl Plan {
    /// Whether a run with `--write` would change anything.
    pub fn changes_anything(&self) -> bool {
        self.period_text.is_some() || !self.drafts.is_empty()
    }
}

/// Why there is no plan.
#[derive(Debug)]
pub enum Failure {
    /// Wrong usage or an I/O failure: what, and what to do (exit status 2).
    Usage(String, String),
    /// Content errors with their places (exit status 1).
    Content(Diagnostics),
    /// A content error without a place (exit status 1).
    ContentMessage(String),
}

/// Works out what importing `request.file` into `request.period` changes.
pub fn plan(request: &Request) -> Result<Plan, Failure> {
    let root = request.root.as_path();
    let facts = site::read(root, &request.period).map_err(|e| match e {
        SiteError::Usage(m) => Failure::Usage(m, "pass --period with one of the period ids".to_string()),
        SiteError::Content(m) => Failure::ContentMessage(m),
        SiteError::Broken(d) => Failure::Content(d),
    })?;
    let mut diags = Diagnostics::new();
    diags.set_root(root);
    let service_ids: Vec<String> = facts.services.iter().map(|s| s.id.clone()).collect();
    let Some(settings) = mapping::read(root, &service_ids, &mut diags) else {
        return Err(Failure::Content(diags));
    };
    let table = source::read(&request.file).map_err(|e| Failure::Usage(e.message, e.help))?;
    let Some(columns) = mapping::resolve(&settings.import, &table.headers, &request.file, &mut diags) else {
        return Err(Failure::Content(diags));
    };
    let masker =
        Masker::new(settings.privacy_allow.clone(), Placeholders::for_site(root, &settings.theme, &settings.language));
    let config = &settings.import;
    let cx = Context {
        config,
        columns: &columns,
        zone: &settings.time_zone,
        start: facts.period.start,
        end: facts.period.end,
        masker: &masker,
    };

    let (mut outside, mut excluded) = (0, 0);
    let mut skipped = Vec::new();
    let mut tickets = Vec::new();
    for row in &table.rows {
        match rows::read(row, &cx) {
            Outcome::Outside => outside += 1,
            Outcome::Excluded => excluded += 1,
            Outcome::Skipped(s) => skipped.push(s),
            Outcome::Ticket(t) => tickets.push(t),
        }
    }
    let tally =
        count::tally(tickets, columns.name(columns.number), config.major.is_set(), config.personal_data.is_set());
    skipped.extend(tally.repeated);

    let old = figures::current(&facts.period.text)
        .map_err(|e| Failure::ContentMessage(format!("{} is not valid TOML: {e}", shown(&facts.period.rel))))?;
    let counted = [Some(tally.counts.incidents), tally.counts.major_incidents, tally.counts.personal_data_incidents];
    let changes: Vec<FigureChange> = figures::KEYS
        .iter()
        .zip(old)
        .zip(counted)
        .filter_map(|((key, old), new)| new.map(|new| FigureChange { key, old, new }))
        .collect();
    let period_text = if changes.iter().any(FigureChange::changes) {
        let values: Vec<(&str, u64)> = changes.iter().map(|c| (c.key, c.new)).collect();
        Some(figures::edit(&facts.period.text, &values).map_err(|e| {
            Failure::ContentMessage(format!(
                "{}: {e}; write the figures as a section: [figures]",
                shown(&facts.period.rel)
            ))
        })?)
    } else {
        None
    };

    let index = ServiceIndex::new(&facts.services, &config.services);
    let mut taken: BTreeSet<String> = facts.record_ids.clone();
    let mut drafts = Vec::new();
    let mut maskings = Vec::new();
    let mut existing = Vec::new();
    for ticket in tally.tickets.iter().filter(|t| t.major || t.personal_data) {
        if let Some(file) = facts.refs.get(&ticket.number) {
            existing.push((ticket.number.clone(), file.clone()));
            continue;
        }
        let service = match find_service(ticket.row, &columns, &index, &masker) {
            Ok(id) => id,
            Err(skip) => {
                skipped.push(skip);
                continue;
            }
        };
        let input = DraftInput {
            columns: &columns,
            service: &service,
            period: &facts.period.id,
            masker: &masker,
            zone: &settings.time_zone,
            date_format: config.date_format.as_deref(),
        };
        match draft::make(ticket, &input, &mut taken) {
            Ok((d, m)) => {
                drafts.push(d);
                maskings.extend(m);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    skipped.sort_by_key(|s| s.row);

    Ok(Plan {
        export: request.file.clone(),
        format: table.format,
        period: facts.period,
        rows: table.rows.len(),
        outside,
        excluded,
        counts: tally.counts,
        figures: changes,
        period_text,
        drafts,
        maskings,
        skipped,
        existing,
    })
}

/// The service a draft's row names: the first service column whose value
/// names exactly one service.
fn find_service(
    row: &source::Row,
    columns: &mapping::Columns,
    index: &ServiceIndex,
    masker: &Masker,
) -> Result<String, Skip> {
    let mut tried = Vec::new();
    for &i in &columns.service {
        let value = row.cell(i);
        match index.find(value) {
            Match::One(id) => return Ok(id),
            Match::Several(ids) => {
                tried.push((i, format!("\"{}\" names several services ({})", masker.quote(value), ids.join(", "))))
            }
            Match::None if value.is_empty() => {}
            Match::None => tried.push((i, format!("no service matches \"{}\"", masker.quote(value)))),
        }
    }
    let column = tried
        .first()
        .map_or_else(|| columns.service.first().map_or("", |&i| columns.name(i)), |(i, _)| columns.name(*i));
    let problem = if tried.is_empty() {
        "no service named, so no draft".to_string()
    } else {
        format!("{}, so no draft", tried.into_iter().map(|(_, p)| p).collect::<Vec<_>>().join("; "))
    };
    Err(Skip {
        row: row.number,
        column: column.to_string(),
        problem,
        help: "name the service under [import.services] in site.toml, e.g. \"<export name>\" = \"<service id>\""
            .to_string(),
        uncounted: false,
    })
}

/// Writes what `plan` changes under `root`: `period.toml` (replaced in one
/// step, and only if nobody changed it since the plan read it) and each
/// draft (never over an existing file). Returns the files written.
pub fn apply(plan: &Plan, root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    if let Some(text) = &plan.period_text {
        let path = root.join(&plan.period.rel);
        let now =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", shown(&plan.period.rel)))?;
        if now != plan.period.text {
            return Err(format!(
                "{} changed while insyn import ran; nothing was written, run it again",
                shown(&plan.period.rel)
            ));
        }
        let temp = path.with_extension("toml.insyn-import");
        let result = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, &path));
        if let Err(e) = result {
            let _ = std::fs::remove_file(&temp);
            return Err(format!("cannot write {}: {e}", shown(&plan.period.rel)));
        }
        written.push(plan.period.rel.clone());
    }
    for d in &plan.drafts {
        let path = root.join(&d.rel);
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
        let result = file.and_then(|mut f| f.write_all(d.text.as_bytes()).and_then(|()| f.sync_all()));
        match result {
            Ok(()) => written.push(d.rel.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(format!(
                    "{} appeared while insyn import ran; it was not overwritten, and the drafts after it were not written: run it again",
                    shown(&d.rel)
                ));
            }
            Err(e) => return Err(format!("cannot write {}: {e}", shown(&d.rel))),
        }
    }
    Ok(written)
}
