'use strict';

const fs = require('fs');
const path = require('path');

// The v1 dashboard, kept for reference while the v2 one (controllers/admin.js) rolls out. Same export
// name, `index`, but no router requires this module: a name match is not a registration.
exports.index = (req, res) => {
  const stats = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', 'stats-v1.json'), 'utf8')); // expect: read-file-sync ok: sync-io-in-handler
  res.json(stats);
};
