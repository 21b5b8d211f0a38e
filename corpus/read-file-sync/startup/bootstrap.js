'use strict';

const path = require('path');
const { readFileSync: readText, existsSync } = require('node:fs');

const ROOT = path.resolve(__dirname, '..', '..');

// Certificates and version information are resolved once, while the process starts.
const tls = (() => {
  const certDir = process.env.TLS_DIR || path.join(ROOT, 'certs');
  return {
    key: readText(path.join(certDir, 'server.key')), // ok: read-file-sync
    cert: readText(path.join(certDir, 'server.crt')), // ok: read-file-sync
  };
})();

const version = require('fs').readFileSync(path.join(ROOT, 'VERSION'), 'utf8').trim(); // ok: read-file-sync

function parseDotenv(text) {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

function loadDotenv(file) {
  if (!existsSync(file)) { // ok: read-file-sync
    return {};
  }
  return parseDotenv(readText(file, 'utf8')); // ok: read-file-sync
}

const env = { ...loadDotenv(path.join(ROOT, '.env')), ...process.env };

function readMaintenanceNotice() {
  const file = path.join(ROOT, 'MAINTENANCE');
  try {
    return readText(file, 'utf8').trim(); // expect: read-file-sync
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
}

module.exports = {
  tls,
  version,
  env,
  readMaintenanceNotice,
};
