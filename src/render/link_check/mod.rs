//! The built site's own links, checked in memory as the pages are made:
//! every `href` and `src` of every page and feed that leads into the site
//! must name a file the build wrote, and its `#fragment` an id on that
//! page. Nothing is read back from disk (a streaming build keeps no
//! bytes): each page is scanned once as it is emitted, and what cannot be
//! decided then is kept small — the ids of each page as hashes, and each
//! link that leads to a file not known in advance or to another page's
//! id once per target.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use scan::{Scanned, hash, scan, scan_into};
use urls::{below_root, from_root, is_plain, resolve, unescape};

mod scan;
mod urls;

/// A link of the built site that points at nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The file it is on (`perioder/2023-q1/index.html`).
    pub page: String,
    /// The link as written in the file (`../x/index.html#y`).
    pub href: String,
    /// The id it names, when the file exists but the id does not.
    pub missing_id: Option<String>,
}

/// A link decided once every file is known: to a file not known in
/// advance, or to an id on another page.
struct Pending {
    page: Box<str>,
    href: Box<str>,
}

/// A link on a page to an id on another page, as read from the page.
struct FragmentLink<'b> {
    /// The hashes of the page's path and of the id.
    key: (u64, u64),
    target: Cow<'b, [u8]>,
    id: Cow<'b, [u8]>,
    /// The link as written.
    raw: &'b [u8],
}

/// A link to an id on another page, decided once every page is read.
struct PendingFragment {
    /// The first link to it.
    link: Pending,
    /// The page it names.
    target: Box<str>,
    /// The id it names.
    id: Box<str>,
}

/// The check, shared by the threads that render.
pub struct LinkCheck {
    /// The files known before rendering (the pages and the theme's files),
    /// each with whether a link may name it byte for byte (its path has
    /// nothing that resolving a URL would change: see [`is_plain`]). Kept
    /// by the hash of the path, as the ids are: a table of 16-byte entries
    /// that stays in the CPU's cache, where one of paths was a cache miss
    /// per link at 100 000 pages. Two paths share a hash with a chance of
    /// about one in 10^9 at that size.
    known: HashMap<u64, bool>,
    /// The path of the site on its host (`/avvikelser/`): links from the
    /// page for missing addresses start with it.
    base_path: String,
    /// The site's address: absolute links into it (feeds, canonical).
    base_url: String,
    /// What the pages found, one part for each thread of the pool and one
    /// for other threads, merged at the end: a thread takes only its own
    /// lock, which no other thread waits for.
    shards: Vec<Mutex<Shard>>,
    /// The parts many pages share (the site header), read once for each
    /// depth of the pages they are on.
    parts: Mutex<HashMap<(u64, usize), Arc<PartLinks>>>,
    /// Time spent, in nanoseconds summed over threads.
    nanos: AtomicU64,
}

/// What one thread's pages found.
#[derive(Default)]
struct Shard {
    /// Per page (the hash of its path), the hashes of its ids, sorted.
    ids: HashMap<u64, Vec<u64>>,
    /// Per target file not known in advance, the first link to it.
    files: HashMap<Box<str>, Pending>,
    /// Per (target page, id) on another page, as hashes, the first link
    /// to it: a link is kept as text only when it is the first.
    fragments: HashMap<(u64, u64), PendingFragment>,
    /// Links found broken while scanning (to an id on their own page).
    broken: Vec<BrokenLink>,
}

/// Where a page has a part that many pages share byte for byte (the site
/// header, rendered once per place in the navigation): its links that lead
/// to the same file from every page at one depth are checked on the first
/// such page only.
#[derive(Debug, Clone)]
pub struct SharedPart {
    /// Its bytes in the page.
    pub range: Range<usize>,
    /// The same for the same bytes (a hash of them, made once).
    pub key: u64,
}

