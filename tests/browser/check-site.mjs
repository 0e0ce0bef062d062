#!/usr/bin/env node
// Browser and markup checks for built insyn sites.
//
// Usage: node check-site.mjs [options] <site-dir> [<site-dir> ...]
//
// For every site directory this serves the files on 127.0.0.1 (own tiny
// static server, random free port) and, for every *.html page:
//   axe      axe-core, WCAG 2.0/2.1 A + AA rules plus the structure rules of
//            STRUCTURE_RULES (one h1, heading order, landmarks, skip link), at
//            1280 px and at 320 px width, and the colour rules again with
//            prefers-color-scheme: dark
//   reflow   at 320 CSS px width, documentElement.scrollWidth <= 320 (WCAG 1.4.10);
//            and with the text at 200 % (root font-size, the page's own zoom
//            of text only) at 1280 and 640 px: no sideways scrolling, nothing
//            cut off (WCAG 1.4.4)
//   foreign  no request may leave the local server (all such requests are blocked)
//   console  no console error and no uncaught page error
//   requests no local request may fail or answer with status >= 400
//   scripts  no page loads a script, except the search page (sok/, search/),
//            which loads its own two from the site's static/ folder
//   html     Nu HTML Checker (vnu.jar): no errors
//   charttext at 320 and 375 CSS px width, every text of every chart the page
//            shows (an SVG in <img>/<picture>: the file the browser chose,
//            currentSrc; or an inline <svg>) renders at >= 12 CSS px:
//            font-size (user units) x rendered width / viewBox width
// Then the search page's own checks (search-checks.mjs): without JavaScript
// it says so and links to the lists; typed queries find the expected records
// and the live region states their number; axe with results shown; and the
// time from the last keystroke to the result list is reported.
// Pages containing http-equiv="refresh" (pure redirects) get the html check only.
// CSS and SVG files are checked by vnu too (one check per file) unless
// --no-css / --no-svg is given.
//
// Options:
//   --no-dark           skip the colour re-check with prefers-color-scheme: dark
//   --no-css            do not check *.css files with vnu
//   --no-svg            do not check *.svg files with vnu
//   --vnu-filter RE     drop vnu messages matching the Java regex RE (vnu --filterpattern)
//   --jobs N            browser tabs working in parallel (default 2)
//   --verbose           also list axe "needs review" (incomplete) results and timings
//
// Environment: CHROMIUM (default /usr/bin/chromium), JAVA (default java).
//
// Exit status 0 only if every check passed. The last line printed is always
// "N passed, M failed" (N, M = checks counted per page / per CSS or SVG file).

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { SEARCH_PAGES, SEARCH_SCRIPT, checkSearch } from './search-checks.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JAVA = process.env.JAVA || 'java';
const AXE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource = null;
const AXE_SOURCE = () => (axeSource ??= fs.readFileSync(AXE_PATH, 'utf8'));
const VNU_JAR = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// axe "best-practice" rules (no WCAG tag) for what the theme promises about
// structure: run together with the WCAG rules.
const STRUCTURE_RULES = [
  'page-has-heading-one', 'heading-order', 'empty-heading',
  'landmark-one-main', 'landmark-no-duplicate-main', 'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo', 'landmark-unique', 'region', 'skip-link',
];
// Rules whose outcome depends on colours only: re-run in dark mode.
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const REFLOW_WIDTH = 320;
// Chart text is measured at these viewport widths (a small and a common
// phone) and must render at CHART_TEXT_MIN_PX or more.
const CHART_TEXT_WIDTHS = [320, 375];
const CHART_TEXT_MIN_PX = 12;
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: REFLOW_WIDTH, height: 640 };
// Text resized to 200 % (WCAG 1.4.4) at these viewport widths.
const TEXT_200_WIDTHS = [DESKTOP.width, 640];
const NAV_TIMEOUT_MS = 30_000;
const PAGE_TIMEOUT_MS = 120_000; // all checks of one page
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// ---------------------------------------------------------------- arguments

const IS_MAIN = process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;

function usage(msg) {
  if (msg) console.error(`check-site: ${msg}`);
  console.error('usage: node check-site.mjs [--no-dark] [--no-css] [--no-svg] [--vnu-filter REGEX] [--jobs N] [--verbose] <site-dir> [<site-dir> ...]');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const opts = { css: true, svg: true, vnuFilter: null, verbose: false, jobs: 2, dark: true, sites: [] };
if (IS_MAIN) {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-css') opts.css = false;
    else if (a === '--no-svg') opts.svg = false;
    else if (a === '--no-dark') opts.dark = false;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--jobs' || a === '-j') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) usage('--jobs needs a positive integer');
      opts.jobs = n;
    } else if (a === '--vnu-filter') {
      if (i + 1 >= argv.length) usage('--vnu-filter needs a regex');
      opts.vnuFilter = argv[++i];
    } else if (a === '--help' || a === '-h') usage();
    else if (a === '--') { opts.sites.push(...argv.slice(i + 1)); break; }
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else opts.sites.push(a);
  }
  if (opts.sites.length === 0) usage('no site directory given');
}

// ---------------------------------------------------------------- helpers

const counts = { passed: 0, failed: 0 };
function record(ok) { if (ok) counts.passed++; else counts.failed++; }

function finish(code) {
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(code);
}

function fatal(msg) {
  console.error(`check-site: ERROR: ${msg}`);
  counts.failed++;
  finish(1);
}

