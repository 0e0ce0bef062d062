//! The build benchmark: `cargo bench --bench build` (or `scripts/bench.sh`).
//!
//! For each size (1 000, 10 000 and 100 000 records by default) it generates
//! a deterministic corpus (see `corpus.rs`), builds it with the release
//! binary of insyn several times and prints medians: wall time, pages per
//! second, peak memory, the time per stage as insyn reports it, the write
//! floor (a trivial sequential writer creating the same tree with the same
//! bytes, in the same run) and the same pages built by Hugo.
//!
//! Options (after `--`):
//! - `--quick`: 1 000 and 10 000 records, 3 runs each;
//! - `--sizes 1000,10000`: the sizes to run;
//! - `--reps N`: runs per size (default 5; sizes of 100 000 and up run at
//!   most 3 times);
//! - `--no-hugo`: skip Hugo;
//! - `--plain`: the corpus without the follow-up fields (recommendation ids
//!   and updates, record timelines, reports), which insyn before 4022117
//!   cannot read: for `--compare` with such a binary;
//! - `--no-serve`: skip the preview-server measurement;
//! - `--no-settle`: do not wait for the disk to settle after the previous
//!   benchmark's clean-up (see `settle`);
//! - `--compare /path/to/other/insyn`: in every run also build the corpus
//!   with another insyn binary (an earlier commit, say), the two taking
//!   turns at going first, and print a table of both medians, their ratio
//!   and both peak memories (see `compare.rs`);
//! - `generate N DIR`: only write a corpus of N records to DIR.
//!
//! `INSYN_BIN=/path/to/insyn` measures another build of insyn (an earlier
//! commit, say) on the same corpus instead of this package's.
//!
//! Nothing here is a test: timings live in this benchmark only.

mod compare;
mod corpus;

use std::fmt::Write as _;
use std::fs;
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use compare::Compared;
use corpus::Corpus;

const SEED: u64 = 2023;
/// The insyn binary: this package's release build, or `INSYN_BIN` (to
/// measure another build of insyn, e.g. an earlier commit, on the same corpus).
fn insyn() -> String {
    std::env::var("INSYN_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_insyn").to_string())
}

struct Args {
    sizes: Vec<usize>,
    reps: usize,
    hugo: bool,
    serve: bool,
    settle: bool,
    /// Another insyn binary to build every corpus with, in turns.
    compare: Option<PathBuf>,
    /// The corpus without the follow-up fields (for binaries older than them).
    plain: bool,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        sizes: vec![1_000, 10_000, 100_000],
        reps: 5,
        hugo: true,
        serve: true,
        settle: true,
        compare: None,
        plain: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--bench" => {} // cargo bench passes it
            "--quick" => {
                args.sizes = vec![1_000, 10_000];
                args.reps = 3;
            }
            "--sizes" => {
                let v = it.next().ok_or("--sizes needs a list, e.g. 1000,10000")?;
                args.sizes = v
                    .split(',')
                    .map(|s| s.trim().parse::<usize>().map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?;
            }
            "--reps" => {
                args.reps = it.next().ok_or("--reps needs a number")?.parse().map_err(|e| format!("--reps: {e}"))?;
                args.reps = args.reps.max(1);
            }
            "--no-hugo" => args.hugo = false,
            "--plain" => args.plain = true,
            "--no-serve" => args.serve = false,
            "--no-settle" => args.settle = false,
            "--compare" => {
                let other = PathBuf::from(it.next().ok_or("--compare needs the path of another insyn binary")?);
                if !other.is_file() {
                    return Err(format!("--compare: {} is not a file", other.display()));
                }
                args.compare = Some(other);
            }
            "floor" => {
                let src = PathBuf::from(it.next().ok_or("floor SRC DST")?);
                let dst = PathBuf::from(it.next().ok_or("floor SRC DST")?);
                let tree = read_tree(&src)?;
                let started = Instant::now();
                write_tree_sequentially(&dst, &tree)?;
                println!("{:.6}", started.elapsed().as_secs_f64());
                return Ok(None);
            }
            "generate" => {
                let n: usize = it.next().ok_or("generate N DIR")?.parse().map_err(|e| format!("N: {e}"))?;
                let dir = PathBuf::from(it.next().ok_or("generate N DIR")?);
                if dir.exists() {
                    return Err(format!("{} exists; give a new folder", dir.display()));
                }
                Corpus::generate(n, SEED).write_insyn(&dir, SEED).map_err(|e| e.to_string())?;
                println!("wrote a site of {n} records to {}", dir.display());
                return Ok(None);
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            _ => {} // a filter from cargo bench: ignored
        }
    }
    Ok(Some(args))
}