/// A shared part as read once for the pages at one depth.
struct PartLinks {
    /// Its bytes: a page's part is skipped only when they are the same.
    bytes: Box<[u8]>,
    /// Whether it can be read apart from the page: no attribute's name or
    /// value crosses its edges.
    whole: bool,
    /// The hashes of its ids: they are the page's too.
    ids: Vec<u64>,
    /// Its links whose target depends on the page (a fragment, or a path
    /// that does not start from the site root), checked on every page.
    links: Vec<Box<str>>,
}

/// A link as told before any path is built.
enum Quick<'b> {
    /// To a file known in advance, without a fragment: nothing to keep.
    Known,
    /// To a page known in advance (the page's path), and an id on it.
    Fragment(&'b [u8], &'b [u8]),
    /// To an id on the page itself (`#summary`).
    Own(&'b [u8]),
    /// Anything else: resolved as a URL.
    Other,
}

impl LinkCheck {
    /// A check of a site at `base_url` whose files in `known` (the pages and
    /// the theme's files) are known before they are made.
    pub fn new(known: impl IntoIterator<Item = String>, base_url: &str, base_path: &str) -> LinkCheck {
        LinkCheck {
            known: known.into_iter().map(|path| (hash(path.as_bytes()), is_plain(&path))).collect(),
            base_path: base_path.to_string(),
            base_url: base_url.to_string(),
            shards: (0..rayon::current_num_threads() + 1).map(|_| Mutex::default()).collect(),
            parts: Mutex::default(),
            nanos: AtomicU64::new(0),
        }
    }