function oneLine(s, max = 300) {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

async function walk(root) {
  const out = [];
  async function rec(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await rec(full);
      else if (e.isFile()) out.push(path.relative(root, full).split(path.sep).join('/'));
      else if (e.isSymbolicLink()) {
        // Follow links only if they stay inside the site.
        try {
          const real = await fsp.realpath(full);
          if (!isInside(root, real)) continue;
          const st = await fsp.stat(real);
          if (st.isDirectory()) await rec(full);
          else if (st.isFile()) out.push(path.relative(root, full).split(path.sep).join('/'));
        } catch { /* dangling link */ }
      }
    }
  }
  await rec(root);
  return out;
}

function isInside(root, p) {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

// ---------------------------------------------------------------- static server

/** The path under which the site is published, read from the canonical link
 * of its front page (insyn writes base_url there): "/avvikelser/", or "/". */
export async function basePath(root) {
  const text = await fsp.readFile(path.join(root, 'index.html'), 'utf8').catch(() => '');
  const m = text.match(/<link rel="canonical" href="([^"]+)"/);
  if (!m) return '/';
  try { const p = new URL(m[1]).pathname; return p.endsWith('/') ? p : `${p}/`; } catch { return '/'; }
}

export function startServer(root, prefix = '/') {
  const server = http.createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try { pathname = decodeURIComponent(url.pathname); } catch { return send(400, 'bad request\n'); }
      // The site is mounted under its base path, as on the real web server.
      if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return send(404, 'not found (outside the site)\n');
      pathname = `/${pathname.slice(prefix.length)}`;
      if (pathname.includes('\0') || pathname.includes('\\')) return send(400, 'bad request\n');
      const target = path.resolve(root, `.${path.posix.normalize(pathname)}`);
      if (!isInside(root, target)) return send(403, 'forbidden\n');

      let file = target;
      let st = await fsp.stat(file).catch(() => null);
      if (st && st.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          return send(301, 'moved\n', { Location: `${url.pathname}/${url.search}` });
        }
        file = path.join(file, 'index.html');
        st = await fsp.stat(file).catch(() => null);
      }
      if (st && st.isFile()) {
        const real = await fsp.realpath(file);
        if (!isInside(root, real)) return send(403, 'forbidden\n');
        return serveFile(res, req, real, st, 200);
      }
      // Not found: serve the site's own 404.html like a static host would.
      const notFound = path.join(root, '404.html');
      const st404 = await fsp.stat(notFound).catch(() => null);
      if (st404 && st404.isFile()) return serveFile(res, req, notFound, st404, 404);
      return send(404, 'not found\n');
    } catch (err) {
      return send(500, `internal error: ${err.message}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function serveFile(res, req, file, st, status) {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': st.size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

// ---------------------------------------------------------------- vnu

// vnu shifts reported line numbers when CSS checking is on (it sets a global
// line offset of -1 for every document, which is right for CSS files only;
// seen in vnu 26.9.27). To report true lines whatever vnu version is pinned,
// every vnu run also checks two tiny canary files with an error at a known
// line, and the difference is applied to the site's messages.
const CANARY_HTML_LINE = 3;
const CANARY_CSS_LINE = 2;
async function makeCanaries() {
  const dir = await fsp.mkdtemp(path.join((await import('node:os')).tmpdir(), 'insyn-vnu-canary-'));
  await fsp.writeFile(path.join(dir, 'canary.html'),
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>canary</title></head>\n' +
    '<body><insyncanaryelement>x</insyncanaryelement></body></html>\n');
  await fsp.writeFile(path.join(dir, 'canary.css'), 'p { color: red; }\np { insyncanaryproperty: red; }\n');
  return fsp.realpath(dir);
}

function runVnu(root, canaryDir) {
  const args = ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html'];
  if (opts.css) args.push('--also-check-css');
  if (opts.svg) args.push('--also-check-svg');
  if (opts.vnuFilter) args.push('--filterpattern', opts.vnuFilter);
  args.push(root, canaryDir);
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child;
    try {
      child = spawn(JAVA, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ fatal: `cannot start ${JAVA}: ${err.message}` });
      return;
    }
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (err) => resolve({ fatal: `cannot start ${JAVA}: ${err.message}` }));
    child.on('close', (code) => {
      const text = `${stderr}\n${stdout}`;
      const start = text.indexOf('{"version"') >= 0 ? text.indexOf('{"version"') : text.indexOf('{"messages"');
      if (start < 0) {
        resolve({ fatal: `vnu (exit ${code}) printed no JSON report: ${oneLine(text, 1000)}` });
        return;
      }
      // The JSON object is the last thing printed; cut at its final brace.
      const end = text.lastIndexOf('}');
      let report;
      try {
        report = JSON.parse(text.slice(start, end + 1));
      } catch (err) {
        resolve({ fatal: `cannot parse vnu JSON (exit ${code}): ${err.message}` });
        return;
      }
      const messages = [];
      let htmlShift = null;
      let cssShift = null;
      for (const m of report.messages || []) {
        let file = null;
        try { file = m.url ? fileURLToPath(m.url) : null; } catch { /* keep null */ }
        if (file && path.dirname(path.resolve(file)) === canaryDir) {
          const line = m.lastLine ?? m.firstLine;
          if (file.endsWith('.html') && /insyncanaryelement/.test(m.message) && line != null && htmlShift == null) {
            htmlShift = CANARY_HTML_LINE - line;
          }
          if (file.endsWith('.css') && /insyncanaryproperty/.test(m.message) && line != null && cssShift == null) {
            cssShift = CANARY_CSS_LINE - line;
          }
          continue;
        }
        messages.push(m);
      }
      const warnings = [];
      if (htmlShift == null) warnings.push('vnu line-number canary (HTML) not reported; HTML line numbers may be off');
      if (opts.css && cssShift == null) warnings.push('vnu line-number canary (CSS) not reported; CSS line numbers may be off');
      for (const m of messages) {
        const isCss = typeof m.url === 'string' && /\.css$/i.test(m.url);
        const shift = (isCss ? cssShift : htmlShift) || 0;
        if (shift && m.lastLine != null) m.lastLine += shift;
        if (shift && m.firstLine != null) m.firstLine += shift;
      }
      resolve({ messages, code, warnings });
    });
  });
}

function vnuFileOf(msg, root) {
  if (!msg.url) return null;
  try {
    const p = fileURLToPath(msg.url);
    return path.relative(root, p).split(path.sep).join('/');
  } catch {
    return msg.url;
  }
}

// ---------------------------------------------------------------- in-page code

// Runs in the page: make lazy images load and wait (bounded) for all images.
async function settleImagesInPage() {
  for (const img of document.querySelectorAll('img[loading="lazy"]')) img.loading = 'eager';
  const pending = [...document.images].filter((img) => !img.complete);
  if (pending.length === 0) return;
  await Promise.race([
    Promise.all(pending.map((img) => new Promise((r) => {
      img.addEventListener('load', r, { once: true });
      img.addEventListener('error', r, { once: true });
    }))),
    new Promise((r) => setTimeout(r, 5000)),
  ]);
}

// Runs in the page: the charts it shows. For an SVG image, the file the
// browser chose (currentSrc, which follows <picture><source media>) and the
// width and height its content box renders at; an inline <svg> is measured
// directly (its texts' computed font size times its rendered scale).
async function chartsInPage() {
  const isSvg = (u) => /\.svg([?#]|$)/i.test(u);
  const images = [...document.images].filter((img) => isSvg(img.currentSrc || img.src));
  // A changed viewport may switch a <picture> to another source: wait for it.
  await Promise.race([
    Promise.all(images.filter((img) => !img.complete).map((img) => new Promise((r) => {
      img.addEventListener('load', r, { once: true });
      img.addEventListener('error', r, { once: true });
    }))),
    new Promise((r) => setTimeout(r, 5000)),
  ]);
  const box = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const px = (v) => parseFloat(v) || 0;
    return {
      width: r.width - px(cs.borderLeftWidth) - px(cs.borderRightWidth) - px(cs.paddingLeft) - px(cs.paddingRight),
      height: r.height - px(cs.borderTopWidth) - px(cs.borderBottomWidth) - px(cs.paddingTop) - px(cs.paddingBottom),
      shown: r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden',
    };
  };
  const out = images.map((img) => ({ kind: 'img', src: img.currentSrc || img.src, ...box(img) }));
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.parentElement && svg.parentElement.closest('svg')) continue; // nested: measured with its root
    const b = box(svg);
    const vb = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal : null;
    const scale = vb ? Math.min(b.width / vb.width, b.height / vb.height) : 1;
    const texts = [...svg.querySelectorAll('text, tspan, textPath')]
      .filter((t) => [...t.childNodes].some((n) => n.nodeType === 3 && n.data.trim()))
      .map((t) => ({ text: t.textContent.trim().slice(0, 60), size: parseFloat(getComputedStyle(t).fontSize) }));
    out.push({ kind: 'inline', src: '(inline svg)', ...b, scale, texts });
  }
  return out;
}

// Runs in the page on an SVG document's source: its viewBox and, for every
// text, the font size in user units (the font-size attribute or style on the
// element or its nearest ancestor that has one; 16 when none, as in a
// standalone SVG document). Units: none or px; pt; em and % of the parent's.
function svgTextSizesInPage(source) {
  const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'svg' || doc.querySelector('parsererror')) return { error: 'not an SVG document' };
  const vb = (root.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
  const viewBox = vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0
    ? { width: vb[2], height: vb[3] }
    : { width: parseFloat(root.getAttribute('width')) || 300, height: parseFloat(root.getAttribute('height')) || 150 };
  const own = (el) => {
    const style = (el.getAttribute('style') || '').match(/font-size\s*:\s*([^;]+)/i);
    return (style ? style[1] : el.getAttribute('font-size') || '').trim() || null;
  };
  const sizeOf = (el) => {
    if (!el || el.nodeType !== 1) return 16;
    const v = own(el);
    if (!v) return sizeOf(el.parentNode);
    const n = parseFloat(v);
    if (!Number.isFinite(n)) return sizeOf(el.parentNode);
    if (/em$/i.test(v)) return n * sizeOf(el.parentNode);
    if (/%$/.test(v)) return (n / 100) * sizeOf(el.parentNode);
    if (/pt$/i.test(v)) return (n * 4) / 3;
    return n;
  };
  const texts = [...root.querySelectorAll('text, tspan, textPath')]
    .filter((t) => [...t.childNodes].some((n) => n.nodeType === 3 && n.data.trim()))
    .map((t) => ({ text: t.textContent.trim().slice(0, 60), size: sizeOf(t) }));
  return { viewBox, texts };
}

// Runs in the page: measure horizontal overflow and find the worst offender.
function reflowInPage(limit) {
  const doc = document.documentElement;
  const body = document.body;
  const scrollWidth = Math.max(doc.scrollWidth, body ? body.scrollWidth : 0);
  const pageOverflows = scrollWidth > limit;

  function selectorOf(el) {
    const parts = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.id && /^[A-Za-z][\w-]*$/.test(e.id)) { parts.unshift(`${e.localName}#${e.id}`); break; }
      let part = e.localName;
      const cls = [...e.classList].filter((c) => /^[A-Za-z_-][\w-]*$/.test(c)).slice(0, 2);
      if (cls.length) part += `.${cls.join('.')}`;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === e.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(part);
      if (e === doc) break;
    }
    return parts.join(' > ');
  }

  // Nearest ancestor (below body) whose overflow-x is not visible, starting
  // at node.parentElement; cached per element (the value for an element
  // counts the element itself).
  const clipCache = new Map();
  function clipperOf(node) {
    const chain = [];
    let result = null;
    for (let p = node.parentElement; p && p !== body && p !== doc; p = p.parentElement) {
      if (clipCache.has(p)) { result = clipCache.get(p); break; }
      chain.push(p);
      if (getComputedStyle(p).overflowX !== 'visible') { result = p; break; }
    }
    for (const c of chain) clipCache.set(c, result);
    return result;
  }

  // worst: what widens the page (no clipping ancestor); cut: content beyond
  // the right edge of an overflow-x: hidden/clip box (lost, not scrollable).
  // Boxes inside an overflow-x: auto/scroll container are fine.
  let worst = null;
  let cut = null;
  function consider(node, el, r, text) {
    const right = r.right + window.scrollX;
    if (right <= limit + 1) return;
    const clipper = clipperOf(node);
    if (!clipper) {
      if (pageOverflows && (!worst || right > worst.right + 0.5)) worst = { el, right, width: r.width, text };
      return;
    }
    const ox = getComputedStyle(clipper).overflowX;
    if (ox !== 'hidden' && ox !== 'clip') return;
    const cr = clipper.getBoundingClientRect();
    if (cr.width <= 2) return; // visually-hidden pattern (1px box)
    const clipRight = cr.right + window.scrollX;
    if (right > clipRight + 1 && (!cut || right > cut.right + 0.5)) cut = { el, clipper, right, clipRight, text };
  }
  if (body) {
    // Document order visits ancestors first: on ties the outermost box wins.
    for (const el of body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= limit + 1 || (r.width === 0 && r.height === 0)) continue;
      if (getComputedStyle(el).position === 'fixed') continue;
      consider(el, el, r, null);
    }
    // Text runs too: a long word overflows its box without widening the box.
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.parentElement || !t.data.trim()) continue;
      range.selectNodeContents(t);
      consider(t, t.parentElement, range.getBoundingClientRect(), t.data.trim());
    }
  }
  return {
    scrollWidth,
    offender: worst
      ? { selector: selectorOf(worst.el), right: Math.round(worst.right), width: Math.round(worst.width),
          text: worst.text, html: worst.el.outerHTML.slice(0, 160) }
      : null,
    cutoff: cut
      ? { selector: selectorOf(cut.el), clipper: selectorOf(cut.clipper), right: Math.round(cut.right),
          clipRight: Math.round(cut.clipRight), text: cut.text,
          overflow: getComputedStyle(cut.clipper).overflowX }
      : null,
  };
}

