//! `insyn new record|period|service|page`: writes a new content file with
//! every field of the format in it, so that an editor fills in a form
//! instead of remembering one.
//!
//! Required fields are filled from the command line, or asked for when it
//! runs in a terminal; optional fields are there as comments, each with one
//! line saying what it is for, in the order of the content format. Values
//! are checked before anything is written (references must exist, ids must
//! be new), an existing file is never overwritten, and the new file is
//! checked like `insyn check` would right after it is written (and removed
//! again if it does not pass, which only values given to it can cause).

use std::io::{BufRead, IsTerminal, Write as _};
use std::path::{Path, PathBuf};

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Verbosity};
use crate::content::ids;
use crate::diagnostics::{Diagnostics, stderr_wants_color, suggest};
use crate::time::Date;
use crate::{Options, compile};

/// What to create.
#[derive(Debug, Clone)]
pub enum What {
    /// A deviation record in a period.
    Record(RecordArgs),
    /// A reporting period.
    Period(PeriodArgs),
    /// A service of the catalogue.
    Service(ServiceArgs),
    /// A free page.
    Page(PageArgs),
}

/// `insyn new record`.
#[derive(Debug, Clone, Default)]
pub struct RecordArgs {
    /// The period id (the folder it goes in).
    pub period: Option<String>,
    /// The service id.
    pub service: Option<String>,
    /// One of the kinds, e.g. `major-incident`.
    pub kind: Option<String>,
    /// The title; the id is derived from it unless `id` is given.
    pub title: Option<String>,
    /// When it began or was found; default: today.
    pub date: Option<String>,
    /// The id (file name) instead of the one derived from the title.
    pub id: Option<String>,
    /// Write `draft = true`.
    pub draft: bool,
}

/// `insyn new period`.
#[derive(Debug, Clone, Default)]
pub struct PeriodArgs {
    /// The period id, e.g. `2023-q2` (the folder name).
    pub id: Option<String>,
    /// What readers see, e.g. "Kvartal 2 2023".
    pub label: Option<String>,
    /// First day.
    pub start: Option<String>,
    /// Last day.
    pub end: Option<String>,
}

/// `insyn new service`.
#[derive(Debug, Clone, Default)]
pub struct ServiceArgs {
    /// The service's name (`name` in the file); the id is derived from it.
    pub title: Option<String>,
    /// The area id.
    pub area: Option<String>,
    /// `base` or `addon`.
    pub tier: Option<String>,
    /// The id (file name) instead of the one derived from the title.
    pub id: Option<String>,
}

/// `insyn new page`.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    /// The title; the id is derived from it.
    pub title: Option<String>,
    /// The id (file name) instead of the one derived from the title.
    pub id: Option<String>,
    /// Write `draft = true`.
    pub draft: bool,
}

/// Everything `insyn new` was asked to do.
#[derive(Debug, Clone)]
pub struct NewArgs {
    /// Site root.
    pub root: PathBuf,
    /// What to create.
    pub what: What,
    /// How much to print.
    pub verbosity: Verbosity,
}

/// Where missing values come from.
pub trait Ask {
    /// Whether questions can be asked at all (a terminal).
    fn interactive(&self) -> bool;
    /// Asks one question; `None` when there is no answer (end of input).
    fn ask(&mut self, prompt: &str) -> Option<String>;
}

/// Asks on the terminal: the prompt on stderr, the answer from stdin.
#[derive(Debug, Default)]
pub struct TerminalAsk;

impl Ask for TerminalAsk {
    fn interactive(&self) -> bool {
        std::io::stdin().is_terminal()
    }

    fn ask(&mut self, prompt: &str) -> Option<String> {
        eprint!("{prompt}: ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => {
                eprintln!();
                None
            }
            Ok(_) => Some(line.trim().to_string()),
        }
    }
}

/// Never asks: every missing value is an error naming its flag.
#[derive(Debug, Default)]
pub struct NoAsk;

