//! Reading typed fields out of a parsed TOML table, reporting every problem
//! with its span instead of stopping at the first.
//!
//! serde's derive stops at the first bad field; editors want to see every
//! mistake in a file at once, each pointing at its line. So the loader parses
//! a file into toml's spanned `DeTable` and reads it field by field here.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::value::Offset;

use crate::content::spanned::Spanned;
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::time::{Date, Moment, TimeOfDay};
use crate::vocab::Word;

/// One field of a table: name, where it is, its value.
struct Entry<'a, 'd> {
    key: &'a str,
    key_span: Range<usize>,
    value: &'a DeValue<'d>,
    value_span: Range<usize>,
    used: bool,
}

/// Reads the fields of one TOML table of a known shape.
pub struct Fields<'a, 'd, 'g> {
    file: &'a Path,
    base: usize,
    missing_span: Range<usize>,
    known: &'static [&'static str],
    entries: Vec<Entry<'a, 'd>>,
    /// Where problems go.
    pub diags: &'g mut Diagnostics,
}

/// Words editors write for a value, and the value the format wants: the
/// Swedish words of severity, status, kind and tier, and common variants.
const SYNONYMS: &[(&str, &str)] = &[
    ("liten", "low"),
    ("låg", "low"),
    ("lag", "low"),
    ("medel", "medium"),
    ("mellan", "medium"),
    ("stor", "high"),
    ("hög", "high"),
    ("hog", "high"),
    ("allvarlig", "high"),
    ("öppen", "open"),
    ("oppen", "open"),
    ("pågår", "in-progress"),
    ("pagar", "in-progress"),
    ("in progress", "in-progress"),
    ("in_progress", "in-progress"),
    ("ongoing", "in-progress"),
    ("åtgärdad", "resolved"),
    ("atgardad", "resolved"),
    ("löst", "resolved"),
    ("closed", "resolved"),
    ("done", "resolved"),
    ("major incident", "major-incident"),
    ("major_incident", "major-incident"),
    ("mi", "major-incident"),
    ("personuppgiftsincident", "personal-data-incident"),
    ("pui", "personal-data-incident"),
    ("gdpr", "personal-data-incident"),
    ("personal_data_incident", "personal-data-incident"),
    ("känd brist", "quality-deficiency"),
    ("brist", "quality-deficiency"),
    ("quality_deficiency", "quality-deficiency"),
    ("unmet_need", "unmet-need"),
    ("bastjänst", "base"),
    ("bastjanst", "base"),
    ("tilläggstjänst", "addon"),
    ("tillaggstjanst", "addon"),
    ("tillvalstjänst", "addon"),
    ("add-on", "addon"),
];

/// The TOML type of a value, for messages.
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

