'use strict';

const fs = require('fs');
const path = require('path');

const LEDGER = path.join(__dirname, '..', 'var', 'ledger.jsonl');

// Subscribed in app.js with `bus.on('invoice.paid', billing.onInvoicePaid)`: an event listener, not a
// route or middleware.
exports.onInvoicePaid = function onInvoicePaid(invoice) {
  fs.appendFileSync(LEDGER, `${JSON.stringify({ id: invoice.id, paidAt: Date.now() })}\n`); // expect: read-file-sync ok: sync-io-in-handler
};
