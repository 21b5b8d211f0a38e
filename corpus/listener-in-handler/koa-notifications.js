// Koa + koa-router: live notifications from Redis pub/sub.
const Koa = require('koa');
const Router = require('@koa/router');
const { PassThrough } = require('node:stream');
const Redis = require('ioredis');

const subscriber = new Redis(process.env.REDIS_URL);
const app = new Koa();
const router = new Router();
let fanOutInstalled = false;

app.on('error', (err, ctx) => console.error('request failed', ctx && ctx.path, err)); // ok: listener-in-handler

function sse(ctx) {
  ctx.request.socket.setTimeout(0);
  ctx.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const stream = new PassThrough();
  ctx.body = stream;
  return stream;
}

// Leaks: each open page adds a `message` listener to the shared subscriber connection.
router.get('/users/:id/notifications', async (ctx) => {
  const stream = sse(ctx);
  const channel = `user:${ctx.params.id}`;
  await subscriber.subscribe(channel);
  subscriber.on('message', (from, message) => { // expect: listener-in-handler
    if (from === channel) stream.write(`data: ${message}\n\n`);
  });
});

// Fixed: unsubscribe and remove the listener when the client disconnects.
router.get('/teams/:id/notifications', async (ctx) => {
  const stream = sse(ctx);
  const channel = `team:${ctx.params.id}`;
  const onMessage = (from, message) => {
    if (from === channel) stream.write(`data: ${message}\n\n`);
  };
  await subscriber.subscribe(channel);
  subscriber.on('message', onMessage); // ok: listener-in-handler
  ctx.req.on('close', () => { // ok: listener-in-handler
    subscriber.removeListener('message', onMessage);
    subscriber.unsubscribe(channel).catch(() => {});
  });
});

// Installed lazily, but only once: the flag is set before the listener is added.
router.get('/broadcast/subscribe', async (ctx) => {
  if (!fanOutInstalled) {
    fanOutInstalled = true;
    subscriber.on('pmessage', (pattern, channel, message) => console.log(channel, message)); // ok: listener-in-handler
  }
  ctx.status = 204;
});

// Timing middleware: `res` is this request's own object and dies with it.
app.use(async (ctx, next) => {
  const started = process.hrtime.bigint();
  ctx.res.on('finish', () => { // ok: listener-in-handler
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log('%s %s %d %dms', ctx.method, ctx.path, ctx.status, ms.toFixed(1));
  });
  await next();
});

// Error reporting wired per request: the app is the same object for every request.
app.use(async (ctx, next) => {
  ctx.app.on('error', (err) => { // expect: listener-in-handler
    console.error('error after %s %s', ctx.method, ctx.path, err);
  });
  await next();
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
