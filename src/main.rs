//! The `insyn` command line: argument parsing only; the work is in the library.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use insyn::cmd::{self, Verbosity};
use insyn::scaffold::{PageArgs, PeriodArgs, RecordArgs, ServiceArgs, What};

/// insyn builds a public report of IT deviations from Markdown and TOML files.
#[derive(Debug, Parser)]
#[command(name = "insyn", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print the time of each stage.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; default: <root>/output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Use this base URL instead of the one in site.toml (staging).
        #[arg(long)]
        base_url: Option<String>,
        /// Publish drafts too.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Validate everything and write nothing.
    Check {
        /// The site folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site on this machine; rebuilds and reloads the open pages after each change.
    Serve {
        /// The site folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port; default 1111, or the next free one up to 1120.
        #[arg(long, short)]
        port: Option<u16>,
        /// The address to listen on; 127.0.0.1 keeps the preview on this machine.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Show drafts too.
        #[arg(long)]
        drafts: bool,
    },
    /// Count a period's incidents in an incident-management system's export and draft its major and
    /// personal-data incidents; shows what would change unless --write.
    Import {
        /// The export: CSV (any delimiter, UTF-8 or Windows-1252) or XLSX.
        file: PathBuf,
        /// The period to count (a folder in content/periods/).
        #[arg(long)]
        period: String,
        /// The site folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write the figures and the drafts (without it, only show them).
        #[arg(long)]
        write: bool,
    },
    /// Write a new record, period, service or page with every field in it.
    New {
        /// The site folder (with site.toml).
        #[arg(long, global = true, default_value = ".")]
        root: PathBuf,
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Debug, Subcommand)]
enum NewCommand {
    /// A deviation record: content/periods/<period>/<id>.md.
    Record {
        /// The period it belongs to (a folder in content/periods/).
        #[arg(long)]
        period: Option<String>,
        /// The service it concerns (a file name in content/services/, without .toml).
        #[arg(long)]
        service: Option<String>,
        /// incident, major-incident, personal-data-incident, quality-deficiency or unmet-need.
        #[arg(long)]
        kind: Option<String>,
        /// The title; the id (file name) is made from it.
        #[arg(long)]
        title: Option<String>,
        /// When it began or was found (2023-02-14 or 2023-02-14T08:10:00+01:00); default: today.
        #[arg(long)]
        date: Option<String>,
        /// The id (file name without .md) instead of the one made from the title.
        #[arg(long)]
        id: Option<String>,
        /// Mark it as a draft (not published until draft = true is removed).
        #[arg(long)]
        draft: bool,
    },
    /// A reporting period: content/periods/<id>/period.toml.
    Period {
        /// The period id, e.g. 2023-q2 (the folder name).
        id: Option<String>,
        /// What readers see, e.g. "Kvartal 2 2023".
        #[arg(long)]
        label: Option<String>,
        /// The first day, e.g. 2023-04-01.
        #[arg(long)]
        start: Option<String>,
        /// The last day, e.g. 2023-06-30.
        #[arg(long)]
        end: Option<String>,
    },
    /// A service of the catalogue: content/services/<id>.toml.
    Service {
        /// The service's name; the id (file name) is made from it.
        #[arg(long, visible_alias = "name")]
        title: Option<String>,
        /// The area it belongs to (an [[areas]] id in site.toml).
        #[arg(long)]
        area: Option<String>,
        /// base (bastjänst) or addon (tilläggstjänst).
        #[arg(long)]
        tier: Option<String>,
        /// The id (file name without .toml) instead of the one made from the name.
        #[arg(long)]
        id: Option<String>,
    },
    /// A free page: content/pages/<id>.md.
    Page {
        /// The title; the id (file name) is made from it.
        #[arg(long)]
        title: Option<String>,
        /// The id (file name without .md) instead of the one made from the title.
        #[arg(long)]
        id: Option<String>,
        /// Mark it as a draft.
        #[arg(long)]
        draft: bool,
    },
}

impl NewCommand {
    fn into_what(self) -> What {
        match self {
            NewCommand::Record { period, service, kind, title, date, id, draft } => {
                What::Record(RecordArgs { period, service, kind, title, date, id, draft })
            }
            NewCommand::Period { id, label, start, end } => What::Period(PeriodArgs { id, label, start, end }),
            NewCommand::Service { title, area, tier, id } => What::Service(ServiceArgs { title, area, tier, id }),
            NewCommand::Page { title, id, draft } => What::Page(PageArgs { title, id, draft }),
        }
    }
}

/// mimalloc, which makes a build about a fifth faster (`insyn::allocator`).
#[global_allocator]
static GLOBAL: insyn::allocator::Mimalloc = insyn::allocator::Mimalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let status = match cli.command {
        Command::Build { root, output, base_url, drafts, strict } => {
            cmd::build::run(cmd::build::BuildArgs { root, output, base_url, drafts, strict, verbosity })
        }
        Command::Check { root, strict } => cmd::check::run(root, strict, false, verbosity),
        Command::Serve { root, port, bind, drafts } => {
            cmd::serve::run(cmd::serve::ServeArgs { root, bind, port, drafts, verbosity })
        }
        Command::Import { file, period, root, write } => {
            cmd::import::run(cmd::import::ImportArgs { root, file, period, write, verbosity })
        }
        Command::New { root, what } => cmd::new::run(cmd::new::NewArgs { root, what: what.into_what(), verbosity }),
    };
    insyn::diagnostics::flush();
    ExitCode::from(u8::try_from(status).unwrap_or(2))
}
