'use strict';

const zlib = require('zlib');

// Required with its `.cjs` extension by server.js and registered with `app.use(compress)`: every
// response body goes through it.
module.exports = async function compress(ctx, next) {
  await next();
  if (typeof ctx.body === 'string' && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
    ctx.body = zlib.gzipSync(ctx.body); // expect: sync-io-in-handler
    ctx.set('Content-Encoding', 'gzip');
  }
};
