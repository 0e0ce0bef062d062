// Checks of the search page (sok/ on a Swedish site, search/ on an English
// one), run by check-site.mjs on every site that has one, and the timing
// helpers that search-bench.mjs shares:
//
//   nojs     with JavaScript off, the page says that search needs it and
//            links to the lists (every link answers 200)
//   queries  typed into the field, the expected records are listed (for the
//            example site and the English fixture, when their records are
//            there), the live region states the number of results, and
//            every result has a link, kind, service and date
//   axe      axe-core (WCAG 2.0/2.1 A and AA) with results on the page
//   console  no console error while searching
// and it reports, without asserting it, the time from the last keystroke
// to the result list.

import fs from 'node:fs';
import path from 'node:path';

/** The search page of a site, by the language's URL word. */
export const SEARCH_PAGES = ['sok/index.html', 'search/index.html'];

/** A search page's scripts: its own two, from the site's static folder. */
export const SEARCH_SCRIPT = /^(\.\.\/)+static\/(search|snowball-stemmers)\.[0-9a-f]{10}\.js$/;

/**
 * What queries on a known site must find (record ids, the last part of
 * their paths). `exactly`: the result list is these records; `includes`:
 * these are among the results. A site without these records (another
 * site) skips them.
 */
const EXPECTED = {
  'sok/index.html': [
    {
      query: 'Agresso',
      exactly: [
        'agresso-citrixskrivbordet-startar-inte', 'agresso-ej-atkomst-citrix-excelerator',
        'agresso-inga-appar-citrixskrivbordet', 'agresso-ingen-atkomst-citrix-vissa-anvandare',
        'agresso-ingen-kontakt-produktionsdatabasen', 'agresso-minnesbrist-servrar', 'agresso-problem-med-excelerator',
      ],
    },
    {
      // Personuppgifter, personuppgiftsincident …: the kind of every personal-data incident.
      query: 'personuppgift',
      includes: [
        'adato-fel-behorighet', 'formansportalen-overforing-pensionsgrundande-lon', 'kpa-mina-sidor-synliga-uppgifter',
        'personec-p-fel-behorighet', 'utbildningsportalen-deltagaruppgifter-synliga',
        'visma-recruit-risk-for-lackta-personuppgifter',
      ],
      first: ['kpa-mina-sidor-synliga-uppgifter', 'utbildningsportalen-deltagaruppgifter-synliga',
        'visma-recruit-risk-for-lackta-personuppgifter'],
    },
    {
      query: 'Citr',
      exactly: [
        'agresso-citrixskrivbordet-startar-inte', 'agresso-ej-atkomst-citrix-excelerator',
        'agresso-inga-appar-citrixskrivbordet', 'agresso-ingen-atkomst-citrix-vissa-anvandare',
        'agresso-minnesbrist-servrar',
      ],
    },
    { query: 'fel behörighet', exactly: ['adato-fel-behorighet', 'personec-p-fel-behorighet'] },
    { query: 'finnsintenagonstans', exactly: [] },
  ],
  'search/index.html': [
    { query: 'payments', exactly: ['payments-delayed'] },
    { query: 'Recor', includes: ['phones-personal-data'] },
    { query: 'ledger database', exactly: ['ledger-outage'] },
  ],
};

/** The number a status text states ("12 avvikelser hittades."; one / none in words). */
function statedCount(text) {
  const digits = text.match(/^([\d\s\u00a0\u202f,]+)\s/);
  if (digits) return Number(digits[1].replace(/[^\d]/g, ''));
  if (/^(En|One) /.test(text)) return 1;
  if (/^(Inga|No) /.test(text)) return 0;
  return null;
}

/** The record ids of the result list, in order, with each result's parts. */
async function resultsOf(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('#search-results > li'), (li) => {
    const a = li.querySelector('a');
    const meta = li.querySelector('.search-meta');
    const time = li.querySelector('time');
    return {
      id: a ? new URL(a.href).pathname.replace(/\/index\.html$/, '').split('/').pop() : null,
      href: a ? a.href : null,
      title: a ? a.textContent : '',
      meta: meta ? meta.textContent : '',
      datetime: time ? time.getAttribute('datetime') : null,
    };
  }));
}