impl Ask for NoAsk {
    fn interactive(&self) -> bool {
        false
    }

    fn ask(&mut self, _prompt: &str) -> Option<String> {
        None
    }
}

/// A file ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Path relative to the site root.
    pub rel: PathBuf,
    /// The whole text.
    pub text: String,
    /// Things to tell the editor (a default that was used, a date outside
    /// the period).
    pub notes: Vec<String>,
    /// What to do next.
    pub next: String,
}

/// Runs `insyn new`, asking on the terminal when stdin is one; returns the
/// exit status.
pub fn run(args: NewArgs) -> i32 {
    run_with(args, &mut TerminalAsk)
}

/// Runs `insyn new` with answers from `asker`.
pub fn run_with(args: NewArgs, asker: &mut dyn Ask) -> i32 {
    let planned = match plan(&args.root, &args.what, asker) {
        Ok(p) => p,
        Err(problems) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            if !asker.interactive() && problems.iter().any(|p| p.starts_with("missing")) {
                eprintln!("Run it in a terminal to be asked for what is missing, or pass the flags.");
            }
            eprintln!("Nothing was written.");
            return EXIT_USAGE;
        }
    };
    let path = args.root.join(&planned.rel);
    let shown = display(&planned.rel);
    let created_dirs = match write_new(&path, &planned.text) {
        Ok(dirs) => dirs,
        Err(e) => {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                eprintln!(
                    "error: {shown} already exists; insyn new never overwrites a file (pass --id to choose another)"
                );
            } else {
                eprintln!("error: cannot write {shown}: {e}");
            }
            return EXIT_USAGE;
        }
    };
    if args.verbosity != Verbosity::Quiet {
        for n in &planned.notes {
            eprintln!("note: {n}");
        }
    }
    // The file was made to pass; check it as `insyn check` would, to be sure
    // (a title can contain what the personal-data guard refuses). A file
    // that does not pass is not left behind.
    let own = check_file(&args.root, &planned.rel);
    if !own.is_empty() {
        own.print(stderr_wants_color());
    }
    if own.error_count() > 0 {
        let _ = std::fs::remove_file(&path);
        for dir in created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        eprintln!("Nothing was written: {shown} would not pass insyn check; change the values above and run it again.");
        return EXIT_CONTENT;
    }
    // The path goes to stdout, so that scripts can open it in an editor.
    println!("{shown}");
    if args.verbosity != Verbosity::Quiet {
        eprintln!("Created {shown}");
        eprintln!("Next: {}", planned.next);
    }
    EXIT_OK
}

