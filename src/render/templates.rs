//! Compiling the theme's Tera templates once per build.

use std::path::Path;

use tera::{Kwargs, State, StringInput, Tera, TeraResult, Value};

use super::languages::ForeignTerms;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::theme::I18n;
use crate::theme::Theme;

/// Compiles every template under `templates/` in the theme. HTML and XML
/// templates are auto-escaped: a value is only inserted raw where a
/// template says `| safe`, and the theme does so only for HTML that insyn
/// itself rendered from Markdown.
///
/// Filters besides Tera's own: `index` (a link to a folder names its
/// `index.html`) and `mark_lang` (words of another language listed in the
/// i18n file's `[other_languages]` wrapped in `<span lang="…">`; plain text
/// is escaped first, HTML marked `safe` is marked in its text only).
pub fn compile(theme: &Theme, i18n: &I18n, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.set_escape_fn(crate::text::escape::html);
    // Links name the file (`perioder/2023-q1/index.html`), not only the
    // folder, so the site also works opened from disk, where no server turns
    // a folder into its index page.
    tera.register_filter("index", |path: &str, _: tera::Kwargs, _: &tera::State| crate::layout::links::link(path));
    let terms = ForeignTerms::new(&i18n.other_languages);
    tera.register_filter("mark_lang", move |text: StringInput, _: Kwargs, state: &State| {
        mark_lang(&terms, text, state)
    });
    let mut sources = Vec::new();
    for file in theme.under("templates/") {
        let name = file.path.trim_start_matches("templates/").to_string();
        match String::from_utf8(file.bytes.clone()) {
            Ok(text) => sources.push((name, text)),
            Err(_) => diags.push(
                Diagnostic::error(&file.origin, None, "the template is not UTF-8 text").with_help("save it as UTF-8"),
            ),
        }
    }
    if let Err(e) = tera.add_raw_templates(sources) {
        diags.push(
            Diagnostic::error(
                Path::new("themes"),
                None,
                format!("a template of the theme does not compile: {}", error_chain(&e)),
            )
            .with_help("fix the template named in the message (Tera 2 syntax)"),
        );
        return None;
    }
    Some(tera)
}

/// The `mark_lang` filter. Outside auto-escaped templates (plain text)
/// the text is left as it is: there is no markup to add.
fn mark_lang(terms: &ForeignTerms, text: StringInput, state: &State) -> TeraResult<Value> {
    if terms.is_empty() || !state.autoescaping_enabled() {
        return Ok(text.into_value());
    }
    if text.is_safe() {
        return Ok(Value::safe_string(&terms.mark_html(text.as_str())));
    }
    Ok(terms.marked_value(text.as_str()))
}

/// A Tera error with its causes, on one line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
