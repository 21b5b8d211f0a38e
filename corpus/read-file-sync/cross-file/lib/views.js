'use strict';

const fs = require('fs');
const path = require('path');

// Called from a request handler in server.js: handler code, the template read again on every request.
function render(name, params) {
  const template = fs.readFileSync(path.join(__dirname, '..', 'views', `${name}.html`), 'utf8'); // expect: sync-io-in-handler ok: read-file-sync
  return template.replace(/{{(\w+)}}/g, (_, key) => String(params[key] ?? ''));
}

module.exports = { render };
