//! The import benchmark: `cargo bench --bench import`.
//!
//! Generates a deterministic 100 000-row ServiceNow-style CSV export (a
//! year of incidents, seed 2023) and a small site with a Q2 2023 period,
//! then times `insyn import FILE --period 2023-q2 --write` with the release
//! binary several times, restoring the period folder before each run so
//! that every run counts, drafts and writes. Prints every run and the
//! median. Options after `--`: `--rows N` (default 100 000), `--reps N`
//! (default 5). Nothing here is a test: timings live in this benchmark only.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const PERIOD: &str = "label = \"Kvartal 2 2023\"\nstart = 2023-04-01\nend = 2023-06-30\n";

fn main() {
    let mut rows = 100_000;
    let mut reps = 5;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rows" => rows = args.next().and_then(|n| n.parse().ok()).unwrap_or(rows),
            "--reps" => reps = args.next().and_then(|n| n.parse().ok()).unwrap_or(reps),
            _ => {}
        }
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-import");
    let _ = fs::remove_dir_all(&dir);
    write_site(&dir);
    let export = dir.join("incidents.csv");
    let csv = export_csv(rows);
    fs::write(&export, &csv).expect("write export");
    println!("insyn import: {rows} rows, {:.1} MB of CSV, {reps} runs", csv.len() as f64 / 1e6);

    let mut times = Vec::new();
    for run in 1..=reps {
        let period = dir.join("content/periods/2023-q2");
        let _ = fs::remove_dir_all(&period);
        fs::create_dir_all(&period).expect("period folder");
        fs::write(period.join("period.toml"), PERIOD).expect("period.toml");
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_insyn"))
            .args(["import", &export.to_string_lossy(), "--period", "2023-q2", "--write", "--root"])
            .arg(&dir)
            .output()
            .expect("run insyn");
        let took = started.elapsed();
        assert!(out.status.success(), "insyn import failed:\n{}", String::from_utf8_lossy(&out.stderr));
        let drafts = fs::read_dir(&period).map_or(0, |d| d.count()) - 1;
        println!("  run {run}: {:.3} s ({drafts} drafts written)", took.as_secs_f64());
        times.push(took);
    }
    times.sort();
    let median: Duration = times[times.len() / 2];
    println!(
        "median {:.3} s (min {:.3} s, max {:.3} s)",
        median.as_secs_f64(),
        times[0].as_secs_f64(),
        times[times.len() - 1].as_secs_f64()
    );
}

fn write_site(dir: &Path) {
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    write(
        "site.toml",
        "title = \"Bench\"\nbase_url = \"https://example.se/\"\n\n[[areas]]\nid = \"it\"\nname = \"IT\"\n\n[import]\npreset = \"servicenow\"\nmajor_priorities = [\"1 - Critical\"]\npersonal_data_categories = [\"Personuppgiftsincident\"]\nexclude_states = [\"Canceled\"]\n",
    );
    for s in SERVICES {
        write(
            &format!("content/services/{}.toml", s.to_lowercase().replace(' ', "-")),
            &format!("name = \"{s}\"\narea = \"it\"\ntier = \"base\"\nsystem = \"{s} system\"\n"),
        );
    }
}

const SERVICES: [&str; 8] = ["Agresso", "Citrix", "Telefoni", "Lon", "Rekrytering", "Epost", "Intranat", "Skrivare"];

/// A ServiceNow-style CSV export (field-name headers, display values).
fn export_csv(rows: usize) -> String {
    let mut seed: u64 = 2023;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let priorities = ["2 - High", "3 - Moderate", "3 - Moderate", "4 - Low", "4 - Low", "5 - Planning"];
    let states = ["Closed", "Closed", "Resolved", "In Progress", "Canceled"];
    let mut out = String::with_capacity(rows * 200);
    out.push_str(
        "number,opened_at,short_description,caller_id,priority,state,category,cmdb_ci,resolved_at,description\r\n",
    );
    for i in 0..rows {
        let (month, day, hour, minute) = (next(12) + 1, next(28) + 1, next(24), next(60));
        let roll = next(1000);
        let priority = if roll < 4 { "1 - Critical" } else { priorities[next(6) as usize] };
        let category = if (4..7).contains(&roll) { "Personuppgiftsincident" } else { "Software" };
        let service = SERVICES[next(8) as usize];
        let state = states[next(5) as usize];
        let _ = write!(
            out,
            "INC{:07},2023-{month:02}-{day:02} {hour:02}:{minute:02}:00,Störning i {service} nummer {i},Anna Andersson,{priority},{state},{category},{service},2023-{month:02}-{day:02} 23:59:00,\"Användarna kunde inte arbeta i {service}.\nÅtgärdat av driften.\"\r\n",
            i + 1
        );
    }
    out
}