/**
 * Types `query` into the search field of `page` (already on the search
 * page) after clearing it, and returns the milliseconds from the last
 * keystroke to the last change of the result list, measured in the page
 * (null when the list did not change: no results before or after).
 * `settleMs`: how long the list must stay unchanged to count as final.
 */
export async function typeAndTime(page, query, settleMs = 700) {
  await page.fill('#search-q', '');
  await page.waitForTimeout(50);
  const head = query.slice(0, -1);
  const last = query.slice(-1);
  if (head) await page.type('#search-q', head, { delay: 15 });
  await page.waitForTimeout(250);
  await page.evaluate(() => {
    const t = { key: 0, list: 0, change: 0 };
    window.insynSearchTiming = t;
    document.getElementById('search-q').addEventListener('keydown', () => { t.key = performance.now(); }, { once: true });
    const list = document.getElementById('search-results');
    const status = document.getElementById('search-status');
    // The list changes when the results are shown; the status, which
    // screen readers hear, is written once typing has paused.
    const observer = new MutationObserver((records) => {
      const now = performance.now();
      t.change = now;
      if (records.some((r) => list.contains(r.target))) t.list = now;
    });
    observer.observe(list, { childList: true, subtree: true, characterData: true });
    observer.observe(status, { childList: true, subtree: true, characterData: true });
    t.observer = observer;
  });
  await page.keyboard.type(last);
  // Final once nothing changed for settleMs (the status is announced 500 ms later).
  let previous = -1;
  for (let i = 0; i < 100; i++) {
    await page.waitForTimeout(settleMs / 2);
    const change = await page.evaluate(() => window.insynSearchTiming.change);
    if (change === previous && change > 0) break;
    previous = change;
  }
  return page.evaluate(() => {
    const t = window.insynSearchTiming;
    t.observer.disconnect();
    return t.list > 0 ? t.list - t.key : null;
  });
}

/** Waits until the live region states a number (it is announced once typing pauses). */
async function waitForStatus(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    return s && s.textContent.trim() !== '';
  }, null, { timeout: 10_000 });
  return page.evaluate(() => document.getElementById('search-status').textContent.trim());
}

/**
 * Runs the search checks on the site served at `origin` (files in `root`).
 * `record(ok)` counts a check; `axeRun(page)` runs axe-core on a page and
 * returns its violations. Returns the lines to print.
 */