fn main() {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => return,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench");
    if let Err(e) = fs::create_dir_all(&work) {
        eprintln!("error: cannot create {}: {e}", work.display());
        std::process::exit(2);
    }
    // Two benchmarks at once would measure each other (and one would
    // delete the other's runs): the second one stops.
    let _lock = match lock(&work.join(".lock")) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let hugo = args.hugo && tool_version("hugo", &["version"]).is_some();
    if args.hugo && !hugo {
        eprintln!("note: hugo is not installed (apt-get install -y hugo, or scripts/bench.sh does it); skipping Hugo");
    }
    // ext4 without a journal (this machine's disk) skips inodes deleted in
    // the last 60 s (6 min while their block is dirty) when it allocates new
    // ones, which makes creating files right after deleting many several
    // times slower. The runs of the last benchmark were deleted at its end:
    // wait until that is 6 minutes ago, so every benchmark starts alike.
    let runs = work.join("runs");
    let cleaned = work.join(".cleaned-at");
    if runs.exists() {
        eprintln!("removing the runs of an interrupted benchmark");
        if let Err(e) = remove(&runs) {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
        mark_cleaned(&cleaned);
    }
    if args.settle {
        settle(&cleaned);
    }
    println!("{}", machine(hugo));
    let mut rows = Vec::new();
    let mut compared = Vec::new();
    for &n in &args.sizes {
        let reps = if n >= 100_000 { args.reps.min(3) } else { args.reps };
        match run_size(&work, n, reps, hugo, args.serve && n == 10_000, args.compare.as_deref(), args.plain) {
            Ok((row, other)) => {
                print_row_detail(&row);
                rows.push(row);
                compared.extend(other);
            }
            Err(e) => {
                eprintln!("error at {n} records: {e}");
                std::process::exit(1);
            }
        }
    }
    println!("\n{}", table(&rows));
    if let Some(other) = &args.compare {
        println!("{}", compare::table(&compared, &insyn(), &other.display().to_string()));
    }
    if let (Some(a), Some(b)) = (rows.iter().find(|r| r.n == 10_000), rows.iter().find(|r| r.n == 100_000)) {
        // The floor's own ratio shows how linearly the disk itself scaled
        // in this run: a disk that slows with size slows insyn's writes too.
        println!(
            "Scaling: 100k / 10k wall time = {:.1} (the write floor's: {:.1})",
            b.wall.as_secs_f64() / a.wall.as_secs_f64(),
            b.floor.as_secs_f64() / a.floor.as_secs_f64().max(1e-9)
        );
    }
    if let Err(e) = remove(&runs) {
        eprintln!("warning: {e}");
    }
    mark_cleaned(&cleaned);
    eprintln!("note: the next benchmark waits until this one's clean-up is 6 minutes old (or pass --no-settle)");
}

/// What one size measured (medians).
struct Row {
    n: usize,
    reps: usize,
    pages: usize,
    files: usize,
    bytes: u64,
    wall: Duration,
    cpu: Duration,
    rss_kib: u64,
    stages: Vec<(String, f64)>,
    floor: Duration,
    /// Median of each run's insyn time over the floor measured right after
    /// it (a pair sees the same state of the machine), with the lowest and
    /// highest.
    floor_ratio: (f64, f64, f64),
    hugo: Option<(Duration, u64, usize)>,
    /// Median of each run's Hugo time over its insyn time.
    hugo_ratio: Option<f64>,
    serve: Option<Duration>,
}

fn run_size(
    work: &Path,
    n: usize,
    reps: usize,
    hugo: bool,
    serve: bool,
    compare: Option<&Path>,
    plain: bool,
) -> Result<(Row, Option<Compared>), String> {
    eprintln!("\n== {n} records ({reps} runs)");
    let site = work.join(format!("site-{n}{}", if plain { "-plain" } else { "" }));
    let stamp = format!("insyn corpus v{} n={n} seed={SEED} plain={plain}\n", corpus::VERSION);
    let corpus = ensure_corpus(&site, &stamp, n, plain, |c, dir| c.write_insyn(dir, SEED))?;
    // Checks that the corpus is valid (and reads it into the page cache).
    let check = Command::new(insyn()).args(["check", "--root"]).arg(&site).output().map_err(|e| e.to_string())?;
    if !check.status.success() {
        return Err(format!("insyn check failed on the corpus:\n{}", String::from_utf8_lossy(&check.stderr)));
    }
    let hugo_site = if hugo { Some(ensure_hugo(work, n, &corpus)?) } else { None };
    drop(corpus);

    // Every run writes into a folder of its own and nothing is deleted until
    // the end: on this disk (ext4 without a journal) creating files right
    // after deleting many is several times slower, and that would measure
    // the order of the runs, not the writers. The runs of insyn, the write
    // floor and Hugo take turns, so background load hits them alike.
    let runs = work.join("runs");
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut rss = Vec::new();
    let mut stage_runs: Vec<Vec<(String, f64)>> = Vec::new();
    let mut floors = Vec::new();
    let mut hugo_runs = Vec::new();
    let (mut files, mut pages, mut bytes) = (0, 0, 0u64);
    let mut hugo_pages = 0;
    let mut compared = compare.map(|_| Compared { n, this: Vec::new(), other: Vec::new() });
    for rep in 0..reps {
        let out = runs.join(format!("insyn-{n}-{rep}"));
        // With --compare, the other binary builds the same corpus right
        // before or after this one, going first in every other run.
        let mut other_line = String::new();
        let mut build_other = |compared: &mut Option<Compared>| -> Result<(), String> {
            let (Some(bin), Some(c)) = (compare, compared.as_mut()) else { return Ok(()) };
            let (_, run) = build_insyn(&bin.to_string_lossy(), &site, &runs.join(format!("other-{n}-{rep}")))?;
            other_line = format!("; other {:.3} s, {} MiB", run.wall.as_secs_f64(), run.maxrss_kib / 1024);
            c.other.push((run.wall, run.maxrss_kib));
            Ok(())
        };
        if compare::other_first(rep) {
            build_other(&mut compared)?;
        }
        let (reread, run) = build_insyn(&insyn(), &site, &out)?;
        if let Some(c) = compared.as_mut() {
            c.this.push((run.wall, run.maxrss_kib));
        }
        if !compare::other_first(rep) {
            build_other(&mut compared)?;
        }
        walls.push(run.wall);
        cpus.push(run.cpu);
        rss.push(run.maxrss_kib);
        stage_runs.push(parse_stages(&run.stderr));
        if rep == 0 {
            (files, pages, bytes) = tree_stats(&out)?;
        }

        // The write floor: the same files and bytes, written by the simplest
        // sequential writer into a fresh folder. It runs in a child process:
        // a child's peak memory as the kernel reports it includes the peak of
        // the process that spawned it, so this one never holds a tree.
        let floor_dir = runs.join(format!("floor-{n}-{rep}"));
        sync();
        let floor = run_floor(&out, &floor_dir)?;
        floors.push(floor);

        let mut line = format!(
            "  run {} (load {}, corpus re-read {:.3} s): insyn {:.3} s (cpu {:.3} s), {} MiB; floor {:.3} s",
            rep + 1,
            fs::read_to_string("/proc/loadavg").unwrap_or_default().split_whitespace().next().unwrap_or("?"),
            reread.as_secs_f64(),
            run.wall.as_secs_f64(),
            run.cpu.as_secs_f64(),
            run.maxrss_kib / 1024,
            floor.as_secs_f64()
        );
        line.push_str(&other_line);
        if let Some(h) = &hugo_site {
            let public = runs.join(format!("hugo-{n}-{rep}"));
            warm(h)?;
            sync();
            let mut cmd = Command::new("hugo");
            cmd.arg("--quiet").arg("--source").arg(h).arg("--destination").arg(&public);
            let run = run_measured(&mut cmd)?;
            if !run.ok {
                return Err(format!("hugo failed:\n{}", run.stderr));
            }
            if rep == 0 {
                hugo_pages = count_html(&public)?;
            }
            let _ = write!(line, "; hugo {:.3} s, {} MiB", run.wall.as_secs_f64(), run.maxrss_kib / 1024);
            hugo_runs.push((run.wall, run.maxrss_kib));
        }
        eprintln!("{line}");
    }
    let mut floor_ratios: Vec<f64> =
        walls.iter().zip(&floors).map(|(w, f)| w.as_secs_f64() / f.as_secs_f64().max(1e-9)).collect();
    floor_ratios.sort_by(f64::total_cmp);
    let floor_ratio = (
        floor_ratios[floor_ratios.len() / 2],
        floor_ratios.first().copied().unwrap_or(0.0),
        floor_ratios.last().copied().unwrap_or(0.0),
    );
    let mut hugo_ratios: Vec<f64> =
        walls.iter().zip(&hugo_runs).map(|(w, h)| h.0.as_secs_f64() / w.as_secs_f64().max(1e-9)).collect();
    hugo_ratios.sort_by(f64::total_cmp);
    let hugo_ratio = hugo_ratios.get(hugo_ratios.len() / 2).copied();
    let stages = median_stages(&stage_runs);
    let hugo_result = (!hugo_runs.is_empty()).then(|| {
        let mut w: Vec<Duration> = hugo_runs.iter().map(|r| r.0).collect();
        let mut m: Vec<u64> = hugo_runs.iter().map(|r| r.1).collect();
        (median(&mut w), median(&mut m), hugo_pages)
    });
    let serve_result = if serve { measure_serve(&site)? } else { None };
    let row = Row {
        n,
        reps,
        pages,
        files,
        bytes,
        wall: median(&mut walls),
        cpu: median(&mut cpus),
        rss_kib: median(&mut rss),
        stages,
        floor: median(&mut floors),
        floor_ratio,
        hugo: hugo_result,
        hugo_ratio,
        serve: serve_result,
    };
    Ok((row, compared))
}

/// One measured `insyn build --verbose` of `site` into `out` with the binary
/// `bin`. Returns how long reading the corpus beforehand took, and the run.
fn build_insyn(bin: &str, site: &Path, out: &Path) -> Result<(Duration, Run), String> {
    // The runs kept on disk and Hugo's memory push the corpus out of the
    // page cache at 100 000 records; an editor's build reads content that
    // is in the cache, so each build (insyn's and Hugo's) starts after
    // reading its content once. How long that read took shows how much of
    // the corpus had been pushed out.
    let reread = warm(site)?;
    sync();
    let mut cmd = Command::new(bin);
    cmd.args(["build", "--verbose", "--root"]).arg(site).arg("--output").arg(out);
    let run = run_measured(&mut cmd)?;
    if !run.ok {
        return Err(format!("{bin} build failed:\n{}", run.stderr));
    }
    Ok((reread, run))
}

fn count_html(dir: &Path) -> Result<usize, String> {
    let mut n = 0;
    for_each_file(dir, |path| {
        n += usize::from(path.extension().is_some_and(|e| e == "html"));
        Ok(())
    })?;
    Ok(n)
}

/// Generates the corpus into `dir` unless a matching one is there already.
/// Returns the corpus (always generated in memory: it is cheap).
fn ensure_corpus(
    dir: &Path,
    stamp: &str,
    n: usize,
    plain: bool,
    write: impl Fn(&Corpus, &Path) -> std::io::Result<()>,
) -> Result<Corpus, String> {
    let started = Instant::now();
    let mut corpus = Corpus::generate(n, SEED);
    corpus.follow_up = !plain;
    let stamp_file = dir.join(".bench-stamp");
    if fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp) {
        remove(dir)?;
        write(&corpus, dir).map_err(|e| format!("cannot write the corpus to {}: {e}", dir.display()))?;
        fs::write(&stamp_file, stamp).map_err(|e| e.to_string())?;
        eprintln!("  generated {} in {:.1} s", dir.display(), started.elapsed().as_secs_f64());
    }
    Ok(corpus)
}

