//! `insyn new record|period|service|page`: plans the file (`scaffold`),
//! writes it without ever overwriting one, and checks it as `insyn check`
//! would right after (removing it again if it does not pass, which only
//! values given to it can cause).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Verbosity};
use crate::diagnostics::{Diagnostics, stderr_wants_color};
use crate::scaffold::{self, Ask, TerminalAsk, What};
use crate::{Options, compile};

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

/// Runs `insyn new`, asking on the terminal when stdin is one; returns the
/// exit status.
pub fn run(args: NewArgs) -> i32 {
    run_with(args, &mut TerminalAsk)
}

/// Runs `insyn new` with answers from `asker`.
pub fn run_with(args: NewArgs, asker: &mut dyn Ask) -> i32 {
    let planned = match scaffold::plan(&args.root, &args.what, asker) {
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
