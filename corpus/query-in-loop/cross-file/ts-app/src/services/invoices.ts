import { loadOrder, orderById, saveOrder } from '../repositories';
import { totals } from './totals';

// Two hops from the query: this service, then the barrel, then the repository.
export async function invoiceTotal(orderId: number): Promise<number> {
  const order = await loadOrder(orderId);
  return order ? order.totalCents : 0;
}

export async function markPaid(orderId: number) {
  const order = await orderById(orderId);
  if (order) {
    order.status = 'paid';
    await saveOrder(order);
  }
}

// Pure arithmetic over rows the caller already has.
export function sumOf(amounts: number[]): number {
  return totals(amounts);
}