fn display(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Creates the folders and the file; fails if the file exists. Returns the
/// folders it created, outermost first.
fn write_new(path: &Path, text: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut created = Vec::new();
    if let Some(parent) = path.parent() {
        let mut missing = parent;
        while !missing.exists() {
            created.push(missing.to_path_buf());
            match missing.parent() {
                Some(p) => missing = p,
                None => break,
            }
        }
        created.reverse();
        std::fs::create_dir_all(parent)?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(created)
}

/// The diagnostics `insyn check` reports for one file.
fn check_file(root: &Path, rel: &Path) -> Diagnostics {
    let options = Options { root: root.to_path_buf(), drafts: true, check_only: true, ..Options::default() };
    let all = match compile(&options) {
        Ok(done) => done.diagnostics,
        Err(diags) => diags,
    };
    let mut own = Diagnostics::new();
    own.set_root(root);
    for d in all.sorted() {
        if d.file == rel {
            own.push(d.clone());
        }
    }
    own
}

/// Decides the file to write and its text, asking for what is missing.
/// Returns every problem when values are missing or wrong.
pub fn plan(root: &Path, what: &What, asker: &mut dyn Ask) -> Result<Planned, Vec<String>> {
    let facts = SiteFacts::read(root)?;
    let mut q = Questions { asker, problems: Vec::new() };
    let planned = match what {
        What::Record(a) => plan_record(&facts, a, &mut q),
        What::Period(a) => plan_period(&facts, a, &mut q),
        What::Service(a) => plan_service(&facts, a, &mut q),
        What::Page(a) => plan_page(&facts, a, &mut q),
    };
    match planned {
        Some(p) if q.problems.is_empty() => Ok(p),
        _ => Err(q.problems),
    }
}

/// What the site already has, read leniently (the site may have errors).
#[derive(Debug, Default)]
struct SiteFacts {
    areas: Vec<String>,
    services: Vec<String>,
    /// Period id, start, end.
    periods: Vec<(String, Option<Date>, Option<Date>)>,
    /// Record id → its file.
    records: Vec<(String, PathBuf)>,
    pages: Vec<String>,
    /// Page ids that would clash with the site's own folders.
    reserved: Vec<String>,
}

impl SiteFacts {
    fn read(root: &Path) -> Result<SiteFacts, Vec<String>> {
        if !root.join(crate::content::SITE_TOML).is_file() {
            return Err(vec![format!(
                "there is no site.toml in {}; run insyn new in the site's folder or pass --root DIR",
                root.display()
            )]);
        }
        // The same reading of site.toml as every build's: its mistakes are
        // shown now, since a file written against them would not pass.
        let mut diags = Diagnostics::new();
        diags.set_root(root);
        let (site_toml, _) = crate::content::read_site_toml(root, &mut diags);
        let Some(config) = site_toml.config else {
            diags.print(stderr_wants_color());
            return Err(vec!["site.toml has errors (above); fix them first".to_string()]);
        };
        let mut facts =
            SiteFacts { areas: config.areas.iter().map(|a| a.id.clone()).collect(), ..SiteFacts::default() };
        facts.services = ids_in(&root.join("content/services"), "toml");
        for id in dirs_in(&root.join("content/periods")) {
            let dir = root.join("content/periods").join(&id);
            if let Ok(text) = std::fs::read_to_string(dir.join("period.toml")) {
                let t = text.parse::<toml::Table>().unwrap_or_default();
                let date = |k: &str| {
                    t.get(k).and_then(|v| v.as_datetime()).and_then(|d| d.date).map(|d| Date {
                        year: i32::from(d.year),
                        month: d.month,
                        day: d.day,
                    })
                };
                facts.periods.push((id.clone(), date("start"), date("end")));
            }
            for record in ids_in(&dir, "md") {
                let rel = PathBuf::from("content/periods").join(&id).join(format!("{record}.md"));
                facts.records.push((record, rel));
            }
        }
        facts.pages = ids_in(&root.join("content/pages"), "md");
        facts.reserved = reserved_words(root, &config);
        Ok(facts)
    }

    fn period_ids(&self) -> Vec<String> {
        self.periods.iter().map(|(id, _, _)| id.clone()).collect()
    }
}

/// The first path segments the site itself uses (URL words, `static` …).
fn reserved_words(root: &Path, config: &crate::content::SiteConfig) -> Vec<String> {
    let mut sink = Diagnostics::new();
    crate::theme::Theme::load(root, &config.theme, &mut sink)
        .and_then(|theme| crate::theme::load_i18n(config.language, &theme, &mut sink))
        .map_or_else(
            || crate::layout::reserved::TOP_LEVEL.iter().map(|w| (*w).to_string()).collect(),
            |i18n| crate::layout::reserved::all(&i18n.url),
        )
}

/// The ids of `*.<ext>` files in a folder, sorted.
fn ids_in(dir: &Path, ext: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    name.strip_suffix(&format!(".{ext}")).map(str::to_string)
                })
                .filter(|id| ids::is_valid(id))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The names of the sub-folders of a folder, sorted.
fn dirs_in(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|id| ids::is_valid(id))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Collects values from flags or answers, and every problem.
struct Questions<'a> {
    asker: &'a mut dyn Ask,
    problems: Vec<String>,
}