/// Writes the Hugo version of the corpus unless it is there already.
fn ensure_hugo(work: &Path, n: usize, corpus: &Corpus) -> Result<PathBuf, String> {
    let site = work.join(format!("hugo-{n}"));
    let stamp = format!("hugo corpus v{} n={n} seed={SEED}\n", corpus::VERSION);
    let stamp_file = site.join(".bench-stamp");
    if fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp.as_str()) {
        remove(&site)?;
        corpus.write_hugo(&site).map_err(|e| e.to_string())?;
        fs::write(&stamp_file, &stamp).map_err(|e| e.to_string())?;
    }
    // Hugo reads every file once here, outside the timed runs.
    let warm = work.join("runs").join(format!("hugo-{n}-warm"));
    let out = Command::new("hugo")
        .arg("--quiet")
        .arg("--source")
        .arg(&site)
        .arg("--destination")
        .arg(&warm)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("hugo failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(site)
}

/// The preview server at this size: start `insyn serve`, change one record's
/// title, and time from the write until the status endpoint reports the new
/// build and the record's page shows the new title. Returns `None` when
/// this binary has no working preview server.
fn measure_serve(site: &Path) -> Result<Option<Duration>, String> {
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let mut child = match Command::new(insyn())
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(_) => return Ok(None),
    };
    let result = serve_rounds(site, port);
    let _ = child.kill();
    let _ = child.wait();
    match result {
        Ok(d) => Ok(Some(d)),
        Err(e) => {
            eprintln!("  serve: not measured ({e})");
            Ok(None)
        }
    }
}

