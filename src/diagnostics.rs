//! Diagnostics: what a run found wrong with the content, and how it is shown.
//!
//! Every stage reports problems as [`Diagnostic`] values into one
//! [`Diagnostics`] collection, so a run shows all errors together. A
//! diagnostic names the file (relative to the site root), the byte span in
//! that file where there is one, a message and a help line saying what to
//! write instead.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

/// How serious a diagnostic is.
/// The largest file read again to quote it: the loader refuses larger
/// ones (10 MiB), so a larger file here is one that grew since.
const QUOTE_MAX_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Printed; the build goes on unless `--strict`.
    Warning,
}

/// One problem found in the content, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// Byte range in the file, where the problem has a place.
    pub span: Option<Range<usize>>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file` at `span`.
    pub fn error(file: &Path, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: file.to_path_buf(), span, message: message.into(), help: None }
    }

    /// A warning in `file` at `span`.
    pub fn warning(file: &Path, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, span, message) }
    }

    /// Adds the line that says what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// All diagnostics of a run, with the source text of the files they point into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    sources: BTreeMap<PathBuf, String>,
    root: Option<PathBuf>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the site root, so that messages can quote lines of files whose
    /// text was not kept.
    pub fn set_root(&mut self, root: &Path) {
        self.root = Some(root.to_path_buf());
    }

    /// An empty collection with the same site root (for rules that run
    /// apart and are merged back with [`Diagnostics::extend`]).
    pub fn child(&self) -> Self {
        Diagnostics { root: self.root.clone(), ..Self::default() }
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Remembers a file's text so that messages can quote its lines.
    pub fn add_source(&mut self, file: &Path, text: &str) {
        self.sources.insert(file.to_path_buf(), text.to_string());
    }

    /// Keeps the text of `file` for quoting, unless a text (a redacted one)
    /// is kept already.
    pub fn keep_source(&mut self, file: &Path, text: &str) {
        self.sources.entry(file.to_path_buf()).or_insert_with(|| text.to_string());
    }

    /// Hides `range` of `file` in every quoted source line (personal data
    /// must not be echoed into terminals and CI logs): each character becomes
    /// `*` repeated to its byte length, so every span stays valid.
    pub fn redact(&mut self, file: &Path, text: &str, range: std::ops::Range<usize>) {
        let source = self.sources.entry(file.to_path_buf()).or_insert_with(|| text.to_string());
        let Some(secret) = source.get(range.clone()) else { return };
        let stars = "*".repeat(secret.len());
        source.replace_range(range, &stars);
    }

    /// The text of `file`: kept, or read again from the site root — but only
    /// an ordinary file within the size limit: a named pipe, a device or a
    /// link to one (`/dev/zero`) would block or never end, and a huge file
    /// is refused for that very reason.
    fn source(&self, file: &Path) -> String {
        if let Some(text) = self.sources.get(file) {
            return text.clone();
        }
        let Some(path) = self.root.as_ref().map(|r| r.join(file)) else { return String::new() };
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() && meta.len() <= QUOTE_MAX_BYTES => {
                std::fs::read_to_string(&path).unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    /// Where the `nth` (from 0) occurrence of `needle` stands in `file`:
    /// for a problem found in a value whose place in the file is not known
    /// (a Markdown text in a TOML string, whose escapes move offsets).
    pub fn locate(&self, file: &Path, needle: &str, nth: usize) -> Option<Range<usize>> {
        let text = self.source(file);
        let start = text.match_indices(needle).nth(nth)?.0;
        Some(start..start + needle.len())
    }

    /// Moves every diagnostic and source of `other` into this one.
    pub fn extend(&mut self, other: Diagnostics) {
        let used: std::collections::BTreeSet<&PathBuf> = other.items.iter().map(|d| &d.file).collect();
        for (file, text) in other.sources {
            if used.contains(&file) {
                self.sources.insert(file, text);
            }
        }
        self.items.extend(other.items);
    }

    /// The diagnostics in a stable order: by file, then position.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.file, a.span.as_ref().map(|s| s.start), a.severity, &a.message).cmp(&(
                &b.file,
                b.span.as_ref().map(|s| s.start),
                b.severity,
                &b.message,
            ))
        });
        items.dedup_by(|a, b| a == b);
        items
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.sorted().iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.sorted().iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// True when the run must stop: any error, or any warning under `--strict`.
    pub fn is_fatal(&self, strict: bool) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error || strict)
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Turns every warning into an error (`--strict`).
    pub fn make_warnings_errors(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// The closing line: "3 errors and 1 warning in 2 files".
    pub fn summary(&self) -> String {
        let items = self.sorted();
        let errors = items.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = items.len() - errors;
        let mut files: Vec<&PathBuf> = items.iter().map(|d| &d.file).collect();
        files.dedup();
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(plural(errors, "error", "errors"));
        }
        if warnings > 0 {
            parts.push(plural(warnings, "warning", "warnings"));
        }
        if parts.is_empty() {
            return "no problems found".to_string();
        }
        format!("{} in {}", parts.join(" and "), plural(files.len(), "file", "files"))
    }

    /// Every diagnostic as plain text (no colour), followed by the closing line.
    pub fn render_plain(&self) -> String {
        let mut out = String::new();
        self.for_each_rendered(|files, config, d| match term::emit_into_string(config, files, d) {
            Ok(s) => out.push_str(&s),
            Err(_) => {
                let _ = writeln!(out, "{}", d.message);
            }
        });
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// Prints every diagnostic to stderr, in colour when `color` is set.
    pub fn print(&self, color: bool) {
        if !color {
            eprint!("{}", self.render_plain());
            return;
        }
        let stream = term::termcolor::StandardStream::stderr(term::termcolor::ColorChoice::Always);
        let mut lock = stream.lock();
        let styles = Styles::default();
        self.for_each_rendered(|files, config, d| {
            let mut writer = StylesWriter::new(&mut lock, &styles);
            if term::emit_to_write_style(&mut writer, config, files, d).is_err() {
                let _ = writeln!(writer, "{}", d.message);
            }
        });
        let _ = writeln!(lock, "{}", self.summary());
    }

    fn for_each_rendered(&self, mut emit: impl FnMut(&SimpleFiles<String, &str>, &Config, &CsDiagnostic<usize>)) {
        let mut texts: BTreeMap<&Path, String> = BTreeMap::new();
        for d in self.sorted() {
            if !texts.contains_key(d.file.as_path()) {
                texts.insert(d.file.as_path(), self.source(&d.file));
            }
        }
        let mut files = SimpleFiles::new();
        let mut ids: BTreeMap<&Path, usize> = BTreeMap::new();
        for (file, text) in &texts {
            ids.insert(file, files.add(file.display().to_string(), text.as_str()));
        }
        let config = Config::default();
        for d in self.sorted() {
            let Some(&id) = ids.get(d.file.as_path()) else {
                continue;
            };
            let text_len = texts.get(d.file.as_path()).map_or(0, String::len);
            let mut cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            }
            .with_message(&d.message);
            match &d.span {
                Some(span) if span.end <= text_len && span.start <= span.end => {
                    cs = cs.with_labels(vec![Label::primary(id, span.clone())]);
                }
                _ => {
                    cs = cs.with_notes(vec![format!("in {}", d.file.display())]);
                }
            }
            if let Some(help) = &d.help {
                cs = cs.with_notes(vec![format!("help: {help}")]);
            }
            emit(&files, &config, &cs);
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// Whether diagnostics on stderr should be coloured: a terminal, and no `NO_COLOR`.
pub fn stderr_wants_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// The existing name closest to `wanted`, if one is close enough to be a likely typo.
pub fn suggest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(wanted, c);
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Flushes stderr; used before exiting.
pub fn flush() {
    let _ = std::io::stderr().flush();
}
