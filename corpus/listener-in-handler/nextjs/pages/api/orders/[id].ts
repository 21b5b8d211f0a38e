import type { NextApiRequest, NextApiResponse } from 'next';
import { orderEvents } from '../../../lib/order-events';
import { getOrder } from '../../../lib/orders';

type OrderStatus = { id: string; status: 'pending' | 'paid' | 'shipped' };

function waitForChange(id: string, timeoutMs: number): Promise<OrderStatus | null> {
  return new Promise((resolve) => {
    const onChange = (order: OrderStatus) => {
      if (order.id !== id) return;
      clearTimeout(timer);
      orderEvents.off('changed', onChange);
      resolve(order);
    };
    const timer = setTimeout(() => {
      orderEvents.off('changed', onChange);
      resolve(null);
    }, timeoutMs);
    orderEvents.on('changed', onChange); // ok: listener-in-handler
  });
}

// Long poll with a timeout: the helper removes its listener on the event and on the timeout.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = String(req.query.id);
  if (req.method === 'GET' && req.query.wait) {
    const changed = await waitForChange(id, 25_000);
    return res.status(200).json(changed ?? (await getOrder(id)));
  }
  if (req.method === 'GET') {
    return res.status(200).json(await getOrder(id));
  }
  res.setHeader('Allow', 'GET');
  return res.status(405).end();
}
