'use strict';

const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const DATA_DIR = path.join(__dirname, '..', 'data');
const AUDIT_DIR = path.join(DATA_DIR, 'audit');
const KEYS_DIR = path.join(DATA_DIR, 'keys');

// Module top level: read once when routes/admin.js first requires this file.
const dashboardTemplate = fs.readFileSync(path.join(__dirname, '..', 'views', 'dashboard.html'), 'utf8'); // ok: sync-io-in-handler

// `router.get('/', ctrl.index)`: the controller object's property, registered in another file.
exports.index = (req, res) => {
  const stats = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'stats.json'), 'utf8')); // expect: sync-io-in-handler
  res.type('html').send(dashboardTemplate.replace('{{users}}', String(stats.users)));
};

// Called by `auditLog`, a handler: handler code too, although no route names it.
function readAuditFile(day) {
  const file = path.join(AUDIT_DIR, `${path.basename(day)}.log`);
  return fs.readFileSync(file, 'utf8'); // expect: sync-io-in-handler
}

// `router.get('/audit/:day', asyncHandler(ctrl.auditLog))`: wrapped, still the handler.
exports.auditLog = async (req, res) => {
  const lines = readAuditFile(req.params.day).split('\n').filter(Boolean);
  res.json({ day: req.params.day, entries: lines.length, lines });
};

// `router.post('/backup', [requireAdmin, ctrl.backup])`: in an array of middleware.
exports.backup = function backup(req, res) {
  const out = execSync(`pg_dump --format=custom --file=${path.join(DATA_DIR, 'backup.dump')}`, { encoding: 'utf8' }); // expect: sync-io-in-handler
  res.status(201).json({ dumped: true, log: out });
};

// Only `rotateKeys` calls it, and nothing registers `rotateKeys`.
function archiveOldKeys() {
  fs.renameSync(path.join(KEYS_DIR, 'current.pem'), path.join(KEYS_DIR, `${Date.now()}.pem`)); // expect: read-file-sync ok: sync-io-in-handler
}

// Exported for the key-rotation job, never registered as a route: not handler code.
exports.rotateKeys = function rotateKeys(pem) {
  archiveOldKeys();
  fs.writeFileSync(path.join(KEYS_DIR, 'current.pem'), pem); // expect: read-file-sync ok: sync-io-in-handler
};
