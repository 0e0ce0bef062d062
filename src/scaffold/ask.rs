//! Where the values of a new file come from: the command's flags, or the
//! editor's answers on a terminal, each checked before anything is written.

use std::io::{BufRead, IsTerminal, Write as _};

use crate::diagnostics::suggest;
use crate::time::Date;

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

/// Collects values from flags or answers, and every problem.
pub struct Questions<'a> {
    /// Where answers come from.
    pub asker: &'a mut dyn Ask,
    /// Every problem found so far.
    pub problems: Vec<String>,
}

/// One required value: where it comes from and how it is explained.
pub struct Want<'a> {
    /// The flag as typed (`--title`), or a name for a positional argument.
    pub flag: &'a str,
    /// The question on the terminal.
    pub prompt: &'a str,
    /// What to say when it is missing and cannot be asked for.
    pub example: &'a str,
}

impl Questions<'_> {
    /// A required value: the flag's, or asked for. Wrong values from flags
    /// are problems; wrong answers are explained and asked again.
    pub fn value(
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
    pub fn value_or(
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

/// A one-line text that is not empty.
pub fn check_text(what: &str) -> impl Fn(&str) -> Result<String, String> + '_ {
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
pub fn check_ref<'a>(
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

/// A value that must be one of `words`.
pub fn check_choice<'a>(what: &'a str, words: &'a [&'a str]) -> impl Fn(&str) -> Result<String, String> + 'a {
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
pub fn check_date(allow_time: bool) -> impl Fn(&str) -> Result<String, String> {
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
pub fn plain_date(v: &str) -> Option<Date> {
    let d = v.get(..10)?;
    if d.as_bytes().get(4) != Some(&b'-') || d.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    Some(Date { year: d[..4].parse().ok()?, month: d[5..7].parse().ok()?, day: d[8..10].parse().ok()? })
}

/// `YYYY-MM-DD` at the start of `v`, when it is a day of the calendar.
pub fn parse_date(v: &str) -> Option<Date> {
    plain_date(v).filter(|d| d.is_valid())
}

/// Up to 12 ids, then "…".
pub fn list_of(ids: &[String]) -> String {
    let mut shown: Vec<&str> = ids.iter().take(12).map(String::as_str).collect();
    if ids.len() > 12 {
        shown.push("…");
    }
    shown.join(", ")
}
