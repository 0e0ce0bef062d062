//! `insyn new record`: a deviation record in a period's folder.

use std::path::{Path, PathBuf};

use super::ask::{Questions, Want, check_choice, check_date, check_ref, check_text, list_of};
use super::facts::SiteFacts;
use super::plan::{Planned, RecordArgs, choose_id};
use super::template::{Fill, HEADER, toml_str, write_fields};
use crate::content::{Authority, Record};
use crate::time::{Date, Moment, TimeOfDay};

/// Plans `insyn new record`.
pub fn plan(facts: &SiteFacts, a: &RecordArgs, q: &mut Questions<'_>) -> Option<Planned> {
    let kinds: Vec<&str> = crate::vocab::Kind::ALL.iter().map(|k| k.key()).collect();
    let periods = facts.period_ids();
    let kind_list = kinds.join(", ");
    let service_list = list_of(&facts.services);
    let period_list = list_of(&periods);
    let title = q.value(
        a.title.as_ref(),
        &Want {
            flag: "--title",
            prompt: "Title (the heading readers see)",
            example: "the heading readers see, e.g. --title \"Ingen kontakt med databasen\"",
        },
        check_text("the title"),
    );
    let kind = q.value(
        a.kind.as_ref(),
        &Want { flag: "--kind", prompt: &format!("Kind ({kind_list})"), example: &format!("one of {kind_list}") },
        check_choice("kind", &kinds),
    );
    let service = q.value(
        a.service.as_ref(),
        &Want {
            flag: "--service",
            prompt: &format!("Service ({service_list})"),
            example: &format!("the service it concerns, one of {service_list}"),
        },
        check_ref("service", &facts.services, "add one first with insyn new service"),
    );
    let period = q.value(
        a.period.as_ref(),
        &Want {
            flag: "--period",
            prompt: &format!("Period ({period_list})"),
            example: &format!("the period it belongs to, one of {period_list}"),
        },
        check_ref("period", &periods, "add one first with insyn new period"),
    );
    let mut notes = Vec::new();
    let today = Date::today().to_string();
    let date = if a.date.is_none() && !q.asker.interactive() {
        notes.push(format!("date = {today} (today); pass --date to give another day"));
        Some(today)
    } else {
        q.value_or(
            a.date.as_ref(),
            &Want {
                flag: "--date",
                prompt: &format!("Date it began or was found [{today}]"),
                example: "when it began or was found, e.g. --date 2023-02-14",
            },
            &today,
            check_date(true),
        )
    };
    let (title, kind, service, period, date) = (title?, kind?, service?, period?, date?);
    let id = choose_id(q, a.id.as_ref(), &title)?;
    if let Some((_, existing)) = facts.records.iter().find(|(r, _)| *r == id) {
        let what = existing.as_deref().map_or_else(|| format!("a record with the id {id}"), display);
        q.problems.push(format!(
            "{what} already exists: record ids are unique across the site; pass --id to choose another id"
        ));
        return None;
    }

    let mut fill = Fill::default()
        .value("title", toml_str(&title))
        .value("kind", toml_str(&kind))
        .value("service", toml_str(&service))
        .value("date", date.clone())
        .example("resolved", date.get(..10).unwrap_or(&date).to_string());
    if a.draft {
        fill = fill.value("draft", "true".to_string());
    }
    // A kind an authority must be told of: `detected` written out (the
    // deadlines count from it) and each deadline worked out above the
    // commented [[reports]].
    let owed: Vec<&Authority> = facts.authorities.iter().filter(|x| x.kinds.iter().any(|k| k.key() == kind)).collect();
    if !owed.is_empty() {
        fill = fill.value("detected", date.clone()).note("reports", deadline_notes(facts, &owed, &date));
    }
    let mut t = String::from("+++\n# A deviation record: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    write_fields(&mut t, Record::DOC, &fill);
    t.push_str("+++\n");
    let draft_note = if a.draft { " It is a draft: remove draft = true to publish it." } else { "" };
    Some(Planned {
        rel: PathBuf::from("content/periods").join(&period).join(format!("{id}.md")),
        text: t,
        notes,
        next: format!(
            "write what happened, the impact, the cause and the follow-up below the closing +++ (Markdown), then run insyn serve{} to see it.{draft_note}",
            if a.draft { " --drafts" } else { "" }
        ),
    })
}

/// One comment line per stage an authority requires: "Deadline for the
/// notification to imy: 2023-02-17 08:10 (72 hours after detected)."
fn deadline_notes(facts: &SiteFacts, owed: &[&Authority], date: &str) -> Vec<String> {
    let Some(tz) = &facts.time_zone else { return Vec::new() };
    let Some(detected) = moment_of(date) else { return Vec::new() };
    let start = detected.start_in(tz);
    let mut lines = Vec::new();
    for authority in owed {
        for &(stage, hours) in &authority.deadlines {
            let due = Moment::instant_in(start + i64::try_from(hours).unwrap_or(0) * 3600, tz);
            let clock = due.time.map(|t| t.clock()).unwrap_or_default();
            lines.push(format!(
                "Deadline for the {} to {}: {} {clock} ({hours} hours after detected; report with authority = \"{}\", stage = \"{}\").",
                stage.key(),
                authority.name,
                due.date,
                authority.id,
                stage.key()
            ));
        }
    }
    lines
}

/// A date or offset date-time as `check_date` lets it through.
fn moment_of(text: &str) -> Option<Moment> {
    let table: toml::Table = format!("d = {text}").parse().ok()?;
    let dt = table.get("d")?.as_datetime()?;
    let d = dt.date?;
    let date = Date { year: i32::from(d.year), month: d.month, day: d.day };
    let time = match (dt.time, dt.offset) {
        (Some(t), Some(offset)) => Some(TimeOfDay {
            hour: t.hour,
            minute: t.minute,
            second: t.second.unwrap_or(0),
            offset_minutes: match offset {
                toml::value::Offset::Z => 0,
                toml::value::Offset::Custom { minutes } => minutes,
            },
        }),
        _ => None,
    };
    Some(Moment { date, time })
}

/// A path relative to the root as messages show it, with `/`.
fn display(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
