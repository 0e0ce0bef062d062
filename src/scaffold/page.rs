//! `insyn new page`: a free page.

use std::path::PathBuf;

use super::ask::{Questions, Want, check_text};
use super::facts::SiteFacts;
use super::plan::{PageArgs, Planned, choose_id};
use super::template::{Fill, HEADER, toml_str, write_fields};
use crate::content::Page;

/// Plans `insyn new page`.
pub fn plan(facts: &SiteFacts, a: &PageArgs, q: &mut Questions<'_>) -> Option<Planned> {
    let title = q.value(
        a.title.as_ref(),
        &Want {
            flag: "--title",
            prompt: "Title of the page",
            example: "the page's heading, e.g. --title \"Om rapporten\"",
        },
        check_text("the title"),
    )?;
    let id = choose_id(q, a.id.as_ref(), &title)?;
    if facts.pages.contains(&id) {
        q.problems.push(format!("content/pages/{id}.md already exists; pass --id to choose another id"));
        return None;
    }
    if facts.reserved.contains(&id) {
        q.problems.push(format!(
            "a page cannot be called \"{id}\": the site uses /{id}/ itself; pass --id to choose another id"
        ));
        return None;
    }
    let mut fill = Fill::default().value("title", toml_str(&title));
    if a.draft {
        fill = fill.value("draft", "true".to_string());
    }
    let mut t = String::from("+++\n# A page: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    write_fields(&mut t, Page::DOC, &fill);
    t.push_str("+++\n");
    Some(Planned {
        rel: PathBuf::from("content/pages").join(format!("{id}.md")),
        text: t,
        notes: Vec::new(),
        next: format!(
            "write the page below the closing +++ (Markdown), then run insyn serve{} to see it.",
            if a.draft { " --drafts" } else { "" }
        ),
    })
}