fn serve_rounds(site: &Path, port: u16) -> Result<Duration, String> {
    // Wait for the first build.
    let started = Instant::now();
    let mut version = loop {
        if started.elapsed() > Duration::from_secs(120) {
            return Err("the server did not finish its first build".into());
        }
        if let Ok(body) = http_get(port, "/__insyn/status")
            && let Some(b) = json_number(&body, "build")
            && b > 0
        {
            break json_number(&body, "version").unwrap_or(b);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let file = first_record(site)?;
    let original = fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let id = file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let mut times = Vec::new();
    for round in 0..5 {
        let marker = format!("Ändrad rubrik {round}");
        let edited = original.replacen("title = \"", &format!("title = \"{marker} "), 1);
        std::thread::sleep(Duration::from_millis(300));
        let t0 = Instant::now();
        fs::write(&file, &edited).map_err(|e| e.to_string())?;
        loop {
            let body = http_get(port, &format!("/__insyn/status?since={version}"))?;
            let v = json_number(&body, "version").unwrap_or(version);
            if v > version {
                version = v;
                break;
            }
            if t0.elapsed() > Duration::from_secs(60) {
                return Err("no rebuild within 60 s".into());
            }
        }
        let page = http_get(port, &format!("/avvikelser/{id}/"))?;
        let took = t0.elapsed();
        if !page.contains(&marker) {
            let _ = fs::write(&file, &original);
            return Err("the rebuilt page does not show the edit".into());
        }
        eprintln!("  serve: edit visible after {} ms", took.as_millis());
        times.push(took);
    }
    fs::write(&file, &original).map_err(|e| e.to_string())?;
    Ok(median(&mut times))
}

fn first_record(site: &Path) -> Result<PathBuf, String> {
    let periods = site.join("content/periods");
    let mut dirs: Vec<PathBuf> =
        fs::read_dir(&periods).map_err(|e| e.to_string())?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    let last = dirs.last().ok_or("no periods")?;
    let mut files: Vec<PathBuf> = fs::read_dir(last)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    // A published record (drafts are not served).
    files
        .into_iter()
        .find(|f| fs::read_to_string(f).is_ok_and(|t| !t.contains("draft = true")))
        .ok_or_else(|| "no record".into())
}

fn http_get(port: u16, path: &str) -> Result<String, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&buf).to_string();
    Ok(text.split_once("\r\n\r\n").map_or(text.clone(), |(_, b)| b.to_string()))
}

