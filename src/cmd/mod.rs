//! The subcommands: thin layers over [`crate::compile`] and the output
//! writer. Each returns the process exit status.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod serve;

/// Exit status: success (warnings allowed unless `--strict`).
pub const EXIT_OK: i32 = 0;
/// Exit status: the content has errors.
pub const EXIT_CONTENT: i32 = 1;
/// Exit status: wrong usage or an I/O failure.
pub const EXIT_USAGE: i32 = 2;

/// How much a command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Warnings, errors and one summary line.
    #[default]
    Normal,
    /// Also the time per stage.
    Verbose,
}

/// "1 record" / "12 records".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}
