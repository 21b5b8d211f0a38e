'use strict';

const fs = require('fs');

// Only a test calls it, at its top level: tests are not the application's start-up.
function readFixture(name) {
  return fs.readFileSync(`fixtures/${name}.csv`, 'utf8'); // expect: read-file-sync
}

module.exports = { readFixture };
