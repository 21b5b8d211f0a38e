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

// A read-through cache held in a local: each template is read once per process, keyed by template
// names callers in other files pass.
const templates = new Map(); // ok: unbounded-module-cache -- keys from callers snag cannot see
function renderPartial(name, data) {
  let source = templates.get(name);
  if (source) return source.replace('{{data}}', data);
  source = fs.readFileSync(path.join('partials', `${name}.html`), 'utf8'); // ok: read-file-sync -- read once per name, then kept
  templates.set(name, source);
  return source.replace('{{data}}', data);
}

module.exports.renderPartial = renderPartial;

// A cache's fallback: the file is read when the cache misses, and the result kept.
const compiled = new Map(); // ok: unbounded-module-cache -- keys from callers snag cannot see
function renderPage(name, enabled) {
  const page = (enabled && compiled.get(name)) || fs.readFileSync(path.join('pages', `${name}.html`), 'utf8'); // ok: read-file-sync -- read once per name, then kept
  if (enabled) compiled.set(name, page);
  return page;
}

module.exports.renderPage = renderPage;
