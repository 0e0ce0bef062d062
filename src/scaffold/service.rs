//! `insyn new service`: a service of the catalogue.

use std::path::PathBuf;

use super::ask::{Questions, Want, check_choice, check_ref, check_text, list_of};
use super::facts::SiteFacts;
use super::plan::{Planned, ServiceArgs, choose_id};
use super::template::{Fill, HEADER, toml_str, write_fields};
use crate::content::Service;

/// Plans `insyn new service`.
pub fn plan(facts: &SiteFacts, a: &ServiceArgs, q: &mut Questions<'_>) -> Option<Planned> {
    let area_list = list_of(&facts.areas);
    let title = q.value(
        a.title.as_ref(),
        &Want {
            flag: "--title",
            prompt: "Name of the service (what readers see)",
            example: "the service's name, e.g. --title \"Stöd i ekonomiprocesser\"",
        },
        check_text("the name"),
    );
    let area = q.value(
        a.area.as_ref(),
        &Want {
            flag: "--area",
            prompt: &format!("Area ({area_list})"),
            example: &format!("the area it belongs to, one of {area_list}"),
        },
        check_ref("area", &facts.areas, "add an [[areas]] entry to site.toml first"),
    );
    let tiers = ["base", "addon"];
    let tier = q.value(
        a.tier.as_ref(),
        &Want {
            flag: "--tier",
            prompt: "Tier (base = bastjänst, addon = tilläggstjänst)",
            example: "base (bastjänst) or addon (tilläggstjänst)",
        },
        check_choice("tier", &tiers),
    );
    let (title, area, tier) = (title?, area?, tier?);
    let id = choose_id(q, a.id.as_ref(), &title)?;
    if facts.services.contains(&id) {
        q.problems.push(format!("content/services/{id}.toml already exists; pass --id to choose another id"));
        return None;
    }
    let fill =
        Fill::default().value("name", toml_str(&title)).value("area", toml_str(&area)).value("tier", toml_str(&tier));
    let mut t = String::from("# A service of the IT catalogue: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    write_fields(&mut t, Service::DOC, &fill);
    Some(Planned {
        rel: PathBuf::from("content/services").join(format!("{id}.toml")),
        text: t,
        notes: Vec::new(),
        next: format!(
            "fill in system and supplier if you know them, then run insyn serve; records refer to it as service = \"{id}\"."
        ),
    })
}
