//! The `insyn` command line: argument parsing only; the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use insyn::cmd::{self, Verbosity};

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
}

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
    };
    insyn::diagnostics::flush();
    ExitCode::from(u8::try_from(status).unwrap_or(2))
}
