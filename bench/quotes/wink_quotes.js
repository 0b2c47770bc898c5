// wink_quotes.js — the speed peer for `lede quotes`: wink-nlp's tokenizer
// (with the wink-eng-lite-web-model) over every .txt file of a directory,
// pairing its quote-mark tokens into spans (no attribution).
//
//   NODE_PATH=/tmp/wink/node_modules node bench/quotes/wink_quotes.js DIR
//
// Prints the number of files, tokens and quote spans and the time taken
// (reading included, model loading excluded and reported apart).
'use strict';
const fs = require('fs');
const path = require('path');

const t0 = process.hrtime.bigint();
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const nlp = winkNLP(model);
const its = nlp.its;
const t1 = process.hrtime.bigint();

const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const OPEN = new Set(['“', '‘', '«', '„']);
const CLOSE = new Set(['”', '’', '»']);
const STRAIGHT = new Set(['"', "''", "'"]);
let ntokens = 0;
let nspans = 0;
for (const f of files) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  const doc = nlp.readDoc(text);
  const toks = doc.tokens().out();
  const types = doc.tokens().out(its.type);
  ntokens += toks.length;
  // pair marks: curly marks by direction, straight ones alternate per glyph
  const stack = [];
  const straightOpen = new Map();
  for (let i = 0; i < toks.length; i++) {
    if (types[i] !== 'punctuation' && types[i] !== 'quoted_phrase') continue;
    const t = toks[i];
    if (OPEN.has(t)) stack.push(i);
    else if (CLOSE.has(t)) { if (stack.length) { stack.pop(); nspans++; } }
    else if (STRAIGHT.has(t)) {
      if (straightOpen.has(t)) { straightOpen.delete(t); nspans++; } else straightOpen.set(t, i);
    }
  }
}
const t2 = process.hrtime.bigint();
console.log(`wink-nlp: ${files.length} files, ${ntokens} tokens, ${nspans} quote spans; ` +
  `model load ${Number(t1 - t0) / 1e6} ms, tokenize+pair ${Number(t2 - t1) / 1e6} ms`);
