'use strict';

const fs = require('fs');
const path = require('path');

const CONFIG_DIR = path.join(__dirname, 'config');

// Exported for app.js, which calls it once at module top level. A start-up read in another file's
// start-up code: never handler code (nobody registers it as a route or middleware), and read-file-sync
// cannot see from here that its only caller runs once.
module.exports = function loadConfig(env) {
  const raw = fs.readFileSync(path.join(CONFIG_DIR, `${env}.json`), 'utf8'); // expect: read-file-sync ok: sync-io-in-handler
  const parsed = JSON.parse(raw);
  return { port: Number(process.env.PORT) || parsed.port || 3000, trustProxy: Boolean(parsed.trustProxy) };
};
