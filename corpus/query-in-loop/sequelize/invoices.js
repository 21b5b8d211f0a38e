// Express routes over Sequelize models defined in this file.
const express = require('express');
const { Sequelize, Model, DataTypes, Op } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

class Invoice extends Model {}
Invoice.init({ customerId: DataTypes.INTEGER, totalCents: DataTypes.INTEGER, paid: DataTypes.BOOLEAN }, { sequelize });

const Customer = sequelize.define('Customer', { name: DataTypes.STRING });

const router = express.Router();

router.get('/invoices', async (req, res) => {
  const ids = req.query.ids.split(',');
  const invoices = [];
  for (const id of ids) {
    invoices.push(await Invoice.findByPk(id)); // expect: query-in-loop
  }
  res.json(invoices);
});

router.get('/invoices/batched', async (req, res) => {
  const ids = req.query.ids.split(',');
  const invoices = await Invoice.findAll({ where: { id: ids } }); // ok: query-in-loop
  res.json(invoices);
});

router.get('/customers/balances', async (req, res) => {
  const customers = await Customer.findAll(); // ok: query-in-loop
  const balances = {};
  for (const customer of customers) {
    balances[customer.id] = await Invoice.sum('totalCents', { where: { customerId: customer.id, paid: false } }); // expect: query-in-loop
  }
  res.json(balances);
});

router.post('/invoices/pay', async (req, res) => {
  await Promise.all( // expect: unbounded-concurrency
    req.body.ids.map((id) => Invoice.update({ paid: true }, { where: { id } })), // expect: query-in-loop
  );
  res.sendStatus(204);
});

router.post('/invoices/pay-batched', async (req, res) => {
  await Invoice.update({ paid: true }, { where: { id: { [Op.in]: req.body.ids } } }); // ok: query-in-loop
  res.sendStatus(204);
});

router.post('/customers/import', async (req, res) => {
  for (const row of req.body.customers) {
    await Customer.findOrCreate({ where: { name: row.name } }); // expect: query-in-loop
  }
  res.sendStatus(201);
});

router.post('/customers/import-batched', async (req, res) => {
  await Customer.bulkCreate(req.body.customers, { ignoreDuplicates: true }); // ok: query-in-loop
  res.sendStatus(201);
});

async function loadInvoice(id) {
  return Invoice.findOne({ where: { id }, include: [Customer] });
}

router.get('/invoices/with-customers', async (req, res) => {
  const result = [];
  for (const id of req.query.ids.split(',')) {
    result.push(await loadInvoice(id)); // expect: query-in-loop
  }
  res.json(result);
});

module.exports = router;