/// One required value: where it comes from and how it is explained.
struct Want<'a> {
    /// The flag as typed (`--title`), or a name for a positional argument.
    flag: &'a str,
    /// The question on the terminal.
    prompt: &'a str,
    /// What to say when it is missing and cannot be asked for.
    example: &'a str,
}

impl Questions<'_> {
    /// A required value: the flag's, or asked for. Wrong values from flags
    /// are problems; wrong answers are explained and asked again.
    fn value(
        &mut self,
        given: Option<&String>,
        want: &Want<'_>,
        check: impl Fn(&str) -> Result<String, String>,
    ) -> Option<String> {
        let interactive = self.asker.interactive();
        let missing = || format!("missing {}: {}", want.flag, want.example);
        match given {
            Some(v) => match check(v.trim()) {
                Ok(v) => return Some(v),
                Err(e) if !interactive => {
                    self.problems.push(format!("{}: {e}", want.flag));
                    return None;
                }
                Err(e) => eprintln!("{}: {e}", want.flag),
            },
            None if !interactive => {
                self.problems.push(missing());
                return None;
            }
            None => {}
        }
        self.ask_until_valid(want, None, check)
    }

    /// Like [`Questions::value`], with `default` for an empty answer.
    fn value_or(
        &mut self,
        given: Option<&String>,
        want: &Want<'_>,
        default: &str,
        check: impl Fn(&str) -> Result<String, String>,
    ) -> Option<String> {
        if given.is_some() || !self.asker.interactive() {
            return self.value(given, want, check);
        }
        self.ask_until_valid(want, Some(default), check)
    }

    fn ask_until_valid(
        &mut self,
        want: &Want<'_>,
        default: Option<&str>,
        check: impl Fn(&str) -> Result<String, String>,
    ) -> Option<String> {
        loop {
            let Some(answer) = self.asker.ask(want.prompt) else {
                self.problems.push(format!("missing {}: {}", want.flag, want.example));
                return None;
            };
            let answer = match (answer.trim(), default) {
                ("", Some(d)) => d.to_string(),
                (a, _) => a.to_string(),
            };
            match check(&answer) {
                Ok(v) => return Some(v),
                Err(e) => eprintln!("  {e}"),
            }
        }
    }
}

fn check_text(what: &str) -> impl Fn(&str) -> Result<String, String> + '_ {
    move |v: &str| {
        if v.is_empty() {
            Err(format!("{what} cannot be empty"))
        } else if v.chars().any(char::is_control) {
            Err(format!("{what} must be one line of text"))
        } else {
            Ok(v.to_string())
        }
    }
}

/// A value that must be one of `existing` (ids of services, periods, areas).
fn check_ref<'a>(
    what: &'a str,
    existing: &'a [String],
    how_to_add: &'a str,
) -> impl Fn(&str) -> Result<String, String> + 'a {
    move |v: &str| {
        if existing.iter().any(|e| e == v) {
            return Ok(v.to_string());
        }
        if existing.is_empty() {
            return Err(format!("there is no {what} \"{v}\", and the site has none yet; {how_to_add}"));
        }
        let list = list_of(existing);
        Err(match suggest(v, existing.iter().map(String::as_str)) {
            Some(close) => format!("there is no {what} \"{v}\"; did you mean \"{close}\"? The {what}s are: {list}"),
            None => format!("there is no {what} \"{v}\"; the {what}s are: {list}"),
        })
    }
}

fn check_choice<'a>(what: &'a str, words: &'a [&'a str]) -> impl Fn(&str) -> Result<String, String> + 'a {
    move |v: &str| {
        if words.contains(&v) {
            return Ok(v.to_string());
        }
        let list = words.join(", ");
        Err(match suggest(&v.to_lowercase(), words.iter().copied()) {
            Some(close) => format!("{what} cannot be \"{v}\"; did you mean \"{close}\"? It is one of: {list}"),
            None => format!("{what} cannot be \"{v}\"; it is one of: {list}"),
        })
    }
}

