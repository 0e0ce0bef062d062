//! `insyn new period`: a period's folder and its `period.toml`.

use std::path::PathBuf;

use super::ask::{Questions, Want, check_date, check_text, parse_date};
use super::facts::SiteFacts;
use super::plan::{PeriodArgs, Planned};
use super::template::{Fill, HEADER, toml_str, write_fields};
use crate::content::{Period, ids};

/// Plans `insyn new period`.
pub fn plan(facts: &SiteFacts, a: &PeriodArgs, q: &mut Questions<'_>) -> Option<Planned> {
    let existing = facts.period_ids();
    let want_id = Want {
        flag: "the period id",
        prompt: "Period id, e.g. 2023-q2 (the folder name)",
        example: "write it after period, e.g. insyn new period 2023-q2",
    };
    let id = q.value(a.id.as_ref(), &want_id, |v: &str| {
        if !ids::is_valid(v) {
            Err(format!("\"{v}\" is not a valid id: {}", ids::help_for(v)))
        } else if existing.iter().any(|p| p == v) {
            Err(format!("content/periods/{v}/period.toml already exists; choose another id"))
        } else {
            Ok(v.to_string())
        }
    });
    let label = q.value(
        a.label.as_ref(),
        &Want {
            flag: "--label",
            prompt: "Label (what readers see, e.g. Kvartal 2 2023)",
            example: "what readers see, e.g. --label \"Kvartal 2 2023\"",
        },
        check_text("the label"),
    );
    let start = q.value(
        a.start.as_ref(),
        &Want {
            flag: "--start",
            prompt: "First day (e.g. 2023-04-01)",
            example: "the first day, e.g. --start 2023-04-01",
        },
        check_date(false),
    );
    let end = q.value(
        a.end.as_ref(),
        &Want { flag: "--end", prompt: "Last day (e.g. 2023-06-30)", example: "the last day, e.g. --end 2023-06-30" },
        check_date(false),
    );
    let (id, label, start, end) = (id?, label?, start?, end?);
    if let (Some(s), Some(e)) = (parse_date(&start), parse_date(&end))
        && e < s
    {
        q.problems.push(format!("--end {end} is before --start {start}"));
        return None;
    }
    let year_earlier = id
        .split_once('-')
        .and_then(|(y, rest)| y.parse::<i32>().ok().filter(|_| y.len() == 4).map(|y| format!("{}-{rest}", y - 1)))
        .unwrap_or_else(|| "…".to_string());

    let fill = Fill::default()
        .value("label", toml_str(&label))
        .value("start", start)
        .value("end", end)
        .example("compare_with", toml_str(&year_earlier));
    let mut t = String::from("# A reporting period: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    write_fields(&mut t, Period::DOC, &fill);
    Some(Planned {
        rel: PathBuf::from("content/periods").join(&id).join("period.toml"),
        text: t,
        notes: Vec::new(),
        next: format!(
            "add the figures if you have them, then add records with insyn new record --period {id}, and run insyn serve."
        ),
    })
}
