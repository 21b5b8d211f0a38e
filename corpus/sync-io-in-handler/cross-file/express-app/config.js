'use strict';

const fs = require('fs');
const path = require('path');

const CONFIG_DIR = path.join(__dirname, 'config');

// Exported for app.js, which calls it once at module top level: start-up code of another file. Never
// handler code (nobody registers it as a route or middleware), and read-file-sync learns from the
// project graph that its only caller runs once.
module.exports = function loadConfig(env) {
  const raw = fs.readFileSync(path.join(CONFIG_DIR, `${env}.json`), 'utf8'); // ok: read-file-sync, sync-io-in-handler
  const parsed = JSON.parse(raw);
  return { port: Number(process.env.PORT) || parsed.port || 3000, trustProxy: Boolean(parsed.trustProxy) };
};
