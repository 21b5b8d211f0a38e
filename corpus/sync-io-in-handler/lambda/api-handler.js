'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

// Runs once per cold start, outside the invocation path.
const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')); // ok: sync-io-in-handler

function signPayload(payload) {
  const key = require('fs').readFileSync(config.privateKeyPath); // expect: sync-io-in-handler
  return crypto.sign('sha256', Buffer.from(payload), key).toString('base64');
}

async function spoolToTmp(requestId, body) {
  const file = path.join('/tmp', `${requestId}.json`);
  await fs.promises.writeFile(file, body); // ok: sync-io-in-handler
  return file;
}

exports.handler = async (event) => {
  const requestId = event.requestContext.requestId;
  const spooled = await spoolToTmp(requestId, event.body || '{}');

  const marker = path.join('/tmp', 'last-request.txt');
  fs.writeFileSync(marker, `${requestId} ${new Date().toISOString()}`); // expect: sync-io-in-handler

  const payload = JSON.stringify({ requestId, spooled, region: config.region });
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', 'X-Signature': signPayload(payload) },
    body: payload,
  };
};
