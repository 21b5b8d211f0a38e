import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';

// `import healthCheck from './handlers/health.js'`: an anonymous default export, registered under the
// name the importer gives it.
export default async function (request: FastifyRequest, reply: FastifyReply) {
  const [load1] = readFileSync('/proc/loadavg', 'utf8').split(' '); // expect: sync-io-in-handler
  return reply.send({ status: 'up', load: Number(load1) });
}
