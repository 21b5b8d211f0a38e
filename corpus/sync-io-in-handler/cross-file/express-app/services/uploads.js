'use strict';

const path = require('path');
const { execSync } = require('child_process');

const TMP_DIR = path.join(__dirname, '..', 'tmp', 'uploads');

// `setInterval(uploads.sweepTmp, 60 * 1000)` in app.js: a timer, once a minute, whatever the traffic.
exports.sweepTmp = function sweepTmp() {
  execSync(`find ${TMP_DIR} -type f -mmin +60 -delete`); // ok: sync-io-in-handler
};
