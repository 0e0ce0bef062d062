//! insyn: a static site generator for public transparency reporting of IT
//! deviations.
//!
//! The data flows through one folder per stage:
//! `content` (load) → `model` (link) → `validate` → `charts` → `render` →
//! `output`. [`compile`] runs load to render and returns the files in
//! memory; `cmd::build` writes them, `cmd::check` stops after validation.

pub mod allocator;
pub mod charts;
pub mod cmd;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod layout;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod text;
pub mod theme;
pub mod time;
pub mod validate;
pub mod vocab;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::Diagnostics;
use model::Site;
use render::{OutputFile, RenderOptions};

/// What a run reads and how strictly.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site root (the folder with `site.toml`).
    pub root: PathBuf,
    /// Replaces `base_url` from `site.toml` (staging builds).
    pub base_url: Option<String>,
    /// Publish drafts.
    pub drafts: bool,
    /// Warnings are errors.
    pub strict: bool,
    /// Stop after validation: render nothing.
    pub check_only: bool,
    /// Render options (the preview server's reload script).
    pub render: RenderOptions,
}

/// How long each stage took.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading and parsing files.
    pub load: Duration,
    /// Linking and validating.
    pub validate: Duration,
    /// Drawing the charts, summed over threads: each page draws its own
    /// while other pages render, so this is part of `render`.
    pub charts: Duration,
    /// Rendering pages (their charts included), assets, exports and feeds.
    pub render: Duration,
    /// Checking the built site's links, summed over threads: most of it
    /// reads each page as it is rendered, so this is part of `render`.
    pub links: Duration,
    /// Writing the output (filled in by whoever writes it; zero in memory).
    pub write: Duration,
}

/// A successful run: the linked site, the files to write, and the warnings.
#[derive(Debug)]
pub struct Compiled {
    /// The site as linked.
    pub site: Site,
    /// Every output file (empty for `check_only`).
    pub files: Vec<OutputFile>,
    /// Warnings (no errors: those make the run fail).
    pub diagnostics: Diagnostics,
    /// Stage times.
    pub timings: Timings,
}

/// Loads, validates and (unless `check_only`) renders the site at
/// `options.root`. Fails with every diagnostic when any error was found (or
/// any warning under `strict`).
pub fn compile(options: &Options) -> Result<Compiled, Diagnostics> {
    compile_into(options, None)
}

/// [`compile`], handing every rendered file to `sink` as soon as it is made
/// (`insyn build` writes it to disk while other pages render). The returned
/// files then carry only their paths. A failed run may have given the sink
/// some files: write them somewhere that is thrown away on failure.
pub fn compile_into(options: &Options, sink: Option<&dyn render::FileSink>) -> Result<Compiled, Diagnostics> {
    let Prepared { site, theme, i18n, mut diagnostics, mut timings } = prepare(options, None)?;
    if options.check_only {
        return Ok(Compiled { site, files: Vec::new(), diagnostics, timings });
    }
    let started = Instant::now();
    let times = (&mut timings.charts, &mut timings.links);
    let files = render::render(&site, &theme, &i18n, &options.render, &mut diagnostics, times, sink);
    timings.render = started.elapsed();
    match files {
        Some(files) if !diagnostics.is_fatal(options.strict) => Ok(Compiled { site, files, diagnostics, timings }),
        _ => Err(finish_failed(diagnostics, options.strict)),
    }
}

/// A site loaded, linked and validated, with its theme: ready to render.
pub struct Prepared {
    /// The site as linked.
    pub site: Site,
    /// The theme.
    pub theme: theme::Theme,
    /// The theme's strings for the site's language.
    pub i18n: theme::I18n,
    /// Warnings (no errors: those make the run fail).
    pub diagnostics: Diagnostics,
    /// Stage times so far (load and validate).
    pub timings: Timings,
}

/// Loads, links and validates the site at `options.root` and loads its
/// theme. With a `cache` (the preview server's), only files that changed
/// since the cache saw them are read. Fails with every diagnostic when any
/// error was found (or any warning under `strict`).
pub fn prepare(options: &Options, cache: Option<&mut content::Cache>) -> Result<Prepared, Diagnostics> {
    let root = options.root.as_path();
    let mut diags = Diagnostics::new();
    diags.set_root(root);
    let mut timings = Timings::default();
    let started = Instant::now();

    // Load: site.toml first (the personal-data guard needs its allow list,
    // and it runs on site.toml too), then content/ and the theme.
    let (site_toml, site_toml_text) = content::read_site_toml(root, &mut diags);
    let allow = site_toml.privacy_allow;
    let rule_key = allow.join("\n");
    let rule =
        move |file: &Path, text: &str, d: &mut Diagnostics| validate::privacy_rule::check_file(file, text, &allow, d);
    if let Some(text) = &site_toml_text {
        rule(Path::new(content::SITE_TOML), text, &mut diags);
    }
    let loaded = content::load_cached(root, &rule, &mut diags, cache.map(|c| (c, rule_key.as_str())));
    let Some(mut config) = site_toml.config else {
        return Err(finish_failed(diags, options.strict));
    };
    if let Some(url) = &options.base_url {
        match content::site_config::normalise_base_url(url) {
            Ok(u) => config.base_url = u,
            Err(help) => diags.push(
                diagnostics::Diagnostic::error(
                    Path::new("--base-url"),
                    None,
                    format!("--base-url \"{url}\" is not an absolute web address"),
                )
                .with_help(help),
            ),
        }
    }
    let theme = theme::Theme::load(root, &config.theme, &mut diags);
    let i18n = theme.as_ref().and_then(|theme| theme::load_i18n(config.language, theme, &mut diags));
    timings.load = started.elapsed();

    // Link, then check every rule (the URL words decide where pages go, so
    // collisions between pages and aliases are content errors that `check`
    // reports too).
    let started = Instant::now();
    let site = Site::link(loaded, config, options.drafts);
    validate::run(&site, i18n.as_ref().map(|i| &i.url), &mut diags);
    timings.validate = started.elapsed();
    match (theme, i18n) {
        (Some(theme), Some(i18n)) if !diags.is_fatal(options.strict) => {
            Ok(Prepared { site, theme, i18n, diagnostics: diags, timings })
        }
        _ => Err(finish_failed(diags, options.strict)),
    }
}

fn finish_failed(mut diags: Diagnostics, strict: bool) -> Diagnostics {
    if strict {
        diags.make_warnings_errors();
    }
    diags
}
