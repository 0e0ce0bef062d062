//! Compiling the theme's Tera templates once per build.

use std::path::Path;

use tera::{Kwargs, State, StringInput, Tera, TeraResult, Value};

use super::i18n::I18n;
use super::languages::ForeignTerms;
use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Diagnostics};

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
    tera.set_escape_fn(escape_html);
    // Links name the file (`perioder/2023-q1/index.html`), not only the
    // folder, so the site also works opened from disk, where no server turns
    // a folder into its index page.
    tera.register_filter("index", |path: &str, _: tera::Kwargs, _: &tera::State| super::urls::link(path));
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

/// Tera's HTML escaping, with a short way for the common case: most
/// values a page prints (labels, dates, links) have nothing to escape and
/// are copied in one write. The output is the same bytes as
/// [`tera::escape_html`]'s.
pub fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if needs_escape(input) { tera::escape_html(input, out) } else { out.write_all(input.as_bytes()) }
}

/// Whether `text` has a character HTML escaping changes. Written without
/// an early exit, so the compiler checks many bytes at a time.
pub(super) fn needs_escape(text: &str) -> bool {
    text.as_bytes().iter().fold(false, |found, &b| found | matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Vec<u8>, Vec<u8>) {
        let (mut ours, mut teras) = (Vec::new(), Vec::new());
        escape_html(text, &mut ours).expect("writing to a Vec");
        tera::escape_html(text, &mut teras).expect("writing to a Vec");
        (ours, teras)
    }

    #[test]
    fn escaping_writes_the_same_bytes_as_teras() {
        for text in [
            "",
            "Driftstörning i e-tjänst",
            "a & b",
            "<script>alert('x')</script>",
            "\"quoted\"",
            "a long label of more than sixteen bytes without anything to escape",
            "a long label of more than sixteen bytes that ends with an ampersand &",
        ] {
            let (ours, teras) = both(text);
            assert_eq!(ours, teras, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_matches_tera_on_any_text(text in "[a-z<>&\"' åäö/]{0,40}") {
            let (ours, teras) = both(&text);
            proptest::prop_assert_eq!(ours, teras);
        }
    }
}
