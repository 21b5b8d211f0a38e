'use strict';

const fs = require('fs');
const certificates = require('./certificates');

// Exported, and called only by server.js at start-up: what it calls runs at start-up too, in this file
// (prepareFolders) and in others (certificates.load, two files away from the entry point).
exports.start = function start(config) {
  prepareFolders(config.dataDir);
  return certificates.load(config.tlsDir);
};

function prepareFolders(dir) {
  for (const name of ['uploads', 'cache', 'logs']) {
    fs.mkdirSync(`${dir}/${name}`, { recursive: true }); // ok: read-file-sync
  }
}
