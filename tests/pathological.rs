//! Pathological input: huge files, huge lines, deep nesting, files that are
//! not files. Each is refused with an error that names the file (exit 1,
//! the previous output untouched) or built, with bounded memory and stack —
//! never a crash, a hang or a panic.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Run, TestSite, snapshot};
use insyn::content::MAX_FILE_BYTES;
use insyn::{Options, compile};

const RECORD: &str = "content/periods/2023-q1/lon-stopp.md";

fn front() -> &'static str {
    "+++\ntitle = \"Stort\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\n+++\n"
}

/// Builds the minimal site, applies `change`, builds again: the build must
/// fail with exit 1, name `file` in an error, and leave the output as it was.
fn refused(change: impl FnOnce(&TestSite), file: &str) -> Run {
    let site = TestSite::minimal();
    site.build_ok();
    let before = snapshot(&site.output());
    change(&site);
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(1), "{}", head(&run.stderr));
    assert!(
        run.stderr.contains(&format!("┌─ {file}"))
            || run.stderr.contains(&format!("= in {file}"))
            || run.stderr.contains(file),
        "{file} is not named:\n{}",
        head(&run.stderr)
    );
    assert!(snapshot(&site.output()) == before, "the failed build changed the output");
    run
}

/// The first few thousand characters of a long message.
fn head(s: &str) -> &str {
    let end = s.char_indices().nth(4000).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[test]
fn a_50_mb_record_is_refused_naming_the_file_and_the_limit() {
    let started = Instant::now();
    let run = refused(
        |site| {
            let line = "Lönekörningen stoppade i två timmar och påverkade många medarbetare i förvaltningarna.\n";
            let mut text = String::with_capacity(50 * 1024 * 1024 + 200);
            text.push_str(front());
            while text.len() < 50 * 1024 * 1024 {
                text.push_str(line);
            }
            site.write("content/periods/2023-q1/enorm.md", &text);
        },
        "content/periods/2023-q1/enorm.md",
    );
    assert!(run.stderr.contains("the file is too large: 50.0 MiB"), "{}", head(&run.stderr));
    assert!(run.stderr.contains("at most 10 MiB (10485760 bytes)"), "{}", head(&run.stderr));
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}

#[test]
fn the_limit_is_exact_and_applies_to_every_kind_of_file() {
    let over = usize::try_from(MAX_FILE_BYTES).expect("fits") + 1;
    let padded = |start: &str| {
        let mut text = start.to_string();
        text.push_str(&"# kommentar\n".repeat((over - text.len()) / 12 + 1));
        text.truncate(over);
        text
    };
    for file in [
        "site.toml",
        "content/services/stor.toml",
        "content/periods/2023-q1/period.toml",
        "content/pages/stor.md",
        RECORD,
    ] {
        let text = padded(if file.ends_with(".md") { "+++\ntitle = \"Stor\"\n+++\n" } else { "" });
        let run = refused(|site| site.write(file, &text), file);
        assert!(run.stderr.contains("the file is too large"), "{file}: {}", head(&run.stderr));
    }
}

#[test]
fn a_million_character_line_builds() {
    let site = TestSite::minimal();
    let plain = "a".repeat(1_000_000);
    let markdown = "*fet* _kursiv_ [länk](https://x.example/) `kod` <b>rå</b> &amp; ".repeat(16_000);
    assert!(markdown.len() > 1_000_000);
    site.write(RECORD, &format!("{}{plain}\n\n{markdown}\n", front()));
    site.write(
        "content/pages/om.md",
        &format!("+++\ntitle = \"Om {}\"\n+++\n{}\n", "b".repeat(100_000), "[".repeat(1_000_000)),
    );
    site.build_ok();
    let page = site.page("avvikelser/lon-stopp/index.html");
    assert!(page.contains(&plain));
    assert!(page.contains("<b>rå</b>"));
}

#[test]
fn personal_data_on_a_million_character_line_is_found_and_hidden() {
    let run = refused(
        |site| site.write(RECORD, &format!("{}{} 19811218-9876 slut\n", front(), "a ".repeat(500_000))),
        RECORD,
    );
    assert!(run.stderr.contains("this looks like personal data"), "{}", head(&run.stderr));
    assert!(!run.stderr.contains("19811218-9876") && !run.stderr.contains("811218"), "the value leaks");
}

/// Markdown nested 10 000 deep in every way the format allows.
fn deep_markdown() -> String {
    let n = 10_000;
    format!(
        "{}lista\n\n{}citat\n\n{}blandat\n\n{}betoning{}\n\n{}rå{}\n\n<b>rått</b>\n\n{}l{}\n",
        "- ".repeat(n),
        "> ".repeat(n),
        "> - 1. ".repeat(n / 3),
        "*_".repeat(n),
        "_*".repeat(n),
        "<div>".repeat(n),
        "</div>".repeat(n),
        "[".repeat(n),
        "](x)".repeat(n),
    )
}

/// How deep the elements of an HTML fragment nest (void elements aside).
fn depth(html: &str) -> usize {
    let (mut now, mut max) = (0usize, 0usize);
    for piece in html.split('<').skip(1) {
        let name: String = piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        match name.strip_prefix('/') {
            Some(_) => now = now.saturating_sub(1),
            None if ["br", "hr", "img", "input", "meta", "link", ""].contains(&name.as_str()) => {}
            None => {
                now += 1;
                max = max.max(now);
            }
        }
    }
    max
}

#[test]
fn markdown_nested_10000_deep_builds_with_a_small_stack() {
    let site = TestSite::minimal();
    let deep = deep_markdown();
    site.write(RECORD, &format!("{}{deep}", front()));
    site.write("content/pages/om.md", &format!("+++\ntitle = \"Om\"\n+++\n{deep}"));
    let escaped = deep.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    site.write(
        "content/services/lon.toml",
        &format!("name = \"Lön\"\narea = \"hr\"\ntier = \"base\"\ndescription = \"{escaped}\"\n"),
    );
    // The whole pipeline in a thread with a 2 MiB stack (rayon's workers
    // have the platform default, 2 MiB, too).
    let root = site.path().to_path_buf();
    let result = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let options = Options { root, ..Options::default() };
            compile(&options).map(|c| c.files.len()).map_err(|d| d.render_plain())
        })
        .expect("thread")
        .join()
        .expect("no stack overflow or panic");
    assert!(result.is_ok(), "{result:?}");
    // And the real binary: it builds, the nesting is capped, the text is there.
    site.build_ok();
    for file in ["avvikelser/lon-stopp/index.html", "om/index.html", "tjanster/lon/index.html"] {
        let html = site.page(file);
        let start = html.find("class=\"prose").expect("the text");
        let page = &html[start..html[start..].find("</main>").map_or(html.len(), |e| start + e)];
        let max = insyn::render::markdown::MAX_NESTING;
        assert!(depth(page) <= max + 2, "{file}: nested {} deep", depth(page));
        for words in ["lista", "citat", "blandat", "betoning"] {
            assert!(page.contains(words), "{file} lost {words}");
        }
        // Raw HTML nested deeper than the sanitiser accepts is shown as text.
        assert!(!page.contains("<div><div>"), "{file}");
        assert!(page.contains("&lt;b&gt;rått&lt;/b&gt;"), "{file}");
    }
}

