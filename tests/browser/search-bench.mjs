#!/usr/bin/env node
// Measures the search of a built site in Chromium, for BENCHMARKS.md (it
// asserts nothing): per query, the bytes of index files fetched and the
// time from the last keystroke to the result list.
//
// Usage: node search-bench.mjs <site-dir> [query ...]
//
// For each query, three runs, each in a fresh browser context (empty cache)
// unless said otherwise:
//   typed   the query typed a key at a time (30 ms apart), as a reader does:
//           every key runs a search, so the prefixes load files too; bytes
//           are those of the whole query, time from its last key
//   pasted  the whole query at once (one search): the least a query loads
//   warm    typed again on the same page: the files are in memory
// Bytes are response bodies under the search page's folder (the manifest,
// dictionary shards, posting packs and document shards), not the page, its
// scripts or the stylesheet, which a browser keeps (static/ is cached).

import fs from 'node:fs';
import path from 'node:path';
import { basePath, startServer } from './check-site.mjs';
import { SEARCH_PAGES, typeAndTime } from './search-checks.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const [siteArg, ...given] = process.argv.slice(2);
if (!siteArg) {
  console.error('usage: node search-bench.mjs <site-dir> [query ...]');
  process.exit(2);
}
const QUERIES = given.length ? given
  : ['Agresso', 'Citr', 'inloggning', 'certifikatet leverantören', 'minnesbrist servrarna', 'personuppgift'];

const root = fs.realpathSync(siteArg);
const rel = SEARCH_PAGES.find((p) => fs.existsSync(path.join(root, p)));
if (!rel) {
  console.error(`${root} has no search page`);
  process.exit(1);
}
const folder = rel.replace(/index\.html$/, '');
const prefix = await basePath(root);
const server = await startServer(root, prefix);
const origin = `http://127.0.0.1:${server.address().port}${prefix}`;
const url = origin + folder;
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true, chromiumSandbox: false,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** A page on the search page in a fresh context, counting the index bytes it fetches. */
async function fresh() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const got = { bytes: 0, files: 0 };
  page.on('response', async (resp) => {
    const p = new URL(resp.url()).pathname;
    if (!p.startsWith(prefix + folder) || p.endsWith('/') || p.endsWith('.html')) return;
    try {
      const body = await resp.body();
      got.bytes += body.length;
      got.files += 1;
    } catch { /* a response without a body */ }
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  return { context, page, got };
}

async function settle(page) {
  await page.waitForTimeout(800);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const manifestBytes = fs.statSync(path.join(root, folder, 'manifest.json')).size;
const manifest = JSON.parse(fs.readFileSync(path.join(root, folder, 'manifest.json'), 'utf8'));
let total = 0;
let files = 0;
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const f = path.join(d, e.name);
    if (e.isDirectory()) walk(f);
    else if (!e.name.endsWith('.html')) { total += fs.statSync(f).size; files += 1; }
  }
};
walk(path.join(root, folder));
console.log(`${root}: ${manifest.documents} documents; index ${files} files, ${kb(total)} ` +
  `(manifest ${kb(manifestBytes)}, ${manifest.shards.length} dictionary shards)`);

const rows = [];
for (const q of QUERIES) {
  const typed = await fresh();
  // Every key but the last, then the last, timed.
  const ms = await typeAndTime(typed.page, q);
  await settle(typed.page);
  const typedBytes = typed.got.bytes;
  const typedFiles = typed.got.files;
  const count = await typed.page.evaluate(() => document.getElementById('search-status').textContent.trim());
  const warm = await typeAndTime(typed.page, q);
  await typed.context.close();

  const pasted = await fresh();
  const pastedMs = await pasted.page.evaluate(async (query) => {
    const input = document.getElementById('search-q');
    const list = document.getElementById('search-results');
    const start = performance.now();
    let changed = 0;
    const observer = new MutationObserver(() => { changed = performance.now(); });
    observer.observe(list, { childList: true, subtree: true });
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (let i = 0; i < 100 && !changed; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    observer.disconnect();
    return changed ? changed - start : null;
  }, q);
  await settle(pasted.page);
  rows.push({ q, count, typedBytes, typedFiles, ms, warm, pastedBytes: pasted.got.bytes, pastedFiles: pasted.got.files, pastedMs });
  await pasted.context.close();
}

const f = (v) => (v == null ? '–' : `${v.toFixed(0)} ms`);
console.log('| query | results | typed: bytes (files) | typed: last key → list | pasted: bytes (files) | pasted: → list | warm: last key → list |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.q} | ${r.count} | ${kb(r.typedBytes)} (${r.typedFiles}) | ${f(r.ms)} | ${kb(r.pastedBytes)} (${r.pastedFiles}) | ${f(r.pastedMs)} | ${f(r.warm)} |`);
}
await browser.close();
server.closeAllConnections?.();
server.close();