fn json_number(body: &str, key: &str) -> Option<u64> {
    let at = body.find(&format!("\"{key}\""))?;
    let rest = body[at + key.len() + 2..].trim_start().strip_prefix(':')?.trim_start();
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// One measured child process.
struct Run {
    ok: bool,
    wall: Duration,
    /// User and system CPU time.
    cpu: Duration,
    maxrss_kib: u64,
    stderr: String,
}

fn run_measured(cmd: &mut Command) -> Result<Run, String> {
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is a child of this process that has not been waited for.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if r != pid {
        return Err(format!("wait4 failed for {cmd:?}"));
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    Ok(Run { ok, wall, cpu, maxrss_kib: usage.ru_maxrss as u64, stderr })
}

/// "  load 0.123 s, validate 0.012 s, charts …" → [("load", 0.123), …].
fn parse_stages(stderr: &str) -> Vec<(String, f64)> {
    let Some(line) = stderr.lines().find(|l| l.trim_start().starts_with("load ")) else { return Vec::new() };
    let line = line.split(';').next().unwrap_or("");
    line.split(',')
        .filter_map(|part| {
            let mut w = part.split_whitespace();
            let name = w.next()?.to_string();
            let secs: f64 = w.next()?.parse().ok()?;
            Some((name, secs))
        })
        .collect()
}

fn median_stages(runs: &[Vec<(String, f64)>]) -> Vec<(String, f64)> {
    let Some(first) = runs.first() else { return Vec::new() };
    first
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let mut v: Vec<f64> = runs.iter().filter_map(|r| r.get(i).map(|s| s.1)).collect();
            v.sort_by(f64::total_cmp);
            (name.clone(), v[v.len() / 2])
        })
        .collect()
}

