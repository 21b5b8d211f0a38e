'use strict';

const fs = require('fs');
const path = require('path');

const FILE_DIR = path.join(__dirname, '..', 'storage');

module.exports = {
  // `options: { auth: 'session', handler: download }` in server.js, destructured from this object.
  download: function (request, h) {
    const file = path.join(FILE_DIR, path.basename(request.params.name));
    return h.response(fs.readFileSync(file)).type('application/octet-stream'); // expect: sync-io-in-handler
  },
};
