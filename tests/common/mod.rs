//! Shared helpers for the integration tests: build a small site in a
//! temporary folder, run the real `insyn` binary on it, read what it wrote.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temporary folder, deleted when dropped.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What a run of `insyn` did.
pub struct Run {
    /// Exit status (None when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error (diagnostics and the summary line).
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A minimal valid `site.toml` in Swedish with one area `hr`.
pub const SITE_TOML: &str = r#"title = "Testrapport"
base_url = "https://www.example.se/avvikelser/"
[[areas]]
id = "hr"
name = "HR"
"#;

impl TestSite {
    /// An empty folder.
    pub fn empty() -> TestSite {
        TestSite { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A copy of a fixture folder under `tests/fixtures/`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        copy_dir(&from, site.path());
        site
    }

    /// A small valid site: one area, one service, one period, one record.
    pub fn minimal() -> TestSite {
        let site = TestSite::empty();
        site.write("site.toml", SITE_TOML);
        site.write(
            "content/services/lon.toml",
            "name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\nsystem = \"Personec P\"\n",
        );
        site.write(
            "content/periods/2023-q1/period.toml",
            "label = \"Kvartal 1 2023\"\nstart = 2023-01-01\nend = 2023-03-31\n",
        );
        site.write(
            "content/periods/2023-q1/lon-stopp.md",
            "+++\ntitle = \"Lönekörningen stoppade\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\nresolved = 2023-02-15\n+++\nLönekörningen stoppade i två timmar.\n",
        );
        site
    }

    /// The site root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders), relative to the root.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(path, text).expect("write file");
    }

    /// Removes a file relative to the root.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).expect("remove file");
    }

    /// Runs `insyn <args>` with `--root` set to this site (added after the subcommand).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_insyn"));
        cmd.args(&args[..1]).arg("--root").arg(self.path()).args(&args[1..]).env("NO_COLOR", "1");
        Run::from(cmd.output().expect("run insyn"))
    }

    /// `insyn build`; panics with the diagnostics if it fails.
    pub fn build_ok(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, Some(0), "build failed:\n{}", run.stderr);
        run
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.path().join("output")
    }

    /// A file of the output as text; panics with the list of files if missing.
    pub fn page(&self, rel: &str) -> String {
        let path = self.output().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no output file {rel}; files: {:?}", self.output_files()))
    }

    /// Every file under the output, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.output())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| e.path().strip_prefix(self.output()).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
            .collect();
        files.sort();
        files
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// The visible text of an HTML document, tags removed and whitespace
/// folded, for asserting what a reader sees.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace('\u{a0}', " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}
