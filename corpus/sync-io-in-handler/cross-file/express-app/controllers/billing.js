'use strict';

const fs = require('fs');
const path = require('path');

const invoicePdf = require('../lib/invoice-pdf');

const LEDGER = path.join(__dirname, '..', 'var', 'ledger.jsonl');

// Module top level: the fonts are listed once, while the module loads.
invoicePdf.preload();

// Registered by routes/admin.js: what it calls in lib/invoice-pdf.js is handler code too.
exports.invoicePdf = (req, res) => {
  res.type('pdf').send(invoicePdf.render({ id: req.params.id }));
};

// Subscribed in app.js with `bus.on('invoice.paid', billing.onInvoicePaid)`: an event listener, not a
// route or middleware.
exports.onInvoicePaid = function onInvoicePaid(invoice) {
  fs.appendFileSync(LEDGER, `${JSON.stringify({ id: invoice.id, paidAt: Date.now() })}\n`); // expect: read-file-sync ok: sync-io-in-handler
};
