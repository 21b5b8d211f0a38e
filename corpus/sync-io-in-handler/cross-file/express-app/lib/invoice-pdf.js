'use strict';

const fs = require('fs');
const path = require('path');

const FONT_DIR = path.join(__dirname, '..', 'fonts');

// Called by `controllers/billing.js`'s `invoicePdf`, which routes/admin.js registers: handler code two
// files away from the route, reported with a label at the call.
exports.render = function render(invoice) {
  const font = fs.readFileSync(path.join(FONT_DIR, 'invoice.ttf')); // expect: sync-io-in-handler
  return Buffer.concat([font, Buffer.from(JSON.stringify(invoice))]);
};

// Called only by `warmFonts`, which nothing registers and only the billing module's start-up calls.
exports.preload = function preload() {
  return fs.readdirSync(FONT_DIR); // ok: sync-io-in-handler, read-file-sync
};
