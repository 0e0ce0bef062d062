//! The code's layers, checked: imports run down the data flow and no two
//! modules import each other (ARCHITECTURE.md draws the map).
//!
//! The test reads every `crate::…` and `super::…` path in `src/` (in `use`
//! lines and written out in code) and resolves it to the module it names.
//! Two rules:
//!
//! 1. Between top-level modules, an import goes to a module of a lower
//!    layer ([`LAYERS`]); modules of one layer do not import each other.
//! 2. No cycles among all modules (files), inside a folder too: a `mod.rs`
//!    that runs its submodules does not also hold what they import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import from the layers before
/// its own. `crate` is lib.rs itself: the pipeline (`compile`, `prepare`).
const LAYERS: &[&[&str]] = &[
    &["allocator", "diagnostics", "time", "text", "vocab", "layout"],
    &["content", "theme"],
    &["model"],
    &["validate"],
    &["charts"],
    &["render", "import", "scaffold"],
    &["output"],
    &["crate"],
    &["cmd"],
];

type Module = Vec<String>;

/// Every module of `src/` (from its files) and the source of each.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).map(PathBuf::from).unwrap_or_default();
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().to_string()).collect();
            let last = parts.pop().unwrap_or_default();
            match last.as_str() {
                "main.rs" if parts.is_empty() => continue, // the binary: `insyn::…`
                "lib.rs" if parts.is_empty() => {}
                "mod.rs" => {}
                file => parts.push(file.trim_end_matches(".rs").to_string()),
            }
            out.insert(parts, std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    out
}

/// The code of a file without comments and string literals, so that a path
/// in a doc comment or a message is not taken for an import.
fn code_only(text: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'r' if b.get(i + 1) == Some(&b'#') || (b.get(i + 1) == Some(&b'"') && !prev_is_ident(b, i)) => {
                // A raw string: r"…", r#"…"#.
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    out.push(b'r');
                    i += 1;
                    continue;
                }
                j += 1;
                let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                while j < b.len() && !b[j..].starts_with(&close) {
                    j += 1;
                }
                i = j + close.len();
                out.extend_from_slice(b"\"\"");
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
                out.extend_from_slice(b"\"\"");
            }
            b'\'' if b.get(i + 2) == Some(&b'\'') || (b.get(i + 1) == Some(&b'\\')) => {
                // A character literal ('"', '\''); lifetimes pass through.
                let mut j = i + 1;
                if b[j] == b'\\' {
                    j += 2;
                }
                while j < b.len() && b[j] != b'\'' {
                    j += 1;
                }
                i = j + 1;
                out.extend_from_slice(b"' '");
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn prev_is_ident(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// Every path a piece of code names from `crate::` or `super::`, as
/// segments from the crate root (use-trees `a::{b, c::d}` expanded).
fn paths_named(code: &str, file_module: &Module, known: &BTreeSet<Module>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    // Inline modules (`mod tests { … }`) open a module inside the file's:
    // `super` in them is the file's module. Each entry: the module, and the
    // brace depth its body is at.
    let mut inline: Vec<(Module, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let here = inline.last().map_or(file_module, |(m, _)| m).clone();
        let starts = |w: &str| b[i..].starts_with(w.as_bytes()) && !prev_is_ident(b, i);
        match b[i] {
            b'{' => {
                depth += 1;
                i += 1;
                continue;
            }
            b'}' => {
                if inline.last().is_some_and(|&(_, d)| d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
                continue;
            }
            _ => {}
        }
        if starts("mod ") {
            let len = b[i + 4..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
            let ident = String::from_utf8_lossy(&b[i + 4..i + 4 + len]).into_owned();
            let after = b[i + 4 + len..].iter().find(|c| !c.is_ascii_whitespace());
            if !ident.is_empty() && after == Some(&b'{') {
                let mut m = here.clone();
                m.push(ident);
                inline.push((m, depth + 1));
            }
            i += 4;
            continue;
        }
        let child = || {
            // A path from one of this module's own submodules: `pages::x`.
            let len = b[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
            let ident = String::from_utf8_lossy(&b[i..i + len]).into_owned();
            let preceded = i >= 2 && &b[i - 2..i] == b"::";
            let mut m = here.clone();
            m.push(ident.clone());
            (!ident.is_empty()
                && !preceded
                && !prev_is_ident(b, i)
                && b[i + ident.len()..].starts_with(b"::")
                && known.contains(&m))
            .then_some(ident)
        };
        let (base, len): (Vec<String>, usize) = if starts("crate::") {
            (Vec::new(), "crate::".len())
        } else if let Some(ident) = child() {
            let _ = ident;
            (here.clone(), 0)
        } else if starts("super::") {
            // Each `super` is the parent of the module the code is in.
            let mut base = here.clone();
            let mut len = 0;
            while b[i + len..].starts_with(b"super::") {
                base.pop();
                len += "super::".len();
            }
            (base, len)
        } else {
            i += 1;
            continue;
        };
        let (trees, used) = parse_tree(&code[i + len..]);
        for t in trees {
            let mut full = base.clone();
            full.extend(t);
            out.push(full);
        }
        i += len + used.max(1);
    }
    out
}

/// Parses a use-tree (`a::b`, `a::{b, c::{d}}`, `a::b as c`) into its paths;
/// returns them and how many bytes it read.
fn parse_tree(s: &str) -> (Vec<Vec<String>>, usize) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut prefix: Vec<String> = Vec::new();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) == Some(&b'{') {
            i += 1;
            let mut all = Vec::new();
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'}' {
                    i += 1;
                    break;
                }
                let (sub, used) = parse_tree(&s[i..]);
                for p in sub {
                    let mut full = prefix.clone();
                    full.extend(p);
                    all.push(full);
                }
                i += used.max(1);
            }
            return (all, i);
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let ident = &s[start..i];
        if ident.is_empty() {
            return (vec![prefix], i);
        }
        if ident != "self" {
            prefix.push(ident.to_string());
        }
        if s[i..].starts_with("::") {
            i += 2;
            continue;
        }
        return (vec![prefix], i);
    }
}

/// The module a path names: its longest prefix that is a module.
fn module_of(path: &[String], known: &BTreeSet<Module>) -> Module {
    (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|m| known.contains(m)).unwrap_or_default()
}

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&top))
}

