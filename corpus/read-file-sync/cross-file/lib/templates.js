'use strict';

const fs = require('fs');

// Called at start-up by server.js, and from a request handler there too: handler code (the handler's
// call is the finding's label), so sync-io-in-handler's.
exports.load = function load(name) {
  return fs.readFileSync(`templates/${name}.html`, 'utf8'); // expect: sync-io-in-handler ok: read-file-sync
};
