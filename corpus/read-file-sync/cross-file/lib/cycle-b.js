'use strict';

const fs = require('fs');
const a = require('./cycle-a');

exports.name = 'cycle';

// Called only at cycle-a's module top level.
exports.warmUp = function warmUp() {
  fs.readFileSync('cache/warm.json'); // ok: read-file-sync
};

// Each export calls the other, and nothing else calls either: no start-up code reaches them.
exports.pingB = function pingB(n) {
  fs.statSync(`cache/${n}`); // expect: read-file-sync
  return n > 0 ? exports.pongB(n - 1) : a.describe();
};

exports.pongB = function pongB(n) {
  return exports.pingB(n);
};
