'use strict';

const { readFileSync } = require('node:fs');
const path = require('node:path');

// Called only from boot.start, which only start-up code calls.
function load(dir) {
  return {
    key: readFileSync(path.join(dir, 'server.key')), // ok: read-file-sync
    cert: readFileSync(path.join(dir, 'server.crt')), // ok: read-file-sync
  };
}

module.exports.load = load;
