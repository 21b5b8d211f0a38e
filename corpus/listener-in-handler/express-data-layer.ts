// Express routes over shared clients: pg pool, knex, mongoose. All of them outlive requests.
import express, { type Request, type Response } from 'express';
import { Pool } from 'pg';
import knexFactory from 'knex';
import mongoose from 'mongoose';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const knex = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL });
const shutdown = new AbortController();
const router = express.Router();

function onShutdown() {
  console.log('shutting down');
}

pool.on('error', (err) => console.error('idle client error', err)); // ok: listener-in-handler

// Per-request query logging: adds a `query` listener to the shared knex instance on every request.
router.use((req: Request, res: Response, next) => {
  knex.on('query', (q) => console.debug('[%s] %s', req.path, q.sql)); // expect: listener-in-handler
  next();
});

// Fixed: the listener is removed when the response is finished.
router.use((req: Request, res: Response, next) => {
  const logQuery = (q: { sql: string }) => console.debug('[%s] %s', req.path, q.sql);
  knex.on('query', logQuery); // ok: listener-in-handler
  res.on('finish', () => knex.removeListener('query', logQuery)); // ok: listener-in-handler
  next();
});

router.get('/accounts/:id', async (req: Request, res: Response) => {
  pool.on('error', (err) => res.status(503).json({ error: err.message })); // expect: listener-in-handler
  const { rows } = await pool.query('select * from accounts where id = $1', [req.params.id]);
  res.json(rows[0] ?? null);
});

router.get('/health/mongo', (req: Request, res: Response) => {
  mongoose.connection.on('disconnected', () => console.warn('mongo gone during health check')); // expect: listener-in-handler
  res.json({ state: mongoose.connection.readyState });
});

// Ends long downloads when the server shuts down, but each download adds a listener to one signal.
router.get('/exports/:id/download', (req: Request, res: Response) => {
  shutdown.signal.addEventListener('abort', () => res.destroy()); // expect: listener-in-handler
  streamExport(req.params.id, res);
});

// Fixed: `{ once: true }` plus a per-request signal.
router.get('/exports/:id/download-safe', (req: Request, res: Response) => {
  const done = new AbortController();
  res.on('close', () => done.abort()); // ok: listener-in-handler
  shutdown.signal.addEventListener('abort', () => res.destroy(), { once: true, signal: done.signal }); // ok: listener-in-handler
  streamExport(req.params.id, res);
});

// The same module-level function is added only once to an EventTarget: no growth.
router.post('/admin/drain', (req: Request, res: Response) => {
  shutdown.signal.addEventListener('abort', onShutdown); // ok: listener-in-handler
  res.sendStatus(202);
});

// Installed on first use only: the listener count is checked first.
router.get('/pool/stats', (req: Request, res: Response) => {
  if (pool.listenerCount('connect') === 0) {
    pool.on('connect', (client) => client.query("set application_name = 'api'")); // ok: listener-in-handler
  }
  res.json({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
});

router.post('/accounts/:id/lock', async (req: Request, res: Response) => {
  const client = await pool.connect();
  client.on('notice', (msg) => console.info('notice', msg.message)); // ok: listener-in-handler
  try {
    await client.query('select pg_advisory_lock($1)', [req.params.id]);
    watchPool(req.params.id);
    res.sendStatus(204);
  } finally {
    client.release();
  }
});

// Called per request from the lock route.
function watchPool(accountId: string) {
  pool.on('remove', () => console.warn('client removed while %s locked', accountId)); // expect: listener-in-handler
}

function streamExport(id: string, res: Response) {
  res.type('text/csv').send(`id\n${id}\n`);
}

export default router;