    /// Tells the link `raw` on a page `depth` folders deep without building
    /// a path, when it is the kind nearly every link of a site is: the
    /// theme's `{root}path` or the site's address followed by a path known
    /// in advance byte for byte, a folder's `{root}path/`, or `#id`. The
    /// rest ([`Quick::Other`]) is resolved as a URL. Saves resolving and
    /// checking each byte of 96 % of the links (0.15 G of 8.3 G
    /// instructions at 10 000 records).
    fn quick<'b>(&self, depth: usize, raw: &'b [u8], folder: &mut Vec<u8>) -> Quick<'b> {
        let rest = match raw {
            [b'#', id @ ..] => return Quick::Own(id),
            [first, ..]
                if self.base_url.as_bytes().first() == Some(first) && raw.starts_with(self.base_url.as_bytes()) =>
            {
                &raw[self.base_url.len()..]
            }
            _ => match below_root(depth, raw) {
                Some(rest) => rest,
                None => return Quick::Other,
            },
        };
        let plain = |path: &[u8]| self.known.get(&hash(path)).copied();
        // Most links name a file without a fragment: looked up whole first.
        if plain(rest) == Some(true) {
            return Quick::Known;
        }
        let (path, fragment) = match memchr::memchr(b'#', rest) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        if path.is_empty() || path.ends_with(b"/") {
            // A folder: its index page.
            folder.clear();
            folder.extend_from_slice(path);
            folder.extend_from_slice(b"index.html");
            return match fragment {
                None if plain(folder) == Some(true) => Quick::Known,
                _ => Quick::Other,
            };
        }
        match fragment {
            Some(id) if plain(path) == Some(true) => match id {
                [] => Quick::Known,
                _ if path.ends_with(b".html") => Quick::Fragment(path, id),
                _ => Quick::Known,
            },
            _ => Quick::Other,
        }
    }

    /// Reads one file as it is emitted: an HTML page (its ids and links)
    /// or a feed (its links). Other files are only named by the list of
    /// files at the end.
    pub fn read(&self, path: &str, bytes: &[u8]) {
        self.read_page(path, bytes, None);
    }

    /// [`LinkCheck::read`] for a page with a `shared` part.
    pub fn read_page(&self, path: &str, bytes: &[u8], shared: Option<&SharedPart>) {
        let html = path.ends_with(".html");
        if !html && !path.ends_with(".xml") {
            return;
        }
        let started = Instant::now();
        let depth = path.bytes().filter(|&b| b == b'/').count();
        let part = shared.and_then(|p| self.part(path, depth, bytes, p));
        let skip = part.as_ref().map_or(0..0, |p| p.0.clone());
        let mut scanned = scan(bytes, skip);
        if let Some((_, links)) = &part {
            scanned.links.extend(links.links.iter().map(|l| l.as_bytes()));
            if !links.ids.is_empty() {
                scanned.ids.extend(&links.ids);
                scanned.ids.sort_unstable();
                scanned.ids.dedup();
            }
        }
        // Each with the link as written in the page; kept as bytes, and
        // made text only when it is the first link to its target.
        let mut files: Vec<(Cow<'_, [u8]>, &[u8])> = Vec::new();
        let mut fragments: Vec<FragmentLink<'_>> = Vec::new();
        let mut broken = Vec::new();
        let mut buffer = String::new();
        let mut folder = Vec::new();
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        let href = |raw: &[u8]| unescape(&String::from_utf8_lossy(raw)).into_owned();
        for &raw in &scanned.links {
            // Only links not told quickly are read as text (the page is
            // UTF-8, and a link is cut from it at ASCII bytes).
            let (target, fragment): (Cow<'_, [u8]>, Option<Cow<'_, [u8]>>) = match self.quick(depth, raw, &mut folder) {
                Quick::Known => continue,
                Quick::Own(id) => {
                    if html && !id.is_empty() && scanned.ids.binary_search(&hash(id)).is_err() {
                        broken.push(BrokenLink { page: path.to_string(), href: href(raw), missing_id: Some(text(id)) });
                    }
                    continue;
                }
                Quick::Fragment(t, f) => (Cow::Borrowed(t), Some(Cow::Borrowed(f))),
                Quick::Other => {
                    let Ok(raw) = std::str::from_utf8(raw) else { continue };
                    match from_root(depth, raw) {
                        Some((t, f)) => (Cow::Borrowed(t.as_bytes()), f.map(|f| Cow::Borrowed(f.as_bytes()))),
                        None => {
                            let unescaped = unescape(raw);
                            let Some(f) = resolve(path, &unescaped, &self.base_path, &self.base_url, &mut buffer)
                            else {
                                continue;
                            };
                            (Cow::Owned(buffer.as_bytes().to_vec()), f.map(|f| Cow::Owned(f.as_bytes().to_vec())))
                        }
                    }
                }
            };
            let fragment = fragment.filter(|f| !f.is_empty() && target.ends_with(b".html"));
            if *target == *path.as_bytes() {
                if let Some(f) = fragment.filter(|f| scanned.ids.binary_search(&hash(f)).is_err()) {
                    broken.push(BrokenLink { page: path.to_string(), href: href(raw), missing_id: Some(text(&f)) });
                }
            } else if let Some(f) = fragment {
                fragments.push(FragmentLink { key: (hash(&target), hash(&f)), target, id: f, raw });
            } else if !self.known.contains_key(&hash(&target)) {
                files.push((target, raw));
            }
        }
        let shard = rayon::current_thread_index().map_or(self.shards.len() - 1, |n| n.min(self.shards.len() - 1));
        let mut shard = self.shards[shard].lock().unwrap_or_else(|e| e.into_inner());
        shard.broken.extend(broken);
        for (target, raw) in files {
            let target = text(&target);
            if !shard.files.contains_key(target.as_str()) {
                shard.files.insert(target.into(), Pending { page: path.into(), href: href(raw).into() });
            }
        }
        for f in fragments {
            shard.fragments.entry(f.key).or_insert_with(|| PendingFragment {
                link: Pending { page: path.into(), href: href(f.raw).into() },
                target: text(&f.target).into(),
                id: text(&f.id).into(),
            });
        }
        if html {
            shard.ids.insert(hash(path.as_bytes()), scanned.ids);
        }
        drop(shard);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// The links of the `shared` part of the page at `path`, when they can
    /// stand for its bytes: `None` the first time the part is seen at this
    /// depth (the page is then read whole, which checks the links that are
    /// the same on every page), and when the part cannot be read apart.
    fn part(
        &self,
        path: &str,
        depth: usize,
        bytes: &[u8],
        shared: &SharedPart,
    ) -> Option<(Range<usize>, Arc<PartLinks>)> {
        let part = bytes.get(shared.range.clone())?;
        let lock = || self.parts.lock().unwrap_or_else(|e| e.into_inner());
        let known = lock().get(&(shared.key, depth)).cloned();
        let Some(links) = known else {
            let links = Arc::new(self.read_part(path, depth, part));
            lock().insert((shared.key, depth), links);
            return None;
        };
        (links.whole && *links.bytes == *part).then(|| (shared.range.clone(), links))
    }

    /// Reads a shared part on its own, from a page at `path`, `depth`
    /// folders deep.
    fn read_part(&self, path: &str, depth: usize, part: &[u8]) -> PartLinks {
        let mut scanned = Scanned { closed: true, ..Scanned::default() };
        scan_into(part, 0..part.len(), &mut scanned);
        // An `=` this near the edges may belong to an attribute whose name
        // or value is partly outside.
        let edge = part.len().min(5);
        let whole = scanned.closed && !part[..edge].contains(&b'=') && part.last() != Some(&b'=');
        scanned.ids.sort_unstable();
        scanned.ids.dedup();
        let mut buffer = String::new();
        // A link leads to the same file from every page at this depth when
        // it starts from the site root, or leaves the site; its fragment
        // may be the page's own.
        let mut same = |raw: &str| match from_root(depth, raw) {
            Some((_, fragment)) => fragment.is_none(),
            None => resolve(path, &unescape(raw), &self.base_path, &self.base_url, &mut buffer).is_none(),
        };
        let links = scanned
            .links
            .iter()
            .filter_map(|raw| std::str::from_utf8(raw).ok())
            .filter(|raw| !same(raw))
            .map(Box::from)
            .collect();
        PartLinks { bytes: part.into(), whole, ids: scanned.ids, links }
    }

    /// Time spent reading files so far, summed over threads.
    pub fn time(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    /// The links that point at nothing, once every file of the build is
    /// in `written`: sorted by page, then link.
    pub fn finish<'a>(self, written: impl IntoIterator<Item = &'a str>) -> Vec<BrokenLink> {
        let written: HashSet<&str> = written.into_iter().collect();
        let mut broken = Vec::new();
        let mut files: HashMap<Box<str>, Pending> = HashMap::default();
        let mut fragments: HashMap<(u64, u64), PendingFragment> = HashMap::default();
        // Each page's ids are in the part of the thread that read it.
        let mut ids: Vec<HashMap<u64, Vec<u64>>> = Vec::new();
        for shard in self.shards {
            let shard = shard.into_inner().unwrap_or_else(|e| e.into_inner());
            broken.extend(shard.broken);
            ids.push(shard.ids);
            for (target, p) in shard.files {
                files.entry(target).or_insert(p);
            }
            for (key, p) in shard.fragments {
                fragments.entry(key).or_insert(p);
            }
        }
        for (target, p) in files {
            if !written.contains(&*target) {
                broken.push(BrokenLink { page: p.page.into(), href: p.href.into(), missing_id: None });
            }
        }
        for ((target, id), p) in fragments {
            let missing_id = match ids.iter().find_map(|on| on.get(&target)) {
                Some(on_page) => on_page.binary_search(&id).is_err().then(|| p.id.into()),
                None if written.contains(&*p.target) || self.known.contains_key(&target) => None,
                None => {
                    broken.push(BrokenLink { page: p.link.page.into(), href: p.link.href.into(), missing_id: None });
                    continue;
                }
            };
            if missing_id.is_some() {
                broken.push(BrokenLink { page: p.link.page.into(), href: p.link.href.into(), missing_id });
            }
        }
        broken.sort_by(|a, b| (&a.page, &a.href).cmp(&(&b.page, &b.href)));
        broken.dedup();
        broken
    }
}

#[cfg(test)]
mod tests;
