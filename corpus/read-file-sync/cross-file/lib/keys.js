'use strict';

const fs = require('fs');

// server.js hands it to `setInterval`: it runs every minute, whoever the caller.
function rotate() {
  const current = fs.readFileSync('keys/current.pem', 'utf8'); // expect: read-file-sync
  fs.writeFileSync('keys/previous.pem', current); // a label of the finding above
}

module.exports = { rotate };
