// Order service on Express: PostgreSQL for orders, MySQL for the legacy catalogue, Redis for carts.
const express = require('express');
const { Pool, Client } = require('pg');
const mysql = require('mysql2/promise');
const { createClient } = require('redis');

const app = express();
app.use(express.json());

// One pool for the whole process: every handler borrows from it.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 }); // ok: connection-per-request

let cartStore;
async function carts() {
  if (!cartStore) {
    cartStore = createClient({ url: process.env.REDIS_URL }); // ok: connection-per-request
    await cartStore.connect();
  }
  return cartStore;
}

app.get('/orders/:id', async (req, res) => {
  const { rows } = await pool.query('select * from orders where id = $1', [req.params.id]); // ok: connection-per-request
  if (rows.length === 0) return res.status(404).end();
  res.json(rows[0]);
});

app.get('/orders', async (req, res) => {
  // A fresh pool per request: new TCP + TLS + auth handshakes every time.
  const reporting = new Pool({ connectionString: process.env.REPORTING_URL }); // expect: connection-per-request
  const { rows } = await reporting.query(
    'select id, total, status from orders where customer_id = $1 order by created_at desc limit 50',
    [req.query.customer],
  );
  res.json(rows);
});

app.post('/orders/:id/refund', async (req, res) => {
  const client = new Client({ connectionString: process.env.DATABASE_URL }); // expect: connection-per-request
  await client.connect();
  try {
    await client.query('begin');
    await client.query('update orders set status = $1 where id = $2', ['refunded', req.params.id]);
    await client.query('insert into refunds(order_id, amount) values ($1, $2)', [req.params.id, req.body.amount]);
    await client.query('commit');
    res.status(204).end();
  } catch (err) {
    await client.query('rollback');
    res.status(500).json({ error: err.message });
  } finally {
    await client.end();
  }
});

app.post('/orders/:id/ship', async (req, res) => {
  // Checking a connection out of the shared pool is the right way to run a transaction.
  const conn = await pool.connect(); // ok: connection-per-request
  try {
    await conn.query('begin');
    await conn.query('update orders set status = $1 where id = $2', ['shipped', req.params.id]);
    await conn.query('commit');
    res.status(204).end();
  } finally {
    conn.release();
  }
});

app.get('/catalogue/:sku', async (req, res) => {
  const db = await mysql.createConnection({ host: 'legacy-db', user: 'shop', database: 'catalogue' }); // expect: connection-per-request
  const [rows] = await db.execute('select sku, name, price from products where sku = ?', [req.params.sku]);
  await db.end();
  res.json(rows[0] ?? null);
});

app.get('/cart', async (req, res) => {
  const redis = createClient({ url: process.env.REDIS_URL }); // expect: connection-per-request
  await redis.connect();
  const items = await redis.hGetAll(`cart:${req.query.user}`);
  await redis.quit();
  res.json(items);
});

app.put('/cart/:sku', async (req, res) => {
  const store = await carts(); // ok: connection-per-request
  await store.hSet(`cart:${req.query.user}`, req.params.sku, String(req.body.quantity));
  res.status(204).end();
});

app.listen(process.env.PORT || 3000);