impl<'a, 'd, 'g> Fields<'a, 'd, 'g> {
    /// Starts reading `table`, whose spans are relative to byte `base` of
    /// `file`. `missing_span` is where a missing required field is reported;
    /// `known` lists every field the format allows here.
    pub fn new(
        file: &'a Path,
        table: &'a DeTable<'d>,
        base: usize,
        missing_span: Range<usize>,
        known: &'static [&'static str],
        diags: &'g mut Diagnostics,
    ) -> Self {
        let entries = table
            .iter()
            .map(|(k, v)| Entry {
                key: k.get_ref().as_ref(),
                key_span: shift(k.span(), base),
                value: v.get_ref(),
                value_span: shift(v.span(), base),
                used: false,
            })
            .collect();
        Fields { file, base, missing_span, known, entries, diags }
    }

    /// The file being read.
    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// The byte offset that spans of nested tables must be shifted by.
    pub fn base(&self) -> usize {
        self.base
    }

    /// Whether the table has the field at all.
    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.key == name)
    }

    fn take(&mut self, name: &str) -> Option<(&'a DeValue<'d>, Range<usize>)> {
        let entry = self.entries.iter_mut().find(|e| e.key == name)?;
        entry.used = true;
        Some((entry.value, entry.value_span.clone()))
    }

    fn wrong_type(&mut self, name: &str, span: Range<usize>, found: &DeValue<'_>, expected: &str, help: &str) {
        let d = Diagnostic::error(
            self.file,
            Some(span),
            format!("`{name}` must be {expected}, found {}", type_name(found)),
        )
        .with_help(help.to_string());
        self.diags.push(d);
    }

    /// Reports a missing required field, with an example line to add;
    /// unless the table has a misspelling of it, which [`Fields::finish`]
    /// reports (one typo, one error).
    pub fn missing(&mut self, name: &str, example: &str) {
        if self.entries.iter().any(|e| !e.used && suggest(e.key, self.known.iter().copied()) == Some(name)) {
            return;
        }
        let d = Diagnostic::error(
            self.file,
            Some(self.missing_span.clone()),
            format!("required field `{name}` is missing"),
        )
        .with_help(format!("add a line such as: {example}"));
        self.diags.push(d);
    }

    /// An optional string.
    pub fn string(&mut self, name: &str) -> Option<Spanned<String>> {
        let (value, span) = self.take(name)?;
        match value {
            DeValue::String(s) => Some(Spanned { value: s.to_string(), span }),
            other => {
                self.wrong_type(name, span, other, "a string", &format!("put the text in quotes: {name} = \"…\""));
                None
            }
        }
    }

    /// A required string; reports it missing (or empty) with `example`.
    pub fn required_string(&mut self, name: &str, example: &str) -> Option<Spanned<String>> {
        let present = self.entries.iter().any(|e| e.key == name);
        let value = self.string(name);
        if !present {
            self.missing(name, example);
        }
        if let Some(v) = &value
            && v.value.trim().is_empty()
        {
            let d = Diagnostic::error(self.file, Some(v.span.clone()), format!("`{name}` is empty"))
                .with_help(format!("write it out, e.g. {example}"));
            self.diags.push(d);
            return None;
        }
        value
    }

    /// An optional boolean.
    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        let (value, span) = self.take(name)?;
        match value {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.wrong_type(
                    name,
                    span,
                    other,
                    "true or false",
                    &format!("write {name} = true or {name} = false, without quotes"),
                );
                None
            }
        }
    }

    /// An optional integer.
    pub fn integer(&mut self, name: &str) -> Option<Spanned<i64>> {
        let (value, span) = self.take(name)?;
        match value {
            DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                Ok(n) => Some(Spanned { value: n, span }),
                Err(_) => {
                    let d = Diagnostic::error(self.file, Some(span), format!("`{name}` is too large"))
                        .with_help("use a smaller whole number");
                    self.diags.push(d);
                    None
                }
            },
            other => {
                // Quote back what the editor wrote when it was a number in quotes.
                let example = match other {
                    DeValue::String(t) if t.trim().parse::<i64>().is_ok() => t.trim().to_string(),
                    DeValue::Float(f) => f.as_str().split('.').next().unwrap_or("12").to_string(),
                    _ => "12".to_string(),
                };
                self.wrong_type(
                    name,
                    span,
                    other,
                    "a whole number",
                    &format!("write the number without quotes: {name} = {example}"),
                );
                None
            }
        }
    }

    /// An optional count (a whole number, not negative).
    pub fn count(&mut self, name: &str) -> Option<Spanned<u64>> {
        let n = self.integer(name)?;
        match u64::try_from(n.value) {
            Ok(value) => Some(Spanned { value, span: n.span }),
            Err(_) => {
                let d = Diagnostic::error(self.file, Some(n.span), format!("`{name}` cannot be negative"))
                    .with_help("write the count, 0 or more");
                self.diags.push(d);
                None
            }
        }
    }

    /// An optional TOML date (no time).
    pub fn date(&mut self, name: &str) -> Option<Spanned<Date>> {
        let (value, span) = self.take(name)?;
        let help = || format!("write a TOML date without quotes: {name} = 2023-01-31");
        match value {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let date = dt.date.map(convert_date)?;
                Some(Spanned { value: date, span })
            }
            DeValue::Datetime(_) => {
                let d =
                    Diagnostic::error(self.file, Some(span), format!("`{name}` must be a date without a time of day"))
                        .with_help(help());
                self.diags.push(d);
                None
            }
            other => {
                self.wrong_type(name, span, other, "a TOML date", &help());
                None
            }
        }
    }

    /// An optional date or offset date-time.
    pub fn moment(&mut self, name: &str) -> Option<Spanned<Moment>> {
        let (value, span) = self.take(name)?;
        let help = || {
            format!(
                "write a TOML date or a date-time with its UTC offset, without quotes: {name} = 2023-02-14 or {name} = 2023-02-14T08:10:00+01:00"
            )
        };
        match value {
            DeValue::Datetime(dt) => {
                let Some(date) = dt.date.map(convert_date) else {
                    let d = Diagnostic::error(self.file, Some(span), format!("`{name}` has a time but no date"))
                        .with_help(help());
                    self.diags.push(d);
                    return None;
                };
                let time = match (dt.time, dt.offset) {
                    (None, _) => None,
                    (Some(t), Some(offset)) => Some(TimeOfDay {
                        hour: t.hour,
                        minute: t.minute,
                        second: t.second.unwrap_or(0),
                        offset_minutes: match offset {
                            Offset::Z => 0,
                            Offset::Custom { minutes } => minutes,
                        },
                    }),
                    (Some(_), None) => {
                        let d = Diagnostic::error(
                            self.file,
                            Some(span),
                            format!("`{name}` has a time of day but no UTC offset, so readers cannot tell when it was"),
                        )
                        .with_help(format!("add the offset, e.g. {name} = {date}T08:10:00+01:00 (+02:00 in summer), or give only the date"));
                        self.diags.push(d);
                        return None;
                    }
                };
                Some(Spanned { value: Moment { date, time }, span })
            }
            other => {
                self.wrong_type(name, span, other, "a date or date-time", &help());
                None
            }
        }
    }

    /// An optional list of strings.
    pub fn string_list(&mut self, name: &str) -> Vec<Spanned<String>> {
        let Some((value, span)) = self.take(name) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value else {
            self.wrong_type(name, span, value, "a list of strings", &format!("write {name} = [\"…\", \"…\"]"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let item_span = shift(item.span(), self.base);
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned { value: s.to_string(), span: item_span }),
                other => {
                    let d = Diagnostic::error(
                        self.file,
                        Some(item_span),
                        format!("every item of `{name}` must be a string, found {}", type_name(other)),
                    )
                    .with_help("put each item in quotes");
                    self.diags.push(d);
                }
            }
        }
        out
    }

    /// An optional word of one of the format's closed lists (`kind`, `tier` …).
    pub fn word<W: Word>(&mut self, name: &str) -> Option<Spanned<W>> {
        let choices: Vec<(&'static str, W)> = W::ALL.iter().map(|&w| (w.key(), w)).collect();
        self.choice(name, &choices)
    }

    /// Reports a required field that is there but empty, with an example.
    pub fn empty(&mut self, name: &str, example: &str) {
        let Some(span) = self.entries.iter().find(|e| e.key == name).map(|e| e.value_span.clone()) else { return };
        let d = Diagnostic::error(self.file, Some(span), format!("`{name}` is empty"))
            .with_help(format!("write it out, e.g. {example}"));
        self.diags.push(d);
    }

    /// Starts reading a nested table (`[figures]`, an entry of `[[updates]]`)
    /// of this file, reporting to the same diagnostics.
    pub fn nested<'s>(
        &'s mut self,
        file: &'a Path,
        table: &'a DeTable<'d>,
        base: usize,
        missing_span: Range<usize>,
        known: &'static [&'static str],
    ) -> Fields<'a, 'd, 's> {
        Fields::new(file, table, base, missing_span, known, self.diags)
    }

    /// An optional value from a fixed list of words, e.g. `kind`.
    pub fn choice<T: Copy>(&mut self, name: &str, choices: &[(&'static str, T)]) -> Option<Spanned<T>> {
        let s = self.string(name)?;
        self.match_word(name, s, choices)
    }

    /// A list of words of one of the format's closed lists (`kinds = […]`);
    /// each word outside the list is reported and left out.
    pub fn word_list<W: Word>(&mut self, name: &str) -> Vec<Spanned<W>> {
        let choices: Vec<(&'static str, W)> = W::ALL.iter().map(|&w| (w.key(), w)).collect();
        let items = self.string_list(name);
        items.into_iter().filter_map(|item| self.match_word(name, item, &choices)).collect()
    }

    /// The value `s` of field `name` as one of `choices`, or an error that
    /// names the word that was probably meant.
    fn match_word<T: Copy>(
        &mut self,
        name: &str,
        s: Spanned<String>,
        choices: &[(&'static str, T)],
    ) -> Option<Spanned<T>> {
        if let Some((_, v)) = choices.iter().find(|(k, _)| *k == s.value) {
            return Some(Spanned { value: *v, span: s.span });
        }
        let words: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
        let lowered = s.value.trim().to_lowercase();
        let mut d = Diagnostic::error(self.file, Some(s.span.clone()), format!("`{name}` cannot be \"{}\"", s.value));
        // Editors often write the Swedish word or the display label.
        let translated = SYNONYMS.iter().find(|(word, _)| *word == lowered).map(|(_, key)| *key);
        let close = translated.filter(|t| words.contains(t)).or_else(|| suggest(&lowered, words.iter().copied()));
        d = match close {
            Some(close) => d.with_help(format!("did you mean \"{close}\"? {name} is one of: {}", words.join(", "))),
            None => d.with_help(format!("{name} is one of: {}", words.join(", "))),
        };
        self.diags.push(d);
        None
    }

    /// A nested table, with its span shifted into the file.
    pub fn table(&mut self, name: &str) -> Option<(&'a DeTable<'d>, Range<usize>)> {
        let (value, span) = self.take(name)?;
        match value {
            DeValue::Table(t) => Some((t, span)),
            other => {
                self.wrong_type(name, span, other, "a table", &format!("write it as a section: [{name}]"));
                None
            }
        }
    }

    /// An array of tables (`[[name]]`), each with its span.
    pub fn tables(&mut self, name: &str) -> Vec<(&'a DeTable<'d>, Range<usize>)> {
        let Some((value, span)) = self.take(name) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value else {
            self.wrong_type(
                name,
                span,
                value,
                "a list of tables",
                &format!("write each one as a section starting with [[{name}]]"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let item_span = shift(item.span(), self.base);
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item_span)),
                other => {
                    let d = Diagnostic::error(
                        self.file,
                        Some(item_span),
                        format!("every entry of `{name}` must be a table, found {}", type_name(other)),
                    )
                    .with_help(format!("write each one as a section starting with [[{name}]]"));
                    self.diags.push(d);
                }
            }
        }
        out
    }

    /// Reports every field that was not read: the format does not know it.
    pub fn finish(self) {
        for e in self.entries.iter().filter(|e| !e.used) {
            let mut d = Diagnostic::error(self.file, Some(e.key_span.clone()), format!("unknown field `{}`", e.key));
            let list = self.known.join(", ");
            d = match suggest(e.key, self.known.iter().copied()) {
                Some(close) => d.with_help(format!("did you mean `{close}`? The fields are: {list}")),
                None => d.with_help(format!("the fields are: {list}")),
            };
            self.diags.push(d);
        }
    }
}

fn convert_date(d: toml::value::Date) -> Date {
    Date { year: i32::from(d.year), month: d.month, day: d.day }
}

fn shift(span: Range<usize>, base: usize) -> Range<usize> {
    span.start + base..span.end + base
}