#[test]
fn toml_nested_deep_is_an_error_not_a_crash() {
    let arrays = format!("x = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let tables = format!("x = {}1{}\n", "{ a = ".repeat(10_000), " }".repeat(10_000));
    let dotted = format!("{} = 1\n", vec!["a"; 10_000].join("."));
    for nested in [&arrays, &tables] {
        let record = format!(
            "+++\ntitle = \"T\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\n{nested}+++\nText\n"
        );
        let run = refused(|site| site.write(RECORD, &record), RECORD);
        assert!(run.stderr.contains("not valid TOML"), "{}", head(&run.stderr));
        let run = refused(|site| site.write("site.toml", &format!("{}{nested}", common::SITE_TOML)), "site.toml");
        assert!(run.stderr.contains("site.toml"), "{}", head(&run.stderr));
    }
    // A dotted key 10 000 deep is valid TOML; as an unknown field it is an error.
    let run = refused(
        |site| {
            site.write("content/services/lon.toml", &format!("name = \"L\"\narea = \"hr\"\ntier = \"base\"\n{dotted}"))
        },
        "content/services/lon.toml",
    );
    assert!(run.stderr.contains("error"), "{}", head(&run.stderr));
}

#[test]
fn many_aliases_are_checked_quickly() {
    let site = TestSite::minimal();
    let aliases: Vec<String> = (0..20_000).map(|i| format!("\"/gammal/{i}/\"")).collect();
    site.write(
        RECORD,
        &format!(
            "+++\ntitle = \"T\"\nkind = \"incident\"\nservice = \"lon\"\ndate = 2023-02-14\naliases = [{}]\n+++\nText\n",
            aliases.join(", ")
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(0), "{}", head(&run.stderr));
}

/// Runs `insyn build` on `site`, killed after a minute: a hang is a failure.
fn build_bounded(site: &TestSite) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(["build", "--root"])
        .arg(site.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run insyn");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("insyn hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A named pipe under content/ would block a reader forever: it is an
/// error, reported at once.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_content_is_an_error_not_a_hang() {
    let site = TestSite::minimal();
    site.build_ok();
    let before = snapshot(&site.output());
    std::fs::create_dir_all(site.path().join("content/pages")).expect("mkdir");
    let pipe = site.path().join("content/pages/ror.md");
    let c_path = std::ffi::CString::new(pipe.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path and a mode.
    let made = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
    assert_eq!(made, 0, "mkfifo failed");
    let run = build_bounded(&site);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("content/pages/ror.md") && run.stderr.contains("not a regular file"), "{}", run.stderr);
    assert!(snapshot(&site.output()) == before);
}

/// Links that leave the site — to an endless device among others — are
/// errors that name the link, under content/ and under themes/; nothing
/// reads them (reading /dev/zero never ends).
#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_errors_even_to_endless_devices() {
    let site = TestSite::minimal();
    site.build_ok();
    let before = snapshot(&site.output());
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("hemlig.md"), "+++\ntitle = \"Hemlig\"\n+++\nHemligt.\n").expect("write");
    std::fs::create_dir_all(site.path().join("content/pages")).expect("mkdir");
    std::fs::create_dir_all(site.path().join("themes/default/static")).expect("mkdir");
    let links = [
        ("content/pages/noll.md", std::path::PathBuf::from("/dev/zero")),
        ("content/pages/hemlig.md", outside.path().join("hemlig.md")),
        ("content/periods/2023-q1/annan", outside.path().to_path_buf()),
        ("themes/default/static/noll.css", std::path::PathBuf::from("/dev/zero")),
        ("themes/default/static/hemlig.css", outside.path().join("hemlig.md")),
    ];
    for (link, target) in &links {
        std::os::unix::fs::symlink(target, site.path().join(link)).expect("symlink");
    }
    // A link that stays inside the site is fine.
    site.write("delat/om.md", "+++\ntitle = \"Om\"\n+++\nDelad text.\n");
    std::os::unix::fs::symlink(site.path().join("delat/om.md"), site.path().join("content/pages/om.md"))
        .expect("symlink");
    let run = build_bounded(&site);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for (link, _) in &links {
        assert!(run.stderr.contains(&format!("= in {link}\n")), "{link} is not named:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("content/pages/om.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("Hemligt"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("this symbolic link points outside the site folder").count(),
        links.len(),
        "{}",
        run.stderr
    );
    assert!(snapshot(&site.output()) == before);
}

/// `--output /` is refused before anything is read or written (the output
/// folder guard refuses it twice over: the root of the file system, and a
/// non-empty folder insyn did not make).
#[test]
fn the_root_of_the_file_system_is_refused_as_output() {
    let site = TestSite::minimal();
    let before = snapshot(site.path());
    for output in ["/", "/.", "/tmp/.."] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, Some(2), "{output}: {}", run.stderr);
        assert!(run.stderr.contains("that is the root of the file system"), "{output}: {}", run.stderr);
    }
    assert!(snapshot(site.path()) == before, "the site folder changed");
}
