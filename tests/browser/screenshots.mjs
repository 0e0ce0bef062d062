#!/usr/bin/env node
// Full-page screenshots of a built insyn site, for the README.
//
// Usage: node screenshots.mjs <site-dir> <out-dir> <name>=<page> [<name>=<page> ...]
//
// For every <name>=<page> (page: a path inside the site, e.g.
// perioder/2023-jan-maj/index.html) this writes <out-dir>/<name>-desktop.png
// at 1280 CSS px and <out-dir>/<name>-phone.png at 375 CSS px, the whole
// height of the page up to MAX_HEIGHT (a longer page is cut there, which keeps
// each PNG under about 400 KB), in the light colour scheme, opened from disk
// (file://: the site's links name index.html, so it works without a server).
// Run through scripts/screenshots.sh, which builds the example site first.
//
// Environment: CHROMIUM (default /usr/bin/chromium).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WIDTHS = [
  { suffix: 'desktop', width: 1280, height: 800 },
  { suffix: 'phone', width: 375, height: 812 },
];
const MAX_HEIGHT = 7500;

const [siteDir, outDir, ...specs] = process.argv.slice(2);
if (!siteDir || !outDir || specs.length === 0 || specs.some((s) => !/^[a-z0-9-]+=.+/.test(s))) {
  console.error('usage: node screenshots.mjs <site-dir> <out-dir> <name>=<page> [<name>=<page> ...]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  chromiumSandbox: false,
  args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--hide-scrollbars'],
});
let failed = false;
try {
  for (const spec of specs) {
    const [name, page] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
    const file = path.resolve(siteDir, page);
    if (!fs.existsSync(file)) {
      console.error(`screenshots: ${page} is not in ${siteDir}`);
      failed = true;
      continue;
    }
    for (const w of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width: w.width, height: w.height },
        deviceScaleFactor: 1,
        colorScheme: 'light',
        reducedMotion: 'reduce',
        locale: 'sv-SE',
        timezoneId: 'Europe/Stockholm',
      });
      const tab = await context.newPage();
      // Nothing may come from elsewhere: the report loads only its own files.
      await tab.route(/^(?!file:|data:)/, (route) => route.abort());
      await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await tab.evaluate(() => document.fonts.ready.then(() => true));
      const out = path.join(outDir, `${name}-${w.suffix}.png`);
      const height = await tab.evaluate(() => document.documentElement.scrollHeight);
      const shot = Math.min(height, MAX_HEIGHT);
      await tab.screenshot({
        path: out, fullPage: true, animations: 'disabled', caret: 'hide',
        clip: { x: 0, y: 0, width: w.width, height: shot },
      });
      console.log(`${out} (${w.width} × ${shot} px${shot < height ? ` of ${height}` : ''})`);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
