'use strict';

const fs = require('fs');

// Called at start-up by server.js, and from a request handler there too: not only at start-up.
exports.load = function load(name) {
  return fs.readFileSync(`templates/${name}.html`, 'utf8'); // expect: read-file-sync
};
