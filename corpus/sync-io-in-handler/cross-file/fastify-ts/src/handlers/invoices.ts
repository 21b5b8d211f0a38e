import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import path from 'node:path';

const INVOICE_DIR = path.join(process.cwd(), 'var', 'invoices');

type InvoiceParams = { Params: { id: string } };

// `fastify.get('/invoices', listInvoices)` in server.ts.
export async function listInvoices(request: FastifyRequest, reply: FastifyReply) {
  const index = JSON.parse(readFileSync(path.join(INVOICE_DIR, 'index.json'), 'utf8')) as string[]; // expect: sync-io-in-handler
  return reply.send({ invoices: index });
}

// `fastify.route({ method: 'GET', url: '/invoices/:id', handler: getInvoice })`.
export const getInvoice = async (request: FastifyRequest<InvoiceParams>, reply: FastifyReply) => {
  const packed = await readFile(path.join(INVOICE_DIR, `${path.basename(request.params.id)}.json.gz`)); // ok: sync-io-in-handler
  const invoice = JSON.parse(gunzipSync(packed).toString('utf8')); // expect: sync-io-in-handler
  return reply.send(invoice);
};

// For the operator's `npm run reindex`; server.ts imports the module but registers only the two above.
export function reindexInvoices(): number {
  const out = execSync(`ls ${INVOICE_DIR}`, { encoding: 'utf8' }); // ok: sync-io-in-handler
  return out.split('\n').filter((name) => name.endsWith('.json.gz')).length;
}