fn top(m: &Module) -> &str {
    m.first().map_or("crate", String::as_str)
}

/// Every import edge between modules: (from, to) → where it was seen.
fn edges(src: &Path) -> BTreeMap<(Module, Module), String> {
    let mods = modules(src);
    let known: BTreeSet<Module> = mods.keys().cloned().collect();
    let mut out = BTreeMap::new();
    for (m, text) in &mods {
        for path in paths_named(&code_only(text), m, &known) {
            let to = module_of(&path, &known);
            if &to != m {
                out.entry((m.clone(), to)).or_insert_with(|| path.join("::"));
            }
        }
    }
    out
}

fn name(m: &Module) -> String {
    if m.is_empty() { "crate".to_string() } else { m.join("::") }
}

/// Problems with the layers in `src`: arrows against the flow and cycles.
fn problems(src: &Path) -> Vec<String> {
    let edges = edges(src);
    let mut found = Vec::new();
    for ((from, to), example) in &edges {
        let (a, b) = (top(from), top(to));
        // lib.rs declares the modules and runs the pipeline; a module's own
        // children are below it.
        if a == b || to.starts_with(from) {
            continue;
        }
        match (layer_of(a), layer_of(b)) {
            (Some(la), Some(lb)) if lb < la => {}
            (Some(la), Some(lb)) if lb == la => found.push(format!(
                "{} imports {} (`{example}`): modules of one layer do not import each other",
                name(from),
                name(to)
            )),
            (Some(_), Some(_)) => found.push(format!(
                "{} imports {} (`{example}`): against the flow, {b} comes after {a} (LAYERS in tests/architecture.rs)",
                name(from),
                name(to)
            )),
            _ => found.push(format!("{} or {} is in no layer: add it to LAYERS in tests/architecture.rs", a, b)),
        }
    }
    // Cycles among modules, found by a depth-first search.
    let mut graph: BTreeMap<&Module, Vec<&Module>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph.entry(from).or_default().push(to);
    }
    let mut state: BTreeMap<&Module, u8> = BTreeMap::new();
    let mut stack: Vec<&Module> = Vec::new();
    fn visit<'a>(
        m: &'a Module,
        graph: &BTreeMap<&'a Module, Vec<&'a Module>>,
        state: &mut BTreeMap<&'a Module, u8>,
        stack: &mut Vec<&'a Module>,
        found: &mut Vec<String>,
    ) {
        state.insert(m, 1);
        stack.push(m);
        for &next in graph.get(m).map(Vec::as_slice).unwrap_or(&[]) {
            match state.get(next) {
                Some(1) => {
                    let at = stack.iter().position(|&s| s == next).unwrap_or(0);
                    let cycle: Vec<String> = stack[at..].iter().map(|m| name(m)).chain([name(next)]).collect();
                    found.push(format!("a cycle: {}", cycle.join(" → ")));
                }
                Some(_) => {}
                None => visit(next, graph, state, stack, found),
            }
        }
        stack.pop();
        state.insert(m, 2);
    }
    let all: Vec<&Module> = graph.keys().copied().collect();
    for m in all {
        if !state.contains_key(m) {
            visit(m, &graph, &mut state, &mut stack, &mut found);
        }
    }
    found
}

#[test]
fn imports_run_down_the_flow_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = problems(&src);
    assert!(found.is_empty(), "{} problem(s) with the layers:\n{}", found.len(), found.join("\n"));
}

/// The check itself: a deliberate arrow against the flow, a same-layer
/// import and a cycle in a small made-up tree are all found.
#[test]
fn the_check_finds_arrows_against_the_flow_and_cycles() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let src = dir.path();
    let write = |rel: &str, text: &str| {
        let path = src.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(path, text).expect("a file");
    };
    write("lib.rs", "pub mod model;\npub mod render;\npub mod content;\npub mod theme;\n");
    write("model/mod.rs", "pub mod site;\nuse crate::render::pages::Page; // against the flow\n");
    write("model/site.rs", "use super::super::content::Thing;\n");
    write("content.rs", "use crate::theme::Theme;\n");
    write("theme.rs", "");
    write("render/mod.rs", "pub mod pages;\npub mod feeds;\nuse crate::{model::Site, content::X};\n");
    write(
        "render/pages.rs",
        "use super::feeds::entry;\n/// crate::output::nothing in a comment\nfn f() { let s = \"crate::cmd::x\"; }\n",
    );
    write("render/feeds.rs", "fn g() { super::pages::render(); }\n");
    let found = problems(src);
    let text = found.join("\n");
    assert!(text.contains("model imports render::pages"), "{text}");
    assert!(text.contains("content imports theme"), "{text}");
    assert!(
        text.contains("a cycle: render::pages → render::feeds → render::pages")
            || text.contains("a cycle: render::feeds → render::pages → render::feeds"),
        "{text}"
    );
    assert!(!text.contains("output") && !text.contains("cmd"), "comments and strings are not imports: {text}");
    assert!(!text.contains("model::site imports content"), "imports down the flow are fine: {text}");
    assert_eq!(found.len(), 3, "{text}");
}
