'use strict';

// A circular import: cycle-b requires this module back. Top-level code of either runs once, whichever
// loads first.
const b = require('./cycle-b');

b.warmUp();

exports.describe = function describe() {
  return b.name;
};
