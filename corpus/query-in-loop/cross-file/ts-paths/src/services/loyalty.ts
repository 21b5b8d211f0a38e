import { customerById } from '@shop/repositories/customers';

// Hands every call on to the repository, through the alias: a query per call.
export async function pointsOf(customerId: number) {
  const customer = await customerById(customerId);
  return customer ? customer.points : 0;
}

// Pure formatting: no query.
export function formatPoints(points: number) {
  return `${points.toLocaleString('en')} pts`;
}
