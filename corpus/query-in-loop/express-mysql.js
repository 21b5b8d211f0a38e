// Express routes over a mysql2 promise pool.
const express = require('express');
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });
const app = express();
app.use(express.json());

app.post('/carts/:id/items', async (req, res) => {
  const prices = {};
  for (const sku of req.body.skus) {
    const [rows] = await pool.execute('SELECT price FROM products WHERE sku = ?', [sku]); // expect: query-in-loop
    prices[sku] = rows[0]?.price;
  }
  res.json(prices);
});

app.post('/carts/:id/items-batched', async (req, res) => {
  const [rows] = await pool.query('SELECT sku, price FROM products WHERE sku IN (?)', [req.body.skus]); // ok: query-in-loop
  res.json(Object.fromEntries(rows.map((r) => [r.sku, r.price]))); // ok: query-in-loop
});

app.delete('/carts/:id', async (req, res) => {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    for (const itemId of req.body.itemIds) {
      await conn.query('DELETE FROM cart_items WHERE id = ?', [itemId]); // expect: query-in-loop
    }
    await conn.commit();
  } finally {
    conn.release();
  }
  res.sendStatus(204);
});

app.get('/health', async (req, res) => {
  const checks = {};
  for (const name of ['primary', 'replica']) {
    checks[name] = await pool.query('SELECT 1 AS ok'); // ok: query-in-loop
  }
  res.json(checks);
});

module.exports = app;
