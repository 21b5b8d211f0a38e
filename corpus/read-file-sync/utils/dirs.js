'use strict';
const fs = require('fs');
const path = require('path');

// Asked per upload: the `stat` blocks for microseconds (info); the directory is made the first time only.
function ensureUploadDir(root, tenant) {
  const dir = path.join(root, tenant);
  if (!fs.existsSync(dir)) { // expect: read-file-sync
    fs.mkdirSync(dir, { recursive: true }); // ok: read-file-sync -- creates the path its if found missing: once
  }
  return dir;
}

// Writes on every call, whatever the check: reported.
function saveManifest(dir, manifest) {
  if (fs.existsSync(dir)) { // expect: read-file-sync
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest)); // ok: read-file-sync -- a label of line 16
  }
}

module.exports = { ensureUploadDir, saveManifest };
