import type { FastifyReply, FastifyRequest } from 'fastify';
import { pbkdf2Sync } from 'node:crypto';

type RefundBody = { invoiceId: string; pin: string; salt: string; pinHash: string };

// `import { createRefund } from './handlers/refunds'`: the folder's index.ts.
export const createRefund = async (request: FastifyRequest<{ Body: RefundBody }>, reply: FastifyReply) => {
  const { invoiceId, pin, salt, pinHash } = request.body;
  const derived = pbkdf2Sync(pin, salt, 210000, 32, 'sha512').toString('hex'); // expect: sync-io-in-handler
  if (derived !== pinHash) {
    return reply.code(403).send({ error: 'wrong PIN' });
  }
  return reply.code(202).send({ invoiceId, refund: 'queued' });
};