fn median<T: Ord + Copy>(v: &mut [T]) -> T {
    v.sort();
    v[v.len() / 2]
}

/// Calls `each` with the path of every file under `dir` (folders first
/// found, last walked; the order is the file system's).
fn for_each_file(dir: &Path, mut each: impl FnMut(PathBuf) -> Result<(), String>) -> Result<(), String> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
                stack.push(path);
            } else {
                each(path)?;
            }
        }
    }
    Ok(())
}

fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    for_each_file(dir, |path| {
        let rel = path.strip_prefix(dir).map_err(|e| e.to_string())?.to_string_lossy().to_string();
        out.push((rel, fs::read(&path).map_err(|e| e.to_string())?));
        Ok(())
    })?;
    out.sort();
    Ok(out)
}

/// The write floor: `create_dir_all` and `fs::write`, one file after another.
fn write_tree_sequentially(dir: &Path, tree: &[(String, Vec<u8>)]) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for (rel, bytes) in tree {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        fs::write(&path, bytes).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn remove(path: &Path) -> Result<(), String> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", path.display())),
    }
}

/// Times the write floor of `src` into `dst` in a child process (this
/// benchmark run as `floor SRC DST`).
fn run_floor(src: &Path, dst: &Path) -> Result<Duration, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe).arg("floor").arg(src).arg(dst).output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    match text.trim().parse::<f64>() {
        Ok(secs) if out.status.success() => Ok(Duration::from_secs_f64(secs)),
        _ => Err(format!("the write floor failed: {}", String::from_utf8_lossy(&out.stderr))),
    }
}

/// Reads every file under `dir` once (into the page cache) and returns how
/// long that took.
fn warm(dir: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let mut buf = Vec::new();
    for_each_file(dir, |path| {
        buf.clear();
        fs::File::open(&path)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(())
    })?;
    Ok(start.elapsed())
}

/// Files, HTML pages and bytes under `dir`.
fn tree_stats(dir: &Path) -> Result<(usize, usize, u64), String> {
    let (mut files, mut pages, mut bytes) = (0, 0, 0u64);
    for_each_file(dir, |path| {
        files += 1;
        bytes += fs::symlink_metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?.len();
        pages += usize::from(path.extension().is_some_and(|e| e == "html"));
        Ok(())
    })?;
    Ok((files, pages, bytes))
}

/// Flushes dirty pages so one run's writes do not slow the next.
fn sync() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

