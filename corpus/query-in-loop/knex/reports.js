// Reporting queries over Knex.
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

async function revenueByStore(storeIds) {
  const revenue = {};
  for (const storeId of storeIds) {
    const row = await knex('orders').where({ store_id: storeId }).sum('total_cents as total').first(); // expect: query-in-loop
    revenue[storeId] = Number(row.total);
  }
  return revenue;
}

async function revenueByStoreBatched(storeIds) {
  const rows = await knex('orders') // ok: query-in-loop
    .whereIn('store_id', storeIds)
    .groupBy('store_id')
    .select('store_id')
    .sum('total_cents as total');
  return Object.fromEntries(rows.map((r) => [r.store_id, Number(r.total)])); // ok: query-in-loop
}

async function topCustomers(storeIds) {
  return knex.transaction(async (trx) => {
    const result = {};
    for (const storeId of storeIds) {
      result[storeId] = await trx('customers') // expect: query-in-loop
        .whereIn('id', knex('orders').select('customer_id').where({ store_id: storeId })) // ok: query-in-loop
        .limit(10);
    }
    return result;
  });
}

async function archive(orderIds) {
  for (let i = 0; i < orderIds.length; i += 500) {
    await knex('orders').whereIn('id', orderIds.slice(i, i + 500)).update({ archived: true }); // ok: query-in-loop
  }
  for (let i = 0; i < orderIds.length; i++) {
    await knex('order_events').insert({ order_id: orderIds[i], type: 'archived' }); // expect: query-in-loop
  }
}

async function dailyTotals(days) {
  const totals = [];
  for (const day of days) {
    totals.push(await knex.raw('select sum(total_cents) from orders where created_at::date = ?', [day])); // expect: query-in-loop
  }
  return totals;
}

async function withCounts(storeIds) {
  return knex('stores') // ok: query-in-loop
    .whereIn('id', storeIds)
    .select('id', knex.raw('(select count(*) from orders where orders.store_id = stores.id) as orders')); // ok: query-in-loop
}

module.exports = { revenueByStore, revenueByStoreBatched, topCustomers, archive, dailyTotals, withCounts };