/// A TOML date (`2023-02-14`), or with `allow_time` also a date-time with
/// its UTC offset (`2023-02-14T08:10:00+01:00`).
fn check_date(allow_time: bool) -> impl Fn(&str) -> Result<String, String> {
    move |v: &str| {
        let example = if allow_time { "2023-02-14 or 2023-02-14T08:10:00+01:00" } else { "2023-02-14" };
        let wrong = || format!("\"{v}\" is not a date; write it as {example}");
        if let Some(d) = plain_date(v)
            && !d.is_valid()
        {
            return Err(format!("{d} is not a day of the calendar"));
        }
        let parsed = format!("d = {v}").parse::<toml::Table>().map_err(|_| wrong())?;
        let Some(dt) = parsed.get("d").and_then(|d| d.as_datetime()) else { return Err(wrong()) };
        let Some(date) = dt.date else { return Err(wrong()) };
        let date = Date { year: i32::from(date.year), month: date.month, day: date.day };
        if !date.is_valid() {
            return Err(format!("{v} is not a day of the calendar"));
        }
        match (dt.time, dt.offset, allow_time) {
            (None, _, _) => Ok(dt.to_string()),
            (Some(_), _, false) => Err(format!("give only the date, without a time of day: {example}")),
            (Some(_), None, true) => Err(format!(
                "a time of day needs its UTC offset, e.g. {date}T08:10:00+01:00 (+02:00 in summer), or give only the date"
            )),
            (Some(_), Some(_), true) => Ok(dt.to_string()),
        }
    }
}

/// `YYYY-MM-DD` at the start of `v` as numbers, valid in the calendar or not.
fn plain_date(v: &str) -> Option<Date> {
    let d = v.get(..10)?;
    if d.as_bytes().get(4) != Some(&b'-') || d.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    Some(Date { year: d[..4].parse().ok()?, month: d[5..7].parse().ok()?, day: d[8..10].parse().ok()? })
}

/// `YYYY-MM-DD` at the start of `v`, when it is a day of the calendar.
fn parse_date(v: &str) -> Option<Date> {
    plain_date(v).filter(|d| d.is_valid())
}

/// Up to 12 ids, then "…".
fn list_of(ids: &[String]) -> String {
    let mut shown: Vec<&str> = ids.iter().take(12).map(String::as_str).collect();
    if ids.len() > 12 {
        shown.push("…");
    }
    shown.join(", ")
}

/// The id from `--id`, or derived from the title.
fn choose_id(q: &mut Questions<'_>, given: Option<&String>, title: &str) -> Option<String> {
    if let Some(id) = given {
        if ids::is_valid(id) {
            return Some(id.clone());
        }
        q.problems.push(format!("--id: \"{id}\" is not a valid id: {}", ids::help_for(id)));
        return None;
    }
    let id = ids::derive(title);
    if id.is_empty() {
        q.problems.push(format!(
            "no id can be made from the title \"{title}\"; pass --id with lowercase letters a–z, digits and -"
        ));
        return None;
    }
    Some(id)
}

/// A TOML basic string with the needed escapes.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Today's date (UTC).
fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Howard Hinnant's civil_from_days.
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: i32::try_from(year).unwrap_or(1970),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

/// The second line of every file: how to use the commented fields.
const HEADER: &str = "# Optional fields are commented out: remove the # in front of one to use it.\n";

