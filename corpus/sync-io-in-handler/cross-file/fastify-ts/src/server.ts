import Fastify from 'fastify';
// TypeScript ESM (`"module": "NodeNext"`): the specifiers name the compiled `.js` files, the sources on
// disk are `.ts`.
import { listInvoices, getInvoice } from './handlers/invoices.js';
import * as exportsController from './handlers/exports.js';
import healthCheck from './handlers/health.js';
// A folder: handlers/refunds/index.ts.
import { createRefund } from './handlers/refunds';
import { loadCertificates } from './lib/tls.js';

const fastify = Fastify({ logger: true, https: loadCertificates() });

fastify.get('/invoices', listInvoices);
fastify.route({ method: 'GET', url: '/invoices/:id', handler: getInvoice });
fastify.post('/exports', exportsController.createExport);
fastify.get('/health', healthCheck);
fastify.post('/refunds', createRefund);

fastify.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' }, (err) => {
  if (err) {
    fastify.log.error(err);
    process.exit(1);
  }
});
