// Stems words with the search page's stemmer (themes/default/static/
// snowball-stemmers.js), for tests/search_stemmer.rs, which compares the
// stems with those of the index (the rust-stemmers crate).
//
// Usage: node stem-words.cjs swedish|english < words (one a line) > stems (one a line)
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const snowball = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'snowball-stemmers.js'));
const stemmer = snowball.newStemmer(process.argv[2]);
const words = fs.readFileSync(0, 'utf8').split('\n');
if (words[words.length - 1] === '') words.pop();
process.stdout.write(words.map((w) => `${stemmer.stem(w)}\n`).join(''));
