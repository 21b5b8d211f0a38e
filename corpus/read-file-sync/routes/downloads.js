'use strict';

const express = require('express');
const fs = require('fs');
const path = require('path');

const router = express.Router();
const DOWNLOAD_DIR = path.join(__dirname, '..', 'downloads');

// Built once at start-up from the files shipped with the release.
const catalog = JSON.parse(fs.readFileSync(path.join(DOWNLOAD_DIR, 'catalog.json'), 'utf8')); // ok: read-file-sync

function checksumFor(name) {
  const sums = fs.readFileSync(path.join(DOWNLOAD_DIR, 'SHA256SUMS'), 'utf8'); // expect: sync-io-in-handler
  const entry = sums.split('\n').map((l) => l.split('  ')).filter(([, file]) => file === name)[0];
  return entry ? entry[0] : null;
}

router.get('/downloads', (req, res) => {
  res.json(catalog.map((entry) => ({ ...entry, sha256: checksumFor(entry.file) })));
});

router.get('/downloads/:file', (req, res) => {
  const file = path.join(DOWNLOAD_DIR, path.basename(req.params.file));
  const stats = fs.statSync(file); // expect: sync-io-in-handler
  res.set('Content-Length', String(stats.size));
  fs.createReadStream(file).pipe(res);
});

// Used by the release script through module.exports, never by a route.
function writeCatalog(entries) {
  fs.writeFileSync(path.join(DOWNLOAD_DIR, 'catalog.json'), JSON.stringify(entries, null, 2)); // expect: read-file-sync
  return entries.length;
}

function readReleaseNotes(version) {
  return fs.readFileSync(path.join(DOWNLOAD_DIR, 'notes', `${version}.md`), 'utf8'); // expect: read-file-sync
}

module.exports = { router, writeCatalog, readReleaseNotes };
