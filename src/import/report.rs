//! What `insyn import` prints: the figures old → new, the drafts to add,
//! the personal data masked (where, never what), and the rows skipped with
//! their row numbers and columns. Plain text, one fact a line.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::plan::Plan;
use super::rows::Skip;
use super::site::shown;

/// Skipped rows shown per kind of problem before the rest are summed up.
const SHOWN_PER_PROBLEM: usize = 20;

/// The report of a dry run, or of a run that wrote `written`.
pub fn render(plan: &Plan, written: Option<&[PathBuf]>) -> String {
    let mut out = String::new();
    let export = plan.export.display().to_string();
    let p = &plan.period;
    let _ = writeln!(out, "Importing {export} ({}) into {} ({}, {} to {})", plan.format, p.id, p.label, p.start, p.end);
    let uncounted = plan.skipped.iter().filter(|s| s.uncounted).count();
    let _ = writeln!(
        out,
        "{}: {} opened in the period, {} outside it{}{}.",
        rows(plan.rows),
        plan.counts.incidents,
        plan.outside,
        if plan.excluded > 0 {
            format!(", {} in a state that exclude_states leaves out", plan.excluded)
        } else {
            String::new()
        },
        if uncounted > 0 { format!(", {uncounted} skipped") } else { String::new() },
    );

    let _ = writeln!(out, "\nFigures in {}:", shown(&p.rel));
    for c in &plan.figures {
        let old = c.old.map_or_else(|| "not set".to_string(), |o| o.to_string());
        if c.changes() {
            let _ = writeln!(out, "  {:<25} {old} → {}", c.key, c.new);
        } else {
            let _ = writeln!(out, "  {:<25} {old} (unchanged)", c.key);
        }
    }
    for (key, counted, prefix) in [
        ("major_incidents", plan.counts.major_incidents, "major"),
        ("personal_data_incidents", plan.counts.personal_data_incidents, "personal_data"),
    ] {
        if counted.is_none() {
            let _ = writeln!(
                out,
                "  {key:<25} not counted: [import] has no {prefix}_priorities or {prefix}_categories (the file keeps what it says)"
            );
        }
    }
    if uncounted > 0 {
        let _ = writeln!(out, "  The counts leave out the {} skipped below as not counted.", rows(uncounted));
    }

    if !plan.drafts.is_empty() {
        let _ = writeln!(out, "\nDrafts to add ({}):", plan.drafts.len());
        for d in &plan.drafts {
            let _ = writeln!(out, "  {}  {} ({}, row {}): {}", shown(&d.rel), d.number, d.kind.key(), d.row, d.title);
        }
    }
    if !plan.existing.is_empty() {
        let _ = writeln!(out, "\nAlready on the site ({}), not added again:", plan.existing.len());
        for (number, file) in &plan.existing {
            let _ = writeln!(out, "  {number}  {}", shown(file));
        }
    }
    if !plan.maskings.is_empty() {
        let _ = writeln!(
            out,
            "\nPersonal data masked ({}): the drafts have a placeholder instead; read them before publishing:",
            plan.maskings.len()
        );
        for m in &plan.maskings {
            let _ = writeln!(out, "  {}: row {}, column \"{}\": {}", shown(&m.rel), m.row, m.column, m.kind.describe());
        }
    }
    if !plan.skipped.is_empty() {
        let _ = writeln!(out, "\nRows skipped ({}):", plan.skipped.len());
        skipped(&mut out, &export, &plan.skipped);
    }

    out.push('\n');
    match written {
        None if plan.changes_anything() => {
            out.push_str("This was a dry run: nothing was written. Run it again with --write to make these changes.\n");
        }
        None => out.push_str("Nothing to change: the site already has what this export says.\n"),
        Some([]) => {
            out.push_str("Nothing to change: the site already has what this export says; nothing was written.\n")
        }
        Some(files) => {
            for f in files {
                let _ = writeln!(out, "Wrote {}", shown(f));
            }
            if !plan.drafts.is_empty() {
                out.push_str(
                    "The drafts are not published: see them with insyn serve --drafts, write them for readers, then remove draft = true.\n",
                );
            }
        }
    }
    out
}

fn rows(n: usize) -> String {
    if n == 1 { "1 row".to_string() } else { format!("{n} rows") }
}

/// The skipped rows, grouped by problem (column and help), each group
/// capped, its help printed once.
fn skipped(out: &mut String, export: &str, skips: &[Skip]) {
    let mut groups: Vec<(&str, &str, Vec<&Skip>)> = Vec::new();
    for s in skips {
        match groups.iter_mut().find(|(c, h, _)| *c == s.column && *h == s.help) {
            Some((_, _, list)) => list.push(s),
            None => groups.push((&s.column, &s.help, vec![s])),
        }
    }
    for (_, help, list) in groups {
        for s in list.iter().take(SHOWN_PER_PROBLEM) {
            let what = if s.uncounted { "not counted" } else { "counted, no draft" };
            let _ = writeln!(out, "  {export}:{}, column \"{}\": {} ({what})", s.row, s.column, s.problem);
        }
        if list.len() > SHOWN_PER_PROBLEM {
            let _ = writeln!(out, "  … and {} more like these", rows(list.len() - SHOWN_PER_PROBLEM));
        }
        let _ = writeln!(out, "    help: {help}");
    }
}
