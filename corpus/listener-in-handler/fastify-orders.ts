// Fastify plugin: live order feed. The plugin function runs once, when it is registered.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { on } from 'node:events';
import { orderBus } from '../events/order-bus';

interface LiveParams {
  storeId: string;
}

function writeEvent(reply: FastifyReply, payload: unknown) {
  reply.raw.write(`data: ${JSON.stringify(payload)}\n\n`);
}

export default async function liveOrders(fastify: FastifyInstance) {
  // Registered once, with the plugin: fine.
  orderBus.on('created', (order) => fastify.log.info({ order }, 'order created')); // ok: listener-in-handler

  fastify.get<{ Params: LiveParams }>('/stores/:storeId/orders/live', async (request, reply) => {
    reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream' });
    // Leaks: nothing removes it when the client goes away.
    orderBus.on('created', (order) => { // expect: listener-in-handler
      if (order.storeId === request.params.storeId) writeEvent(reply, order);
    });
    request.raw.on('close', () => request.log.info('client left')); // ok: listener-in-handler
  });

  // The iterator form leaks the same way when the loop never ends.
  fastify.get<{ Params: LiveParams }>('/stores/:storeId/orders/feed', async (request, reply) => {
    reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream' });
    for await (const [order] of on(orderBus, 'created')) { // expect: listener-in-handler
      if (order.storeId === request.params.storeId) writeEvent(reply, order);
    }
  });

  // Fixed: the AbortSignal ends the iteration (and removes the listener) with the request.
  fastify.get<{ Params: LiveParams }>('/stores/:storeId/orders/stream', async (request, reply) => {
    const controller = new AbortController();
    reply.raw.on('close', () => controller.abort()); // ok: listener-in-handler
    reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream' });
    try {
      for await (const [order] of on(orderBus, 'created', { signal: controller.signal })) { // ok: listener-in-handler
        if (order.storeId === request.params.storeId) writeEvent(reply, order);
      }
    } catch (err) {
      if ((err as Error).name !== 'AbortError') throw err;
    }
  });

  // Waits for one matching event, then leaves the loop: the iterator removes its listener.
  fastify.get<{ Params: { orderId: string } }>('/orders/:orderId/paid', async (request) => {
    for await (const [order] of on(orderBus, 'paid')) { // ok: listener-in-handler
      if (order.id === request.params.orderId) return order;
    }
  });

  // The database pool belongs to the app (decorated once): an error listener per request piles up.
  fastify.post('/orders/:orderId/refund', async (request: FastifyRequest<{ Params: { orderId: string } }>) => {
    fastify.pg.pool.on('error', (err) => request.log.error(err, 'pool error during refund')); // expect: listener-in-handler
    const { rows } = await fastify.pg.query('update orders set status = $1 where id = $2 returning *', [
      'refunded',
      request.params.orderId,
    ]);
    return rows[0];
  });

  fastify.addHook('onRequest', async (request) => {
    request.raw.socket.on('timeout', () => request.log.warn('socket timeout')); // ok: listener-in-handler
  });
}
