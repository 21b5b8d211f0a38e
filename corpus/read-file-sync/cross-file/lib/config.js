'use strict';

const fs = require('fs');
const path = require('path');

// Called only by server.js at module top level: start-up code of another file.
function loadConfig(env) {
  const defaults = readJson(path.join(__dirname, '..', 'config', 'default.json'));
  const file = path.join(__dirname, '..', 'config', `${env}.json`);
  if (!fs.existsSync(file)) { // ok: read-file-sync
    return defaults;
  }
  return { ...defaults, ...readJson(file) };
}

// Called only by loadConfig: start-up code too.
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8')); // ok: read-file-sync
}

module.exports = { loadConfig };
