//! The `insyn` command line: argument parsing only; the work is in the library.

use std::ffi::c_void;
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

/// mimalloc instead of the C library's allocator: a build makes and frees
/// millions of small strings from several threads, and mimalloc does that
/// about a fifth faster on a 100 000-record site while its peak memory stays
/// within the targets (BENCHMARKS.md). Built without transparent huge
/// pages, which cost memory and gave no speed here.
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc called through its plain entry points wherever its own
/// alignment suffices. The `mimalloc` crate asks for every block through
/// `mi_malloc_aligned`, whose fast path serves only blocks up to 1 KiB and
/// sends larger ones (a page's HTML, a row's strings) down a slower generic
/// path: 3.8 % of a 10 000-record build's instructions went through it, and
/// the plain entry points take 1.7 % of the build's instructions off.
struct Mimalloc;

/// The alignment every mimalloc block of at least this size has: mimalloc
/// rounds small blocks to two machine words (`MI_ALIGN2W`, 16 bytes on
/// 64-bit targets), and larger size classes are multiples of that.
const MI_MAX_ALIGN: usize = 2 * std::mem::size_of::<usize>();

/// A block of `size` bytes aligned to `align`: from `plain` (mimalloc's
/// `mi_malloc` family) when mimalloc's own alignment covers `align`, else
/// from `aligned` (its `mi_malloc_aligned` family).
#[inline]
fn block(
    size: usize,
    align: usize,
    plain: impl FnOnce() -> *mut c_void,
    aligned: impl FnOnce() -> *mut c_void,
) -> *mut u8 {
    if align <= MI_MAX_ALIGN && align <= size { plain() } else { aligned() }.cast()
}

// SAFETY: every block comes from mimalloc and goes back to it (`mi_free`
// takes blocks from any of its entry points), and a block from the plain
// entry points is used only where `block` finds that mimalloc's own
// alignment covers the layout's. The calls are plain C allocation calls,
// null on failure as GlobalAlloc expects.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: see the impl.
        block(size, align, || unsafe { mi_malloc(size) }, || unsafe { mi_malloc_aligned(size, align) })
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: see the impl.
        block(size, align, || unsafe { mi_zalloc(size) }, || unsafe { mi_zalloc_aligned(size, align) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        let (old, align) = (ptr.cast::<c_void>(), layout.align());
        // SAFETY: `ptr` came from this allocator with `layout`; the new
        // block keeps `layout`'s alignment either way.
        block(
            new_size,
            align,
            || unsafe { mi_realloc(old, new_size) },
            || unsafe { mi_realloc_aligned(old, new_size, align) },
        )
    }
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
