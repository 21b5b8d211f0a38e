'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const fse = require('fs-extra');
const path = require('path');
const zlib = require('zlib');

const app = new Koa();
const router = new Router({ prefix: '/api' });
const DATA_DIR = path.join(__dirname, 'data', 'tenants');
const ACCESS_LOG = path.join(__dirname, 'logs', 'access.log');

fse.mkdirSync(path.dirname(ACCESS_LOG), { recursive: true }); // ok: sync-io-in-handler

function tenantFile(tenant) {
  return path.join(DATA_DIR, `${path.basename(tenant)}.json`);
}

app.use(async (ctx, next) => {
  const started = Date.now();
  await next();
  const line = `${new Date().toISOString()} ${ctx.method} ${ctx.url} ${ctx.status} ${Date.now() - started}ms\n`;
  fse.appendFileSync(ACCESS_LOG, line); // expect: sync-io-in-handler
});

app.use(bodyParser());

router.get('/settings/:tenant', async (ctx) => {
  const file = tenantFile(ctx.params.tenant);
  if (!fse.existsSync(file)) { // expect: sync-io-in-handler
    ctx.throw(404, 'unknown tenant');
  }
  ctx.body = await fse.readJson(file); // ok: sync-io-in-handler
});

router.put('/settings/:tenant', async (ctx) => {
  const file = tenantFile(ctx.params.tenant);
  const settings = { ...ctx.request.body, updatedAt: new Date().toISOString() };
  fse.writeFileSync(file, JSON.stringify(settings, null, 2)); // expect: sync-io-in-handler
  ctx.status = 204;
});

router.get('/settings/:tenant/export', async (ctx) => {
  const raw = await fse.readFile(tenantFile(ctx.params.tenant)); // ok: sync-io-in-handler
  ctx.set('Content-Encoding', 'br');
  ctx.type = 'application/json';
  ctx.body = zlib.brotliCompressSync(raw); // expect: sync-io-in-handler
});

app.use(router.routes());
app.use(router.allowedMethods());

module.exports = app;

if (require.main === module) {
  app.listen(Number(process.env.PORT) || 4000);
}