fn plan_record(facts: &SiteFacts, a: &RecordArgs, q: &mut Questions<'_>) -> Option<Planned> {
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
    let today = today().to_string();
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
        q.problems.push(format!(
            "{} already exists: record ids are unique across the site; pass --id to choose another id",
            display(existing)
        ));
        return None;
    }

    let mut t = String::new();
    t.push_str("+++\n");
    t.push_str("# A deviation record: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    t.push_str("# The heading readers see.\n");
    t.push_str(&format!("title = {}\n", toml_str(&title)));
    t.push_str("# One of: incident, major-incident, personal-data-incident, quality-deficiency, unmet-need.\n");
    t.push_str(&format!("kind = {}\n", toml_str(&kind)));
    t.push_str("# The service it concerns: a file name in content/services/, without .toml.\n");
    t.push_str(&format!("service = {}\n", toml_str(&service)));
    t.push_str(
        "# When it began or was found: a date, or a date-time with its UTC offset (2023-02-14T08:10:00+01:00).\n",
    );
    t.push_str(&format!("date = {date}\n"));
    t.push_str("# When it was resolved (a date or a date-time, as for date); leave it out while it is still open.\n");
    t.push_str(&format!("# resolved = {}\n", date.get(..10).unwrap_or(&date)));
    t.push_str("# open, in-progress or resolved; default: resolved when `resolved` is set, otherwise open.\n");
    t.push_str("# status = \"in-progress\"\n");
    t.push_str("# How serious it was: low, medium or high (liten, medel, stor).\n");
    t.push_str("# severity = \"medium\"\n");
    t.push_str("# The supplier, when it is not the service's own; default: the service's supplier.\n");
    t.push_str("# supplier = \"…\"\n");
    t.push_str("# Actions taken, one string each (inline Markdown).\n");
    t.push_str("# actions = [\"…\", \"…\"]\n");
    t.push_str("# Ids of related records (their file names without .md); the pages link to each other.\n");
    t.push_str("# related = [\"…\"]\n");
    t.push_str("# For personal-data incidents: whether it was reported to the data protection authority (IMY).\n");
    t.push_str("# reported_to_authority = true\n");
    t.push_str("# A draft is never published; insyn serve --drafts and insyn build --drafts show it.\n");
    t.push_str(if a.draft { "draft = true\n" } else { "# draft = true\n" });
    t.push_str("# Earlier addresses of this record, from the site root, that must keep working.\n");
    t.push_str("# aliases = [\"/old/address/\"]\n");
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

fn plan_period(facts: &SiteFacts, a: &PeriodArgs, q: &mut Questions<'_>) -> Option<Planned> {
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

    let mut t = String::new();
    t.push_str("# A reporting period: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    t.push_str("# What readers see, e.g. \"Kvartal 2 2023\".\n");
    t.push_str(&format!("label = {}\n", toml_str(&label)));
    t.push_str("# The first day of the period (a TOML date, without quotes).\n");
    t.push_str(&format!("start = {start}\n"));
    t.push_str("# The last day of the period.\n");
    t.push_str(&format!("end = {end}\n"));
    t.push_str("# The period to compare with; default: the one that starts exactly one year earlier, if any.\n");
    t.push_str(&format!("# compare_with = {}\n", toml_str(&year_earlier)));
    t.push_str("# A summary of the period, shown on its page (Markdown; \"\"\" lets it span lines).\n");
    t.push_str("# summary = \"\"\"…\"\"\"\n");
    t.push('\n');
    t.push_str("# Counts from the incident-management system. A count left out is counted from the records.\n");
    t.push_str("# [figures]\n");
    t.push_str("# All incidents in the period (most are not written up as records).\n");
    t.push_str("# incidents = 0\n");
    t.push_str("# Major incidents in the period.\n");
    t.push_str("# major_incidents = 0\n");
    t.push_str("# Personal-data incidents in the period.\n");
    t.push_str("# personal_data_incidents = 0\n");
    t.push('\n');
    t.push_str("# A recommendation after the period's deviations; repeat the section for each one.\n");
    t.push_str("# [[recommendations]]\n");
    t.push_str("# The recommendation's heading.\n");
    t.push_str("# title = \"…\"\n");
    t.push_str("# The service it concerns, if one: a service id.\n");
    t.push_str("# service = \"…\"\n");
    t.push_str("# What to do, and why (Markdown).\n");
    t.push_str("# text = \"\"\"…\"\"\"\n");
    Some(Planned {
        rel: PathBuf::from("content/periods").join(&id).join("period.toml"),
        text: t,
        notes: Vec::new(),
        next: format!(
            "add the figures if you have them, then add records with insyn new record --period {id}, and run insyn serve."
        ),
    })
}

fn plan_service(facts: &SiteFacts, a: &ServiceArgs, q: &mut Questions<'_>) -> Option<Planned> {
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
    let mut t = String::new();
    t.push_str("# A service of the IT catalogue: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    t.push_str("# The service's name, as readers see it.\n");
    t.push_str(&format!("name = {}\n", toml_str(&title)));
    t.push_str(&format!("# The area it belongs to: an [[areas]] id in site.toml ({}).\n", list_of(&facts.areas)));
    t.push_str(&format!("area = {}\n", toml_str(&area)));
    t.push_str("# The IT system behind the service.\n");
    t.push_str("# system = \"…\"\n");
    t.push_str("# base (bastjänst) or addon (tilläggstjänst).\n");
    t.push_str(&format!("tier = {}\n", toml_str(&tier)));
    t.push_str("# Who delivers the system; its records name this supplier unless they say otherwise.\n");
    t.push_str("# supplier = \"…\"\n");
    t.push_str("# A description shown on the service's page (Markdown; \"\"\" lets it span lines).\n");
    t.push_str("# description = \"\"\"…\"\"\"\n");
    t.push_str("# true when the service has left the catalogue: its history stays on the site.\n");
    t.push_str("# retired = true\n");
    Some(Planned {
        rel: PathBuf::from("content/services").join(format!("{id}.toml")),
        text: t,
        notes: Vec::new(),
        next: format!(
            "fill in system and supplier if you know them, then run insyn serve; records refer to it as service = \"{id}\"."
        ),
    })
}

fn plan_page(facts: &SiteFacts, a: &PageArgs, q: &mut Questions<'_>) -> Option<Planned> {
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
    let mut t = String::new();
    t.push_str("+++\n");
    t.push_str("# A page: every field of the content format is listed below.\n");
    t.push_str(HEADER);
    t.push_str("# The heading readers see, and the page's name in the navigation.\n");
    t.push_str(&format!("title = {}\n", toml_str(&title)));
    t.push_str("# One sentence for search engines and link previews; default: the site's description.\n");
    t.push_str("# description = \"…\"\n");
    t.push_str("# The page's place in the navigation: lower numbers come first (default 0).\n");
    t.push_str("# weight = 10\n");
    t.push_str("# false keeps the page out of the navigation (it is still published).\n");
    t.push_str("# in_nav = false\n");
    t.push_str("# A draft is never published; insyn serve --drafts and insyn build --drafts show it.\n");
    t.push_str(if a.draft { "draft = true\n" } else { "# draft = true\n" });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), Date { year: 1970, month: 1, day: 1 });
        assert_eq!(civil_from_days(19_402), Date { year: 2023, month: 2, day: 14 });
        let d = Date { year: 2024, month: 2, day: 29 };
        assert_eq!(civil_from_days(d.days_since_epoch()), d);
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
        std::fs::write(
            dir.path().join("content/services/lon.toml"),
            "name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\n",
        )
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
        assert!(planned.text.contains(&format!("\ndate = {}\n", today())), "{}", planned.text);
        assert_eq!(planned.rel, PathBuf::from("content/periods/2023-q1/lon-stoppad.md"));
        let mut answers = Scripted(vec!["Lön stoppad", "incident", "lon", "2023-q1", "14/2", "2023-02-14"]);
        let planned = plan(dir.path(), &what, &mut answers).expect("plans");
        assert!(planned.text.contains("\ndate = 2023-02-14\n"), "{}", planned.text);
    }
}
