/*
 * The site search of insyn, run by the reader's browser on the search page
 * (the only page with a script). It fetches, from the page's own folder,
 * the few index files a query needs (the format is described in insyn's
 * src/render/search/mod.rs) and lists the records that have every word
 * typed; the last word also counts as the start of a longer word while it
 * is being typed. Words are stemmed with the Snowball algorithm of the
 * site's language (snowball-stemmers.js), the one the index was made with.
 *
 * It needs a Content-Security-Policy of script-src 'self' and
 * connect-src 'self', nothing more: no inline script, no eval, no
 * WebAssembly. Licence: EUPL-1.2, as insyn.
 */
(function () {
  'use strict';

  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var results = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var fallback = document.getElementById('search-nojs');
  if (!form || !input || !status || !results || !more || !window.fetch || !window.snowballFactory) {
    return;
  }

  /** Results shown at a time. */
  var PAGE = 20;
  /** A last word this long or longer also finds longer words that start with it. */
  var PREFIX_MIN = 2;
  /** A prefix takes in at most this many words, the most frequent first, */
  var PREFIX_TERMS = 64;
  /** and at most this many bytes of postings (a pack counts whole when first fetched). */
  var PREFIX_BYTES = 128 * 1024;
  var PACK_BYTES = 16 * 1024;
  /** Screen readers hear the number of results once typing pauses. */
  var ANNOUNCE_MS = 500;
  /** Runs of letters and digits, as insyn's index splits text into words. */
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var ENDS_IN_WORD = /[\p{Alphabetic}\p{N}]$/u;

  var lang = document.documentElement.lang || 'sv';
  var numbers = new Intl.NumberFormat(lang);
  var root = form.getAttribute('data-root') || '';
  var manifestUrl = new URL(form.getAttribute('data-manifest'), document.baseURI).href;
  var text = function (key, values) {
    var s = status.getAttribute('data-' + key) || '';
    Object.keys(values || {}).forEach(function (k) { s = s.split('{' + k + '}').join(values[k]); });
    return s;
  };

  var cache = new Map();
  /** Fetches a file of the index once; `bytes` for the binary packs. */
  function load(url, bytes) {
    var p = cache.get(url);
    if (!p) {
      p = fetch(url, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return bytes ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : r.json();
      });
      p.catch(function () { cache.delete(url); });
      cache.set(url, p);
    }
    return p;
  }

  var index = null;
  /** The manifest, and what is worked out from it once. */
  function open() {
    if (!index) {
      index = load(manifestUrl).then(function (m) {
        if (m.version !== 1) throw new Error('search index version ' + m.version + ' is not 1');
        var shards = new Map();
        m.shards.forEach(function (s, n) { shards.set(s[0], { n: n, split: s[1] === 1 }); });
        return {
          m: m,
          folder: new URL(m.folder, manifestUrl).href,
          shards: shards,
          stemmer: window.snowballFactory.newStemmer(m.language === 'en' ? 'english' : 'swedish'),
        };
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  /** The query's words: lowercased, stemmed, the last one a prefix while it is typed. */
  function parse(query, ix) {
    var q = query.normalize('NFC');
    var words = q.match(WORD) || [];
    var typing = ENDS_IN_WORD.test(q);
    var seen = new Set();
    var groups = [];
    words.forEach(function (w, i) {
      var word = w.toLowerCase();
      var length = Array.from(word).length;
      var prefix = typing && i === words.length - 1 && length >= PREFIX_MIN;
      var stem = ix.stemmer.stem(word);
      var key = (prefix ? 'p:' : 'w:') + (prefix ? word : stem);
      if (seen.has(key)) return;
      seen.add(key);
      groups.push({ word: word, stem: stem, prefix: prefix });
    });
    return groups;
  }

  /** The shard that holds `key` or every word starting with it: null when no word does. */
  function locate(ix, key) {
    var chars = Array.from(key);
    var at = '';
    var shard = ix.shards.get('');
    for (var i = 0; shard.split && i < chars.length; i++) {
      var next = at + chars[i];
      var child = ix.shards.get(next);
      if (!child) return null;
      at = next;
      shard = child;
    }
    return shard;
  }

  /** The dictionary entries a group of the query takes in, and whether some were left out. */
  async function entriesFor(ix, group) {
    var found = new Map();
    var partial = false;
    var keys = group.prefix ? [group.stem, group.word] : [group.stem];
    for (var k = 0; k < keys.length; k++) {
      var key = keys[k];
      if (k > 0 && key === keys[0]) continue;
      var at = locate(ix, key);
      if (!at) continue;
      var shard = await load(ix.folder + 't/' + at.n + '.json');
      var list = shard.terms;
      if (!group.prefix) {
        list.forEach(function (e) { if (e[0] === key) found.set(e[0], { e: e, exact: true }); });
        continue;
      }
      if (at.split) {
        list = list.concat(shard.top);
        if (shard.count > list.length) partial = true;
      }
      list.forEach(function (e) {
        if (!found.has(e[0]) && e[0].startsWith(key)) found.set(e[0], { e: e, exact: e[0] === group.stem });
      });
    }
    var all = Array.from(found.values()).sort(function (a, b) {
      return (b.exact - a.exact) || (b.e[1] - a.e[1]) || (a.e[0] < b.e[0] ? -1 : a.e[0] > b.e[0] ? 1 : 0);
    });
    if (!group.prefix) return { entries: all, partial: false };
    var chosen = [];
    var bytes = 0;
    var packs = new Set();
    all.forEach(function (c) {
      var cost = 0;
      if (typeof c.e[2] !== 'string') cost = c.e[4] + (packs.has(c.e[2]) ? 0 : PACK_BYTES);
      if (!c.exact && (chosen.length >= PREFIX_TERMS || bytes + cost > PREFIX_BYTES)) {
        partial = true;
        return;
      }
      if (typeof c.e[2] !== 'string') packs.add(c.e[2]);
      bytes += cost;
      chosen.push(c);
    });
    return { entries: chosen, partial: partial };
  }

  function fromBase64(s) {
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /** A dictionary entry's postings (inline, or a slice of a pack). */
  async function postings(ix, e) {
    if (typeof e[2] === 'string') return fromBase64(e[2]);
    var pack = await load(ix.folder + 'p/' + e[2] + '.bin', true);
    return pack.subarray(e[3], e[3] + e[4]);
  }

  /**
   * Raises `scores[d]` to the weight of the best field each document `d` of
   * the postings has the word in; a word found only as a longer word's
   * start weighs a little less than the word itself.
   */
  function apply(bytes, scores, exact, weights) {
    var i = 0;
    function read() {
      var value = 0;
      var scale = 1;
      var b;
      do {
        b = bytes[i++];
        value += (b & 0x7f) * scale;
        scale *= 128;
      } while (b & 0x80);
      return value;
    }
    function raise(d, w) { if (scores[d] < w) scores[d] = w; }
    while (i < bytes.length) {
      var header = bytes[i++];
      var length = read();
      var end = i + length;
      var w = weights[header >> 2] * 2 - (exact ? 0 : 1);
      var encoding = header & 3;
      var n, k, d;
      if (encoding === 0) {
        n = read();
        d = 0;
        for (k = 0; k < n; k++) {
          d = k === 0 ? read() : d + read();
          raise(d, w);
        }
      } else if (encoding === 1) {
        for (var j = i; j < end; j++) {
          var b = bytes[j];
          if (b === 0) continue;
          for (var bit = 0; bit < 8; bit++) if (b & (1 << bit)) raise(((j - i) << 3) | bit, w);
        }
      } else {
        n = read();
        var runEnd = 0;
        for (k = 0; k < n; k++) {
          var start = runEnd + read();
          runEnd = start + read();
          for (d = start; d < runEnd; d++) raise(d, w);
        }
      }
      i = end;
    }
  }

  /** The ids of the documents with every group, best first, then in index order (newest first). */
  async function rank(ix, groups) {
    var count = ix.m.documents;
    var total = null;
    var partial = [];
    for (var g = 0; g < groups.length; g++) {
      var got = await entriesFor(ix, groups[g]);
      if (got.partial) partial.push(groups[g].word);
      var scores = new Uint8Array(count);
      var bytes = await Promise.all(got.entries.map(function (c) { return postings(ix, c.e); }));
      bytes.forEach(function (b, n) { apply(b, scores, got.entries[n].exact, ix.m.weights); });
      if (!total) {
        total = new Uint16Array(scores);
      } else {
        for (var d = 0; d < count; d++) total[d] = scores[d] && total[d] ? total[d] + scores[d] : 0;
      }
    }
    var max = 0;
    var found = 0;
    for (var i = 0; i < count; i++) {
      if (total[i]) {
        found++;
        if (total[i] > max) max = total[i];
      }
    }
    // Bucket by score, best first; ids stay ascending within a score.
    var starts = new Uint32Array(max + 2);
    for (i = 0; i < count; i++) if (total[i]) starts[max - total[i] + 1]++;
    for (i = 1; i < starts.length; i++) starts[i] += starts[i - 1];
    var ids = new Uint32Array(found);
    for (i = 0; i < count; i++) if (total[i]) ids[starts[max - total[i]]++] = i;
    return { ids: ids, partial: partial };
  }

  function pageLink(path) {
    return root + (path === '' || path.endsWith('/') ? path + 'index.html' : path);
  }

  /** Results `from` to `to` of `ids` as list items, and the first item's link; null when a newer search began meanwhile. */
  async function items(ix, ids, from, to, current) {
    var per = ix.m.documents_per_shard;
    var slice = Array.from(ids.subarray(from, to));
    var need = Array.from(new Set(slice.map(function (d) { return Math.floor(d / per); })));
    var shards = await Promise.all(need.map(function (n) { return load(ix.folder + 'd/' + n + '.json'); }));
    if (current !== searches) return null;
    var byNumber = new Map();
    need.forEach(function (n, k) { byNumber.set(n, shards[k]); });
    var first = null;
    var list = document.createDocumentFragment();
    slice.forEach(function (d) {
      var doc = byNumber.get(Math.floor(d / per))[d % per];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = pageLink(doc[0]);
      a.textContent = doc[1];
      li.appendChild(a);
      var meta = document.createElement('span');
      meta.className = 'search-meta';
      meta.appendChild(document.createTextNode(ix.m.kinds[doc[2]] + ' · ' + ix.m.services[doc[3]] + ' · '));
      var time = document.createElement('time');
      time.dateTime = doc[5];
      time.textContent = doc[4];
      meta.appendChild(time);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(meta);
      list.appendChild(li);
      if (!first) first = a;
    });
    return { list: list, first: first };
  }

  var searches = 0;
  var announceTimer = 0;
  var shown = { ids: new Uint32Array(0), count: 0, partial: [] };

  function summary() {
    var n = shown.ids.length;
    if (n === 0) return text('none');
    var s = n === 1 ? text('count-one') : text('count', { n: numbers.format(n) });
    if (shown.count < n) s += ' ' + text('shown', { shown: numbers.format(shown.count), n: numbers.format(n) });
    shown.partial.forEach(function (p) { s += ' ' + text('partial', { prefix: p }); });
    return s;
  }

  function announce(now) {
    clearTimeout(announceTimer);
    var say = function () { status.textContent = summary(); };
    if (now) say();
    else announceTimer = setTimeout(say, ANNOUNCE_MS);
  }

  function failed(err) {
    clearTimeout(announceTimer);
    status.textContent = text('failed');
    if (fallback) fallback.hidden = false;
    if (window.console) console.error('search: ' + (err && err.message ? err.message : err));
  }

  async function search(query) {
    var current = ++searches;
    try {
      var ix = await open();
      if (current !== searches) return;
      var groups = parse(query, ix);
      if (groups.length === 0) {
        results.textContent = '';
        more.hidden = true;
        clearTimeout(announceTimer);
        status.textContent = '';
        shown = { ids: new Uint32Array(0), count: 0, partial: [] };
        return;
      }
      var ranked = await rank(ix, groups);
      if (current !== searches) return;
      var ids = ranked.ids;
      var end = Math.min(PAGE, ids.length);
      var made = await items(ix, ids, 0, end, current);
      if (!made) return;
      results.replaceChildren(made.list);
      shown = { ids: ids, count: end, partial: ranked.partial };
      more.hidden = end >= ids.length;
      announce(false);
    } catch (err) {
      if (current === searches) failed(err);
    }
  }

  function remember(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url.href);
  }

  input.addEventListener('input', function () {
    remember(input.value);
    search(input.value);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    remember(input.value);
    search(input.value).then(function () { announce(true); });
  });
  more.addEventListener('click', async function () {
    var current = searches;
    try {
      var ix = await open();
      var end = Math.min(shown.count + PAGE, shown.ids.length);
      var made = await items(ix, shown.ids, shown.count, end, current);
      if (!made) return;
      results.appendChild(made.list);
      shown.count = end;
      more.hidden = end >= shown.ids.length;
      announce(true);
      if (made.first) made.first.focus();
    } catch (err) {
      failed(err);
    }
  });

  if (fallback) fallback.hidden = true;
  var asked = new URL(window.location.href).searchParams.get('q');
  if (asked) {
    input.value = asked;
    search(asked).then(function () { announce(true); });
  } else {
    open().catch(failed);
  }
})();
