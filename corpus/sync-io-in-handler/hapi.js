'use strict';

const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const util = require('node:util');
const { execSync } = require('node:child_process');
const accounts = require('./lib/accounts');

const pbkdf2 = util.promisify(crypto.pbkdf2);
const INVOICE_DIR = path.join(__dirname, 'storage', 'invoices');

const server = Hapi.server({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });
const signingKey = fs.readFileSync(path.join(__dirname, 'keys', 'signing.pem'), 'utf8'); // ok: sync-io-in-handler

function getInvoice(request, h) {
  const file = path.join(INVOICE_DIR, `${path.basename(request.params.id)}.pdf`);
  const pdf = fs.readFileSync(file); // expect: sync-io-in-handler
  return h.response(pdf).type('application/pdf');
}

function verifyPassword(password, record) {
  const derived = crypto.pbkdf2Sync(password, record.salt, 310000, 32, 'sha256'); // expect: sync-io-in-handler
  return crypto.timingSafeEqual(derived, Buffer.from(record.hash, 'hex'));
}

server.route([
  { method: 'GET', path: '/invoices/{id}', handler: getInvoice },
  {
    method: 'POST',
    path: '/login',
    handler: async (request, h) => {
      const record = await accounts.byEmail(request.payload.email);
      if (!record || !verifyPassword(request.payload.password, record)) {
        throw Boom.unauthorized();
      }
      const signature = crypto.sign('sha256', Buffer.from(record.id), signingKey).toString('base64');
      return h.response({ token: `${record.id}.${signature}` });
    },
  },
  {
    method: 'GET',
    path: '/status',
    handler: () => {
      const branch = execSync('git branch --show-current').toString().trim(); // expect: sync-io-in-handler
      return { status: 'up', branch };
    },
  },
]);

server.route({
  method: 'POST',
  path: '/api-keys',
  handler: async (request, h) => {
    const salt = crypto.randomUUID();
    const derived = await pbkdf2(request.payload.secret, salt, 310000, 32, 'sha256'); // ok: sync-io-in-handler
    return h.response({ salt, hash: derived.toString('hex') }).code(201);
  },
});

async function start() {
  await server.start();
  console.log(`hapi listening on ${server.info.uri}`);
}

start();
