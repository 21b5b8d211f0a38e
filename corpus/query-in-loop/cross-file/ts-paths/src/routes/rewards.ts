import { formatPoints, pointsOf } from '@shop/services/loyalty';
import { customersByIds } from '@shop/repositories/customers';
// A package of the same shape, not a module of this project: `@vendor/*` is mapped nowhere.
import { customerById as crmCustomer } from '@vendor/crm';

export async function leaderboard(customerIds: number[]) {
  const rows: string[] = [];
  for (const id of customerIds) {
    const points = await pointsOf(id); // expect: query-in-loop
    rows.push(formatPoints(points)); // ok: query-in-loop
  }
  return rows;
}

export async function batched(customerIds: number[]) {
  const customers = await customersByIds(customerIds); // ok: query-in-loop
  return customers.map((customer) => formatPoints(customer.points)); // ok: query-in-loop
}

export async function lazyLoaded(customerIds: number[]) {
  // Loaded on first use: a dynamic import of a constant specifier is an import all the same.
  const { customerById } = await import('../repositories/customers');
  const found = [];
  for (const id of customerIds) {
    found.push(await customerById(id)); // expect: query-in-loop
  }
  return found;
}

export async function fromTheCrm(customerIds: number[]) {
  const found = [];
  for (const id of customerIds) {
    found.push(await crmCustomer(id)); // ok: query-in-loop
  }
  return found;
}
