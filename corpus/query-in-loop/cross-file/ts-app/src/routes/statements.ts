import { invoiceTotal, markPaid, sumOf } from '../services/invoices';
import { loadOrders, orderById } from '../repositories';

export async function statement(orderIds: number[]) {
  const lines: number[] = [];
  for (const id of orderIds) {
    lines.push(await invoiceTotal(id)); // expect: query-in-loop
  }
  return sumOf(lines);
}

export async function payAll(orderIds: number[]) {
  for (const id of orderIds) {
    await markPaid(id); // expect: query-in-loop
  }
}

export async function payAllBatched(orderIds: number[]) {
  const rows = await loadOrders(orderIds); // ok: query-in-loop
  return rows.map((row) => row.id);
}

export async function describe(orderIds: number[]) {
  // At most three: a bounded preview.
  return Promise.all(orderIds.slice(0, 3).map(async (id) => (await orderById(id))?.status)); // ok: query-in-loop
}

export async function statuses(orderIds: number[]) {
  const result: string[] = [];
  for (const id of orderIds) {
    const order = await orderById(id); // expect: query-in-loop
    result.push(order ? order.status : 'missing');
  }
  return result;
}