/// Holds `path` locked (flock) while the returned file is open, or says that
/// another benchmark holds it.
fn lock(path: &Path) -> Result<fs::File, String> {
    use std::os::fd::AsRawFd as _;
    let file = fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    // SAFETY: flock(2) on a descriptor this function owns; no memory is shared.
    let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    if locked {
        Ok(file)
    } else {
        Err(format!("another benchmark is running (it holds {}); wait for it to finish", path.display()))
    }
}

/// Notes when the runs were deleted.
fn mark_cleaned(stamp: &Path) {
    sync();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let _ = fs::write(stamp, now.to_string());
}

/// Waits until the last deletion of runs is `SETTLE` old.
fn settle(stamp: &Path) {
    const SETTLE: u64 = 370;
    let Some(at) = fs::read_to_string(stamp).ok().and_then(|t| t.trim().parse::<u64>().ok()) else { return };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let wait = (at + SETTLE).saturating_sub(now);
    if wait > 0 {
        eprintln!(
            "waiting {wait} s: the disk is still slow from deleting the last benchmark's output (--no-settle skips)"
        );
        std::thread::sleep(Duration::from_secs(wait));
    }
}

fn tool_version(tool: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(tool).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").trim().to_string())
}

fn machine(hugo: bool) -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<u64>().unwrap_or(0) / 1024 / 1024)
        })
        .unwrap_or(0);
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let date = tool_version("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    let mut s = format!(
        "Machine: {cpu}, {cores} cores, {mem} GiB RAM, Linux {}; {date}; load average {}",
        kernel.trim(),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    if hugo && let Some(v) = tool_version("hugo", &["version"]) {
        let _ = write!(s, "\nHugo: {v}");
    }
    s
}

fn print_row_detail(r: &Row) {
    let stages: Vec<String> = r.stages.iter().map(|(n, s)| format!("{n} {s:.3}")).collect();
    println!(
        "{} records: {} files ({} pages, {:.0} MiB); wall {:.3} s; stages [{}]; floor {:.3} s",
        r.n,
        r.files,
        r.pages,
        r.bytes as f64 / 1048576.0,
        r.wall.as_secs_f64(),
        stages.join(", "),
        r.floor.as_secs_f64()
    );
}

fn table(rows: &[Row]) -> String {
    let mut t = String::from(
        "| records | runs | pages | wall (median) | CPU (median) | pages/s | peak RSS | load | validate | charts (in render, summed) | render | write (in render, summed) | commit | links (in render, summed) | write floor | wall / floor (per run: median, range) | Hugo (median) | Hugo pages | Hugo RSS | Hugo / insyn (per run) | serve edit |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let stage = |name: &str| {
            r.stages.iter().find(|(n, _)| n == name).map_or_else(|| "–".to_string(), |(_, s)| format!("{s:.3} s"))
        };
        let wall = r.wall.as_secs_f64();
        let (hugo, hugo_pages, hugo_rss, ratio) = match r.hugo {
            Some((h, rss, pages)) => (
                format!("{:.3} s", h.as_secs_f64()),
                pages.to_string(),
                format!("{} MiB", rss / 1024),
                format!("{:.1} ×", r.hugo_ratio.unwrap_or(h.as_secs_f64() / wall)),
            ),
            None => ("–".into(), "–".into(), "–".into(), "–".into()),
        };
        let _ = writeln!(
            t,
            "| {} | {} | {} | {wall:.3} s | {:.3} s | {:.0} | {} MiB | {} | {} | {} | {} | {} | {} | {} | {:.3} s | {:.2} ({:.2}–{:.2}) | {hugo} | {hugo_pages} | {hugo_rss} | {ratio} | {} |",
            r.n,
            r.reps,
            r.pages,
            r.cpu.as_secs_f64(),
            r.pages as f64 / wall,
            r.rss_kib / 1024,
            stage("load"),
            stage("validate"),
            stage("charts"),
            stage("render"),
            stage("write"),
            stage("commit"),
            stage("links"),
            r.floor.as_secs_f64(),
            r.floor_ratio.0,
            r.floor_ratio.1,
            r.floor_ratio.2,
            r.serve.map_or_else(|| "–".to_string(), |d| format!("{} ms", d.as_millis())),
        );
    }
    t
}