export async function checkSearch({ browser, origin, root, record, injectAxe, axeRun }) {
  const lines = [];
  const rel = SEARCH_PAGES.find((p) => fs.existsSync(path.join(root, p)));
  if (!rel) {
    lines.push('  search: the site has no search page (sok/ or search/)');
    record(false);
    return lines;
  }
  const url = `${origin}/${rel.replace(/index\.html$/, '')}`;
  const fail = (what) => { lines.push(`  search: ${what}`); return false; };

  // ---- without JavaScript
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    let ok = true;
    await page.goto(url, { waitUntil: 'load' });
    const nojs = await page.evaluate(() => {
      const box = document.getElementById('search-nojs');
      if (!box) return null;
      const style = getComputedStyle(box);
      return {
        visible: !box.hidden && style.display !== 'none' && style.visibility !== 'hidden' && box.getBoundingClientRect().height > 0,
        text: box.textContent.replace(/\s+/g, ' ').trim(),
        links: Array.from(box.querySelectorAll('a'), (a) => ({ text: a.textContent.trim(), href: a.href })),
      };
    });
    if (!nojs) ok = fail('without JavaScript: no #search-nojs message');
    else {
      if (!nojs.visible) ok = fail('without JavaScript: the message is not visible');
      if (!/JavaScript/.test(nojs.text)) ok = fail(`without JavaScript: the message does not say that search needs JavaScript: "${nojs.text}"`);
      if (nojs.links.length < 4) ok = fail(`without JavaScript: ${nojs.links.length} links to lists, expected the records, periods, services and areas lists`);
      for (const l of nojs.links) {
        const resp = await page.request.get(l.href);
        if (resp.status() !== 200) ok = fail(`without JavaScript: the link "${l.text}" (${l.href}) answers ${resp.status()}`);
      }
      const records = nojs.links.some((l) => /\/(avvikelser|deviations)\/index\.html$/.test(l.href));
      if (!records) ok = fail('without JavaScript: no link to the list of all records');
      if (ok) lines.push(`  search: without JavaScript the page says so and links to ${nojs.links.map((l) => l.text).join(', ')}`);
    }
    record(ok);
    await context.close();
  }

  // ---- with JavaScript: typed queries
  const context = await browser.newContext({ locale: 'sv-SE' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e.message)));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  const live = await page.evaluate(() => {
    const s = document.getElementById('search-status');
    const form = document.querySelector('form[role="search"]');
    const input = document.querySelector('input[type="search"]');
    const label = input && document.querySelector(`label[for="${input.id}"]`);
    return {
      polite: !!s && s.getAttribute('aria-live') === 'polite',
      form: !!form,
      label: label ? label.textContent.trim() : null,
      nojsHidden: document.getElementById('search-nojs')?.hidden === true,
    };
  });
  let ok = live.polite && live.form && !!live.label && live.nojsHidden;
  if (!live.polite) fail('no aria-live="polite" status region');
  if (!live.form || !live.label) fail('no <form role="search"> with a labelled search field');
  if (!live.nojsHidden) fail('with JavaScript the "needs JavaScript" message is still shown');
  record(ok);

  const expected = (EXPECTED[rel] || []).filter((e) => [...(e.exactly || []), ...(e.includes || [])]
    .every((id) => fs.readdirSync(root).some((d) => fs.existsSync(path.join(root, d, id, 'index.html')))));
  const times = [];
  for (const e of expected) {
    ok = true;
    const ms = await typeAndTime(page, e.query);
    if (ms != null) times.push({ query: e.query, ms });
    const results = await resultsOf(page);
    const ids = results.map((r) => r.id);
    const status = await waitForStatus(page);
    const stated = statedCount(status);
    const more = await page.evaluate(() => !document.getElementById('search-more').hidden);
    if (e.exactly) {
      const want = [...e.exactly].sort();
      if (JSON.stringify([...ids].sort()) !== JSON.stringify(want)) {
        ok = fail(`"${e.query}": found ${JSON.stringify(ids)}, expected ${JSON.stringify(want)}`);
      }
    }
    for (const id of e.includes || []) if (!ids.includes(id)) ok = fail(`"${e.query}": ${id} not among the results ${JSON.stringify(ids)}`);
    if (e.first && JSON.stringify([...ids.slice(0, e.first.length)].sort()) !== JSON.stringify([...e.first].sort())) {
      ok = fail(`"${e.query}": the first results are ${JSON.stringify(ids.slice(0, e.first.length))}, expected ${JSON.stringify(e.first)} (title matches first)`);
    }
    if (stated == null || (more ? stated <= ids.length : stated !== ids.length)) {
      ok = fail(`"${e.query}": the live region says "${status}" but the list has ${ids.length} results${more ? ' and a button for more' : ''}`);
    }
    for (const r of results) {
      if (!r.href || !r.title || !r.datetime || r.meta.split(' · ').length !== 3) {
        ok = fail(`"${e.query}": a result without link, title, kind · service · date: ${JSON.stringify(r)}`);
        break;
      }
      const resp = await page.request.get(r.href);
      if (resp.status() !== 200) ok = fail(`"${e.query}": the result link ${r.href} answers ${resp.status()}`);
    }
    record(ok);
    lines.push(`  search: "${e.query}" → ${ids.length} results, live region: "${status}"${ok ? '' : ' (FAILED)'}`);
  }
  if (expected.length === 0) lines.push('  search: no known records on this site; typed queries skipped');

  // ---- axe with results on the page
  if (expected.length > 0) {
    await injectAxe(page);
    const violations = await axeRun(page);
    ok = violations.length === 0;
    for (const v of violations) fail(`axe with results shown: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
    record(ok);
  }
  record(errors.length === 0);
  for (const e of errors) fail(`console or request error while searching: ${e}`);
  if (times.length) {
    const list = times.map((t) => `"${t.query}" ${t.ms.toFixed(1)} ms`).join(', ');
    lines.push(`  search: time from the last keystroke to the result list (reported, not asserted): ${list}`);
  }
  await context.close();
  return lines;
}
