'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const db = require('../db');

const TEMPLATE_DIR = path.join(__dirname, '..', 'templates');
const templates = new Map();

// `{ method: 'GET', path: '/reports/{id}', handler: reports.show }` in server.js.
module.exports.show = async (request, h) => {
  const rows = await db.reportRows(request.params.id);
  const json = JSON.stringify({ id: request.params.id, rows });
  return h.response(zlib.gzipSync(json)).header('Content-Encoding', 'gzip').type('application/json'); // expect: sync-io-in-handler
};

// `server.ext('onPreStart', reports.warmTemplates)`: once per start, not per request.
module.exports.warmTemplates = () => {
  for (const name of ['summary', 'detail']) {
    templates.set(name, fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), 'utf8')); // expect: read-file-sync ok: sync-io-in-handler
  }
};

module.exports.templates = templates;
