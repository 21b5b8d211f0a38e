// Next.js-style order service on Prisma.
import { PrismaClient, Prisma } from '@prisma/client';
import DataLoader from 'dataloader';
import { db } from '../lib/db';

const prisma = new PrismaClient();

export async function orderSummaries(orderIds: number[]) {
  const summaries = [];
  for (const id of orderIds) {
    const order = await prisma.order.findUnique({ where: { id } }); // expect: query-in-loop
    summaries.push({ id, total: order?.totalCents });
  }
  return summaries;
}

export async function orderSummariesBatched(orderIds: number[]) {
  const orders = await prisma.order.findMany({ where: { id: { in: orderIds } } }); // ok: query-in-loop
  const byId = new Map(orders.map((o) => [o.id, o])); // ok: query-in-loop
  return orderIds.map((id) => ({ id, total: byId.get(id)?.totalCents })); // ok: query-in-loop
}

export async function markShipped(orderIds: number[]) {
  for (const id of orderIds) {
    await db.order.update({ where: { id }, data: { status: 'SHIPPED' } }); // expect: query-in-loop
    await db.shipment.create({ data: { orderId: id } }); // expect: query-in-loop
  }
}

export async function markShippedBatched(orderIds: number[]) {
  await db.order.updateMany({ where: { id: { in: orderIds } }, data: { status: 'SHIPPED' } }); // ok: query-in-loop
  await db.shipment.createMany({ data: orderIds.map((orderId) => ({ orderId })) }); // ok: query-in-loop
}

export async function customerTotals(customerIds: string[]) {
  const totals = await Promise.all( // expect: unbounded-concurrency
    customerIds.map((customerId) =>
      prisma.order.aggregate({ where: { customerId }, _sum: { totalCents: true } }), // expect: query-in-loop
    ),
  );
  return totals;
}

export async function rawStatuses(orderIds: number[]) {
  const rows = [];
  for (const id of orderIds) {
    rows.push(await prisma.$queryRaw`SELECT status FROM "Order" WHERE id = ${id}`); // expect: query-in-loop
  }
  const batched = await prisma.$queryRaw`SELECT id, status FROM "Order" WHERE id IN (${Prisma.join(orderIds)})`; // ok: query-in-loop
  return [rows, batched];
}

const orderLoader = new DataLoader(async (ids: readonly number[]) => {
  const found = await prisma.order.findMany({ where: { id: { in: [...ids] } } }); // ok: query-in-loop
  return ids.map((id) => found.find((o) => o.id === id) ?? null); // ok: query-in-loop
});

export async function resolveOrders(ids: number[]) {
  return Promise.all( // expect: unbounded-concurrency
    ids.map((id) => orderLoader.load(id)), // ok: query-in-loop
  );
}

export async function settingsFor(keys: string[]) {
  const result: Record<string, unknown> = {};
  for (const key of ['currency', 'locale', 'timezone']) {
    result[key] = await prisma.setting.findFirst({ where: { key } }); // ok: query-in-loop
  }
  return { result, keys };
}
