'use strict';

const fs = require('fs');
const path = require('path');

// Called from a request handler in server.js: the template is read again on every request.
function render(name, params) {
  const template = fs.readFileSync(path.join(__dirname, '..', 'views', `${name}.html`), 'utf8'); // expect: read-file-sync
  return template.replace(/{{(\w+)}}/g, (_, key) => String(params[key] ?? ''));
}

module.exports = { render };
