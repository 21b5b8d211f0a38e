'use strict';
// Express routes that build their response bodies with `+=`.
const express = require('express');
const { listOrders, listEvents } = require('../services/orders');

const router = express.Router();

// The whole CSV is held in memory before the first byte is sent (info: V8 appends in linear time).
router.get('/orders.csv', async (req, res) => {
  const orders = await listOrders(req.query);
  let csv = 'id,customer,total\n';
  for (const order of orders) {
    csv += `${order.id},${order.customer},${order.total}\n`; // expect: string-concat-in-loop
  }
  res.type('text/csv').send(csv);
});

// Streamed: nothing to say.
router.get('/orders-stream.csv', async (req, res) => {
  res.type('text/csv');
  res.write('id,customer,total\n');
  for (const order of await listOrders(req.query)) {
    res.write(`${order.id},${order.customer},${order.total}\n`); // ok: string-concat-in-loop
  }
  res.end();
});

// The loop reads what it built: each read flattens the rope (warning: quadratic).
router.get('/events.log', async (req, res) => {
  let body = '';
  let lines = 0;
  for (const event of await listEvents(req.params.id)) {
    body += `${event.at} ${event.kind}\n`; // expect: string-concat-in-loop
    if (body.endsWith('\n')) lines++;
  }
  res.send(`${lines}\n${body}`);
});

module.exports = router;
