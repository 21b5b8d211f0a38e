'use strict';

const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const timing = require('./middleware/timing');
const compress = require('./middleware/compress.cjs');
const router = require('./routes');

const app = new Koa();

// `module.exports = timing` in middleware/timing.js: the module is the middleware.
app.use(timing);
app.use(compress);
app.use(bodyParser());
app.use(router.routes());
app.use(router.allowedMethods());

app.listen(Number(process.env.PORT) || 4000);
