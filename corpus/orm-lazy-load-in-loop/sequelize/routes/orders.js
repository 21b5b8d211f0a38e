const express = require('express');
const { Order, Customer: Client } = require('../models');

const router = express.Router();

router.get('/orders', async (req, res) => {
  const orders = await Order.findAll({ where: { status: 'open' }, limit: 50 });
  const rows = [];
  for (const order of orders) {
    const customer = await order.getCustomer(); // expect: orm-lazy-load-in-loop
    rows.push({ id: order.id, customer: customer.name, customerId: order.customerId }); // ok: orm-lazy-load-in-loop
  }
  res.json(rows);
});

router.get('/orders/lines', async (req, res) => {
  const orders = await Order.findAll();
  const counts = await Promise.all(orders.map((o) => o.countLines())); // expect: orm-lazy-load-in-loop, unbounded-concurrency
  const coupons = [];
  for (const order of orders) {
    coupons.push(await order.getCoupons()); // expect: orm-lazy-load-in-loop
  }
  res.json({ counts, coupons });
});

router.get('/orders/eager', async (req, res) => {
  const orders = await Order.findAll({ include: [{ model: Client, as: 'customer' }, 'lines'] });
  const out = [];
  for (const order of orders) {
    out.push(await order.getCustomer()); // ok: orm-lazy-load-in-loop
    out.push(order.lines.length); // ok: orm-lazy-load-in-loop
  }
  res.json(out);
});

router.get('/customers', async (req, res) => {
  const { rows } = await Client.findAndCountAll({ limit: 20 });
  const out = [];
  for (const client of rows) {
    out.push(await client.getOrders({ where: { status: 'open' } })); // expect: orm-lazy-load-in-loop
  }
  const plain = await Client.findAll({ raw: true });
  plain.forEach((c) => out.push(c.name)); // ok: orm-lazy-load-in-loop
  res.json(out);
});

router.get('/customer/:id', async (req, res) => {
  const client = await Client.findByPk(req.params.id);
  // One row, not a loop: one query, not N+1.
  const orders = await client.getOrders(); // ok: orm-lazy-load-in-loop
  res.json(orders);
});

module.exports = router;