// rules: null = every rule with AXE_TAGS and STRUCTURE_RULES; or a list of rule ids.
async function runAxe(page, rules = null) {
  return page.evaluate(async ({ tags, rules, structure }) => {
    // eslint-disable-next-line no-undef
    const res = await axe.run(document, {
      runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
      // With the WCAG tags, also the structure rules (off when rules are named).
      rules: rules ? {} : Object.fromEntries(structure.map((id) => [id, { enabled: true }])),
      resultTypes: ['violations', 'incomplete'],
    });
    const slim = (list) => list.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
        summary: n.failureSummary || '',
        html: n.html,
      })),
    }));
    return { violations: slim(res.violations), incomplete: slim(res.incomplete) };
  }, { tags: AXE_TAGS, rules, structure: STRUCTURE_RULES });
}

// ---------------------------------------------------------------- per site

async function checkSite(siteArg, browser) {
  const label = siteArg;
  let root;
  try {
    root = await fsp.realpath(siteArg);
    if (!(await fsp.stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    console.log(`\n== ${label}: cannot read site directory: ${err.message}`);
    record(false);
    return false;
  }

  const files = await walk(root);
  const htmlFiles = files.filter((f) => /\.html?$/i.test(f));
  const extraFiles = files.filter((f) => (opts.css && /\.css$/i.test(f)) || (opts.svg && /\.svg$/i.test(f)));
  console.log(`\n== ${label} (${root}): ${htmlFiles.length} pages, ${files.length} files`);
  if (htmlFiles.length === 0) {
    console.log('  no *.html files found: is this a built site?');
    record(false);
    return false;
  }

  // The filtered lists and the tier tables (issue 20) are among the pages
  // checked: every page is, but say so, and fail a site with a current
  // period (its overview has the tier table) that has no filtered list or
  // no period page with the tier table, so that a change that drops them
  // cannot pass unnoticed.
  {
    let facetPages = 0;
    let tierPages = 0;
    for (const rel of htmlFiles) {
      const html = await fsp.readFile(path.join(root, rel), 'utf8').catch(() => '');
      if (html.includes('class="lead facet-intro"')) facetPages += 1;
      if (html.includes('<section id="tiers"')) tierPages += 1;
    }
    console.log(`  filtered lists: ${facetPages} pages; tier table (section#tiers): ${tierPages} pages`);
    const overview = await fsp.readFile(path.join(root, 'index.html'), 'utf8').catch(() => '');
    if (overview.includes('<section id="tiers"') && (facetPages === 0 || tierPages < 2)) {
      console.log('  the overview has a tier table, but no filtered list or no period page with one was found');
      record(false);
      return false;
    }
  }

  const t0 = Date.now();
  const canaryDir = await makeCanaries();
  const vnuPromise = runVnu(root, canaryDir); // runs in parallel with the browser work
  const prefix = await basePath(root);
  const server = await startServer(root, prefix);
  const origin = `http://127.0.0.1:${server.address().port}${prefix.replace(/\/$/, '')}`;
  const host = new URL(origin).host;
  // A static host serves 404.html at any missing address: check it there too,
  // deep below the root, where relative links would break.
  const deep404 = `${origin}/no/such/page/`;

  // findings[file] = { axe: [...], reflow: [...], foreign: [...], console: [...], requests: [...], html: [...] }
  const findings = new Map();
  const F = (file) => {
    if (!findings.has(file)) {
      findings.set(file, { axe: [], reflow: [], charttext: [], foreign: [], console: [], requests: [], scripts: [], html: [], review: [] });
    }
    return findings.get(file);
  };

  const context = await browser.newContext({
    viewport: DESKTOP,
    serviceWorkers: 'block',
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    bypassCSP: false,
  });
  context.setDefaultTimeout(NAV_TIMEOUT_MS);

  const pages = [];
  for (const rel of htmlFiles) {
    const text = await fsp.readFile(path.join(root, rel), 'utf8');
    const redirect = /http-equiv\s*=\s*["']?refresh/i.test(text);
    const csp = /http-equiv\s*=\s*["']?content-security-policy/i.test(text);
    const urlPath = `/${rel}`.replace(/(^|\/)index\.html$/i, '$1');
    const url = rel === '404.html' ? deep404 : origin + urlPath.split('/').map(encodeURIComponent).join('/');
    pages.push({ rel, redirect, csp, url });
  }

  const pageTimes = [];
  const stepMs = { load: 0, axe1280: 0, dark: 0, reflow: 0, axe320: 0, charttext: 0, text200: 0 };
  // The smallest chart text seen on this site, per viewport width.
  const smallest = new Map(CHART_TEXT_WIDTHS.map((w) => [w, null]));
  let chartTexts = 0;
  // SVG sources and their text sizes, fetched once per file.
  const svgCache = new Map();
  async function svgSizes(tab, src) {
    if (!svgCache.has(src)) {
      svgCache.set(src, (async () => {
        const resp = await fetch(src);
        if (!resp.ok) return { error: `HTTP ${resp.status}` };
        return tab.page.evaluate(svgTextSizesInPage, await resp.text());
      })().catch((err) => ({ error: err.message })));
    }
    return svgCache.get(src);
  }
  // Every chart text of the page at `width`: findings for those under the
  // minimum, and the site's smallest.
  async function chartText(tab, f, width) {
    const charts = await tab.page.evaluate(chartsInPage);
    for (const c of charts) {
      if (!c.shown) continue;
      const name = c.src.replace(origin, '');
      let texts;
      let scale;
      let how;
      if (c.kind === 'inline') {
        ({ texts, scale } = c);
        how = (t) => `${t.size} px x ${scale.toFixed(3)}`;
      } else {
        const sizes = await svgSizes(tab, c.src);
        if (sizes.error) {
          f.charttext.push(`at ${width}px: ${name}: cannot read it (${sizes.error})`);
          continue;
        }
        texts = sizes.texts;
        scale = Math.min(c.width / sizes.viewBox.width, c.height / sizes.viewBox.height);
        how = (t) => `font-size ${t.size} x ${c.width.toFixed(1)} / ${sizes.viewBox.width}`;
      }
      const small = [];
      for (const t of texts) {
        const px = t.size * scale;
        chartTexts++;
        const s = smallest.get(width);
        if (!s || px < s.px) smallest.set(width, { px, where: `${tab.state.current}: ${name} "${t.text}"` });
        if (px < CHART_TEXT_MIN_PX - 1e-6) small.push({ t, px });
      }
      if (small.length) {
        small.sort((a, b) => a.px - b.px);
        const shown = small.slice(0, 3).map(({ t, px }) => `"${oneLine(t.text, 40)}" ${px.toFixed(1)} px (${how(t)})`);
        f.charttext.push(`at ${width}px: ${name}: ${small.length} of ${texts.length} texts under ` +
          `${CHART_TEXT_MIN_PX} CSS px, e.g. ${shown.join('; ')}`);
      }
    }
  }
  let reviewCount = 0;
  const queue = pages.filter((p) => !p.redirect);

  // A tab: one browser page with the listeners that attribute requests,
  // console messages and errors to the file being checked (state.current).
  async function openTab() {
    const page = await context.newPage();
    const state = { current: null, isNotFoundPage: false };
    const cur = () => (state.current ? F(state.current) : null);

    await page.route('**/*', (route) => {
      const req = route.request();
      let u;
      try { u = new URL(req.url()); } catch { return route.continue(); }
      const local = u.host === host && u.protocol === 'http:';
      const special = ['data:', 'blob:', 'about:', 'chrome:', 'chrome-extension:'].includes(u.protocol);
      if (local || special) return route.continue();
      cur()?.foreign.push(`${req.resourceType()} ${req.url()}`);
      return route.abort('blockedbyclient');
    });
    page.on('console', (msg) => {
      if (!state.current || msg.type() !== 'error') return;
      const text = msg.text();
      // Failed loads are reported precisely by the request checks below.
      if (/^Failed to load resource:/.test(text)) return;
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url.replace(origin, '')}:${loc.lineNumber + 1})` : '';
      cur().console.push(`console.error: ${oneLine(text)}${where}`);
    });
    page.on('pageerror', (err) => cur()?.console.push(`uncaught ${oneLine(String(err.stack || err.message).replaceAll(origin, ''), 400)}`));
    page.on('crash', () => cur()?.console.push('page crashed'));
    page.on('requestfailed', (req) => {
      if (!state.current) return;
      let u;
      try { u = new URL(req.url()); } catch { return; }
      if (u.host !== host) return; // foreign requests are aborted by us and reported as foreign
      const why = req.failure() ? req.failure().errorText : 'failed';
      if (why === 'net::ERR_ABORTED' && req.isNavigationRequest()) return; // superseded navigation
      cur().requests.push(`${req.resourceType()} ${u.pathname}${u.search}: ${why}`);
    });
    page.on('response', (resp) => {
      if (!state.current || resp.status() < 400) return;
      let u;
      try { u = new URL(resp.url()); } catch { return; }
      if (u.host !== host) return;
      const req = resp.request();
      if (state.isNotFoundPage && req.isNavigationRequest() && req.frame() === page.mainFrame()) return;
      cur().requests.push(`${req.resourceType()} ${u.pathname}${u.search}: HTTP ${resp.status()}`);
    });

    return { page, state };
  }

  // All checks of one page in one tab. Findings go to `f` (a fresh record
  // that is merged into the page's findings only if this finishes in time).
  async function checkPage(tab, p, f, lap) {
    let loaded = false;
    try {
      await tab.page.setViewportSize(DESKTOP);
      const resp = await tab.page.goto(p.url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
      if (!resp) f.requests.push('navigation returned no response');
      else if (resp.status() !== 200 && resp.status() < 400 && !tab.state.isNotFoundPage) {
        f.requests.push(`page answered HTTP ${resp.status()}`); // >= 400 is recorded by the response handler
      }
      if (tab.page.url() !== p.url) f.console.push(`page navigated away to ${tab.page.url().replace(origin, '')}`);
      const scripts = await tab.page.evaluate(() => Array.from(document.scripts, (el) => el.getAttribute('src') || '(inline script)'));
      const search = SEARCH_PAGES.includes(p.rel);
      for (const src of scripts) {
        if (!search || !SEARCH_SCRIPT.test(src)) f.scripts.push(`loads a script: ${src}${search ? '' : ' (only the search page may)'}`);
      }
      if (search && scripts.length !== 2) f.scripts.push(`the search page loads ${scripts.length} scripts, expected its own 2`);
      await tab.page.evaluate(settleImagesInPage);
      await tab.page.evaluate(() => document.fonts && document.fonts.ready.then(() => true));
      loaded = true;
      lap('load');
    } catch (err) {
      f.console.push(`page failed to load: ${oneLine(err.message, 400)}`);
    }

    if (loaded) {
      try {
        if (p.csp) {
          // A Content-Security-Policy forbids the inline <script> that
          // addScriptTag makes; evaluate through the DevTools protocol instead.
          await tab.page.evaluate(AXE_SOURCE());
        } else {
          await tab.page.addScriptTag({ path: AXE_PATH });
        }
        const seen = new Set();
        const addAxe = (res, width, scheme = 'light') => {
          for (const v of res.violations) {
            for (const n of v.nodes) {
              const key = `${v.id}|${n.target}|${scheme}`;
              if (seen.has(key)) continue;
              seen.add(key);
              f.axe.push({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, target: n.target,
                summary: n.summary, html: n.html, width, scheme });
            }
          }
          // "needs review" only from the desktop run: at 320 px every table
          // cell scrolled out of view is "needs review" for contrast.
          for (const v of (width === DESKTOP.width && scheme === 'light' ? res.incomplete : [])) {
            for (const n of v.nodes) {
              f.review.push({ id: v.id, help: v.help, target: n.target, summary: n.summary, width });
            }
          }
        };
        addAxe(await runAxe(tab.page), DESKTOP.width);
        lap('axe1280');
        if (opts.dark) {
          // prefers-color-scheme: dark is a presentation users get without
          // asking; its colours must pass too.
          await tab.page.emulateMedia({ colorScheme: 'dark' });
          addAxe(await runAxe(tab.page, COLOUR_RULES), DESKTOP.width, 'dark');
          await tab.page.emulateMedia({ colorScheme: 'light' });
          lap('dark');
        }

        // Two frames for layout, then the images: a new width may switch a
        // <picture> to another file, and switching again before it has
        // loaded aborts its request (a failed request of no page's making).
        const settle = async () => {
          await tab.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          await tab.page.evaluate(settleImagesInPage);
        };
        const reflow = async (width, what) => {
          const rf = await tab.page.evaluate(reflowInPage, width);
          if (rf.scrollWidth > width) {
            const o = rf.offender;
            f.reflow.push(`page is ${rf.scrollWidth}px wide at ${what}` +
              (o ? (o.text
                ? `; text overflows ${o.selector} (right edge ${o.right}px): "${oneLine(o.text, 80)}" (long word? use overflow-wrap)`
                : `; widest offender: ${o.selector} (right edge ${o.right}px, width ${o.width}px): ${oneLine(o.html, 120)}`)
                : '; no single offending element found'));
          }
          if (rf.cutoff) {
            const c = rf.cutoff;
            f.reflow.push(`content cut off at ${what}: ${c.selector}` +
              `${c.text ? ` ("${oneLine(c.text, 60)}")` : ''} reaches ${c.right}px but ${c.clipper} ` +
              `(overflow-x: ${c.overflow}) ends at ${c.clipRight}px: let it wrap, or use overflow-x: auto so it scrolls`);
          }
        };
        await tab.page.setViewportSize(MOBILE);
        // let layout (and responsive images) settle for two frames
        await settle();
        await reflow(REFLOW_WIDTH, `${REFLOW_WIDTH}px viewport`);
        lap('reflow');
        addAxe(await runAxe(tab.page), MOBILE.width);
        lap('axe320');

        // Chart text on phones, in the chart variant the browser shows there.
        for (const width of CHART_TEXT_WIDTHS) {
          await tab.page.setViewportSize({ width, height: MOBILE.height });
          await settle();
          await chartText(tab, f, width);
        }
        lap('charttext');

        // Text at 200 %: the root font size doubled, the viewport unchanged.
        for (const width of TEXT_200_WIDTHS) {
          await tab.page.setViewportSize({ width, height: DESKTOP.height });
          await tab.page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
          await settle();
          await reflow(width, `${width}px viewport with text at 200 %`);
          await tab.page.evaluate(() => { document.documentElement.style.fontSize = ''; });
        }
        lap('text200');
      } catch (err) {
        f.console.push(`checks could not run: ${oneLine(err.message, 400)}`);
      }
    }
  }

  // One worker = one tab; it checks pages from the shared queue one by one.
  async function worker() {
    let tab = await openTab();
    let t = Date.now();
    const lap = (k) => { const n = Date.now(); stepMs[k] += n - t; t = n; };
    for (let p = queue.shift(); p; p = queue.shift()) {
      const ts = Date.now();
      t = ts;
      tab.state.current = p.rel;
      tab.state.isNotFoundPage = /(^|\/)404\.html?$/i.test(p.rel);
      const f = { axe: [], reflow: [], charttext: [], console: [], requests: [], scripts: [], review: [] };
      let timer;
      const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), PAGE_TIMEOUT_MS); });
      const outcome = await Promise.race([checkPage(tab, p, f, lap).then(() => 'done'), timeout]);
      clearTimeout(timer);
      const rec = F(p.rel);
      if (outcome === 'done') {
        for (const k of Object.keys(f)) rec[k].push(...f[k]);
        reviewCount += f.review.length;
      } else {
        rec.console.push(`checks did not finish within ${PAGE_TIMEOUT_MS / 1000}s (page hangs?)`);
        tab.state.current = null;
        await tab.page.close().catch(() => {});
        tab = await openTab();
      }
      // Late events must not land on this page's record after we move on.
      // Leaving the page here, with no page current, also ends its pending
      // loads here: a <picture> source chosen at one of the widths above and
      // superseded at the next is aborted on leaving, which is no failure of
      // the next page's.
      tab.state.current = null;
      await tab.page.goto('about:blank').catch(() => {});
      pageTimes.push(Date.now() - ts);
    }
    await tab.page.close();
  }

  const nWorkers = Math.max(1, Math.min(opts.jobs, queue.length));
  await Promise.all(Array.from({ length: nWorkers }, () => worker()));
  await context.close();
  // The search page's own checks: typed queries, without JavaScript, axe with results.
  const searchCounts = { passed: 0, failed: 0 };
  const countSearch = (ok) => { record(ok); searchCounts[ok ? 'passed' : 'failed']++; };
  const searchLines = await checkSearch({
    browser, origin, root, record: countSearch,
    injectAxe: (page) => page.addScriptTag({ path: AXE_PATH }),
    axeRun: async (page) => (await runAxe(page)).violations,
  }).catch((err) => {
    countSearch(false);
    return [`  search: the checks could not run: ${oneLine(err.stack || err.message, 600)}`];
  });
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
  const browserMs = Date.now() - t0;

  // vnu results
  const vnu = await vnuPromise;
  const vnuMs = Date.now() - t0;
  await fsp.rm(canaryDir, { recursive: true, force: true });
  for (const w of vnu.warnings || []) console.log(`  warning: ${w}`);
  const otherFileErrors = new Map(); // css/svg/unknown file -> messages
  let vnuFatal = null;
  if (vnu.fatal) {
    vnuFatal = vnu.fatal;
  } else {
    for (const m of vnu.messages) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      const file = vnuFileOf(m, root) || '(unknown file)';
      const line = m.lastLine ?? m.firstLine;
      const col = m.firstColumn ?? m.lastColumn;
      const loc = line != null ? `${line}${col != null ? `:${col}` : ''}` : '?';
      const text = `${file}:${loc}: ${m.subType === 'fatal' ? '[fatal] ' : ''}${oneLine(m.message, 400)}` +
        (m.extract ? `\n        ${oneLine(m.extract, 160)}` : '');
      if (findings.has(file) || htmlFiles.includes(file)) F(file).html.push(text);
      else {
        if (!otherFileErrors.has(file)) otherFileErrors.set(file, []);
        otherFileErrors.get(file).push(text);
      }
    }
  }

  // ------------------------------------------------------------ report
  const totals = { axe: 0, reflow: 0, charttext: 0, foreign: 0, console: 0, requests: 0, scripts: 0, html: 0 };
  const lines = [];
  const axeSeenOn = new Map();
  for (const p of pages) {
    const f = F(p.rel);
    const checks = p.redirect ? ['html'] : ['axe', 'reflow', 'charttext', 'foreign', 'console', 'requests', 'scripts', 'html'];
    for (const c of checks) {
      const ok = c === 'html' ? !vnuFatal && f.html.length === 0 : f[c].length === 0;
      record(ok);
      totals[c] += f[c].length;
    }
    const problems = checks.filter((c) => f[c].length > 0);
    if (problems.length === 0) continue;
    lines.push(`  ${p.rel}  (${p.url.replace(origin, '')}${p.redirect ? ', redirect page: html check only' : ''})`);
    for (const v of f.axe) {
      const where = `at ${v.width}px${v.scheme === 'dark' ? ', dark mode' : ''}`;
      // The same finding on many pages (site-wide CSS, templates): in full once.
      const key = [v.id, where, v.target, v.summary, v.html].join('|');
      if (axeSeenOn.has(key)) {
        lines.push(`    [axe] ${v.id} (${v.impact}) ${where}: ${v.target} — same as on ${axeSeenOn.get(key)}`);
        continue;
      }
      axeSeenOn.set(key, p.rel);
      lines.push(`    [axe] ${v.id} (${v.impact}) ${where}: ${v.help}`);
      lines.push(`          target: ${v.target}`);
      const summary = v.summary.split('\n').slice(1).map((s) => s.trim()).filter(Boolean).join(' / ');
      if (summary) lines.push(`          ${oneLine(summary, 300)}`);
      lines.push(`          html: ${oneLine(v.html, 160)}`);
      lines.push(`          ${v.helpUrl}`);
    }
    for (const r of f.reflow) lines.push(`    [reflow] ${r}`);
    for (const r of f.charttext) lines.push(`    [chart text] ${r}`);
    for (const r of f.foreign) lines.push(`    [foreign request, blocked] ${r}`);
    for (const r of f.console) lines.push(`    [console] ${r}`);
    for (const r of f.requests) lines.push(`    [failed request] ${r}`);
    for (const r of f.scripts) lines.push(`    [script] ${r}`);
    for (const r of f.html) lines.push(`    [html] ${r}`);
  }
  for (const rel of extraFiles) {
    const errs = otherFileErrors.get(rel) || [];
    record(!vnuFatal && errs.length === 0);
    totals.html += errs.length;
    if (errs.length) {
      lines.push(`  ${rel}`);
      for (const e of errs) lines.push(`    [${rel.toLowerCase().endsWith('.css') ? 'css' : 'svg'}] ${e}`);
      otherFileErrors.delete(rel);
    }
  }
  for (const [file, errs] of otherFileErrors) { // anything vnu reported that we did not expect
    record(false);
    totals.html += errs.length;
    lines.push(`  ${file}`);
    for (const e of errs) lines.push(`    [vnu] ${e}`);
  }
  if (vnuFatal) {
    lines.push(`  [vnu] could not run the Nu HTML Checker: ${vnuFatal}`);
  }
  const browserPages = pages.filter((p) => !p.redirect).length;
  const failedAny = lines.length > 0 || searchCounts.failed > 0;
  if (lines.length > 0) {
    console.log('findings:');
    for (const l of lines) console.log(l);
  }
  for (const l of searchLines) console.log(l);
  console.log(`  search: ${searchCounts.passed} checks passed, ${searchCounts.failed} failed`);
  if (opts.verbose && reviewCount) {
    console.log('axe "needs review" items (not failures; check by hand):');
    for (const p of pages) {
      for (const r of F(p.rel).review) {
        const summary = r.summary.split('\n').slice(1).map((x) => x.trim()).filter(Boolean).join(' / ');
        console.log(`  ${p.rel}: ${r.id} at ${r.width}px: ${r.target} — ${oneLine(summary, 200)}`);
      }
    }
  }
  const redirects = pages.length - browserPages;
  console.log(`${label}: ${pages.length} pages${redirects ? ` (${redirects} redirect)` : ''}, ` +
    `${totals.axe} axe violations, ${totals.reflow} reflow failures, ${totals.charttext} charts with text under ` +
    `${CHART_TEXT_MIN_PX} px, ${totals.foreign} foreign requests, ` +
    `${totals.console} console errors, ${totals.requests} failed requests, ${totals.scripts} script findings, ` +
    `${totals.html} HTML errors` +
    `${extraFiles.length ? ` (vnu also checked ${extraFiles.length} CSS/SVG files)` : ''}`);
  const sizes = [...smallest].map(([w, s]) => (s ? `${s.px.toFixed(1)} px at ${w} px (${oneLine(s.where, 120)})` : `none at ${w} px`));
  console.log(`  chart text: ${chartTexts} texts measured; smallest ${sizes.join(', ')}`);
  if (reviewCount && !opts.verbose) {
    console.log(`  note: ${reviewCount} axe "needs review" items (not failures); --verbose lists them`);
  }
  const avg = pageTimes.length ? pageTimes.reduce((a, b) => a + b, 0) / pageTimes.length : 0;
  console.log(`  time: ${(vnuMs / 1000).toFixed(1)}s total (browser ${(browserMs / 1000).toFixed(1)}s, ` +
    `${Math.round(avg)} ms/page in each of ${Math.min(opts.jobs, Math.max(1, pageTimes.length))} tabs; vnu in parallel)`);
  if (opts.verbose) {
    const n = Math.max(1, pageTimes.length);
    console.log(`  per page: ${Object.entries(stepMs).map(([k, v]) => `${k} ${Math.round(v / n)} ms`).join(', ')}`);
  }
  return !failedAny;
}

// ---------------------------------------------------------------- main

async function main() {
  if (!fs.existsSync(CHROMIUM)) fatal(`${CHROMIUM} not found: run tests/browser/install.sh (apt package chromium)`);
  if (!fs.existsSync(VNU_JAR)) fatal(`${VNU_JAR} not found: run tests/browser/install.sh (npm ci)`);

  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    fatal(`cannot load playwright-core (${err.message}): run tests/browser/install.sh`);
  }
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
  } catch (err) {
    fatal(`cannot launch ${CHROMIUM}: ${err.message}`);
  }

  let allOk = true;
  try {
    for (const site of opts.sites) {
      const ok = await checkSite(site, browser);
      allOk = allOk && ok;
    }
  } catch (err) {
    console.error(`check-site: ERROR: ${err.stack || err.message}`);
    record(false);
    allOk = false;
  } finally {
    await browser.close().catch(() => {});
  }
  console.log('');
  finish(allOk ? 0 : 1);
}

if (IS_MAIN) main();
