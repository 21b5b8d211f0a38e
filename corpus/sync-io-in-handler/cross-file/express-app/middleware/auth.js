'use strict';

const fs = require('fs');
const path = require('path');

const ADMINS_FILE = path.join(__dirname, '..', 'data', 'admins.txt');
const KEYS_FILE = path.join(__dirname, '..', 'data', 'api-keys.json');

// Registered in routes/admin.js inside an array of middleware: `[requireAdmin, ctrl.backup]`.
function requireAdmin(req, res, next) {
  const admins = fs.readFileSync(ADMINS_FILE, 'utf8').split('\n'); // expect: sync-io-in-handler
  if (!req.user || !admins.includes(req.user.email)) {
    return res.status(403).json({ error: 'admins only' });
  }
  return next();
}

module.exports = {
  requireAdmin,
  // `router.use(requireApiKey)` in routes/reports.js, destructured from this object.
  requireApiKey: function (req, res, next) {
    const keys = JSON.parse(fs.readFileSync(KEYS_FILE, 'utf8')); // expect: sync-io-in-handler
    if (!keys[req.get('x-api-key')]) {
      return res.status(401).json({ error: 'unknown API key' });
    }
    return next();
  },
};
