//! Unit tests of `insyn new`'s planning.

use std::path::PathBuf;

use super::ask::{Ask, check_date};
use super::plan;
use super::plan::{RecordArgs, ServiceArgs, What};
use super::template::toml_str;
use crate::time::Date;

#[test]
fn dates() {
    assert_eq!(check_date(false)("2023-02-14"), Ok("2023-02-14".to_string()));
    assert!(check_date(false)("2023-02-30").is_err());
    assert!(check_date(false)("14/2 2023").is_err());
    assert!(check_date(false)("2023-02-14T08:10:00+01:00").is_err());
    assert_eq!(check_date(true)("2023-02-14T08:10:00+01:00"), Ok("2023-02-14T08:10:00+01:00".to_string()));
    assert!(check_date(true)("2023-02-14T08:10:00").is_err());
}

#[test]
fn strings_are_escaped() {
    for s in ["Ett \"citat\"", "back\\slash", "Stöd i ekonomiprocesser", "it's"] {
        let table: toml::Table = format!("t = {}", toml_str(s)).parse().expect("parses");
        assert_eq!(table.get("t").and_then(|v| v.as_str()), Some(s));
    }
}

struct Scripted(Vec<&'static str>);

impl Ask for Scripted {
    fn interactive(&self) -> bool {
        true
    }
    fn ask(&mut self, _prompt: &str) -> Option<String> {
        if self.0.is_empty() { None } else { Some(self.0.remove(0).to_string()) }
    }
}

#[test]
fn asks_again_after_a_wrong_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"T\"\nbase_url = \"https://x.se/\"\n[[areas]]\nid = \"hr\"\nname = \"HR\"\n",
    )
    .expect("write");
    let what = What::Service(ServiceArgs::default());
    let mut answers = Scripted(vec!["Lön", "hrr", "hr", "bas", "base"]);
    let planned = plan(dir.path(), &what, &mut answers).expect("plans");
    assert_eq!(planned.rel, PathBuf::from("content/services/lon.toml"));
    assert!(planned.text.contains("\nname = \"Lön\"\n"), "{}", planned.text);
    assert!(planned.text.contains("\narea = \"hr\"\n"), "{}", planned.text);
    assert!(planned.text.contains("\ntier = \"base\"\n"), "{}", planned.text);
    let mut none = Scripted(vec!["Lön"]);
    let problems = plan(dir.path(), &what, &mut none).expect_err("runs out of answers");
    assert!(problems.iter().any(|p| p.starts_with("missing --area")), "{problems:?}");

    // A record: an empty answer to the date question means today.
    std::fs::create_dir_all(dir.path().join("content/services")).expect("mkdir");
    std::fs::write(dir.path().join("content/services/lon.toml"), "name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\n")
        .expect("write");
    std::fs::create_dir_all(dir.path().join("content/periods/2023-q1")).expect("mkdir");
    std::fs::write(
        dir.path().join("content/periods/2023-q1/period.toml"),
        "label = \"Q1\"\nstart = 2023-01-01\nend = 2023-03-31\n",
    )
    .expect("write");
    let what = What::Record(RecordArgs::default());
    let mut answers = Scripted(vec!["Lön stoppad", "incident", "lon", "2023-q1", ""]);
    let planned = plan(dir.path(), &what, &mut answers).expect("plans");
    assert!(planned.text.contains(&format!("\ndate = {}\n", Date::today())), "{}", planned.text);
    assert_eq!(planned.rel, PathBuf::from("content/periods/2023-q1/lon-stoppad.md"));
    let mut answers = Scripted(vec!["Lön stoppad", "incident", "lon", "2023-q1", "14/2", "2023-02-14"]);
    let planned = plan(dir.path(), &what, &mut answers).expect("plans");
    assert!(planned.text.contains("\ndate = 2023-02-14\n"), "{}", planned.text);
}
