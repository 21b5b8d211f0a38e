'use strict';

const fs = require('fs');
const path = require('path');

const SLOW_LOG = path.join(__dirname, '..', 'logs', 'slow-requests.log');

async function timing(ctx, next) {
  const started = process.hrtime.bigint();
  await next();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  ctx.set('Server-Timing', `app;dur=${ms.toFixed(1)}`);
  if (ms > 500) {
    fs.appendFileSync(SLOW_LOG, `${ctx.method} ${ctx.path} ${ms.toFixed(0)}ms\n`); // expect: sync-io-in-handler
  }
}

module.exports = timing;
