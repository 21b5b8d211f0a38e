'use strict';

const fs = require('fs');
const path = require('path');

const LOG_FILE = path.join(__dirname, '..', 'logs', 'access.log');

// Registered by app.js as `app.use(requestLog)` (the module is the function): runs on every request.
module.exports = function requestLog(req, res, next) {
  const started = Date.now();
  res.on('finish', () => {
    const line = `${new Date().toISOString()} ${req.method} ${req.originalUrl} ${res.statusCode} ${Date.now() - started}ms\n`;
    fs.appendFileSync(LOG_FILE, line); // expect: sync-io-in-handler
  });
  next();
};
