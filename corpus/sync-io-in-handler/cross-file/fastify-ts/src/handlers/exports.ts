import type { FastifyReply, FastifyRequest } from 'fastify';
import { execSync } from 'node:child_process';
import path from 'node:path';

const EXPORT_DIR = path.join(process.cwd(), 'var', 'exports');

async function startExport(request: FastifyRequest<{ Body: { table: string } }>, reply: FastifyReply) {
  const table = request.body.table.replace(/[^a-z_]/g, '');
  const file = path.join(EXPORT_DIR, `${table}-${Date.now()}.csv`);
  execSync(`psql -c "\\copy ${table} to '${file}' csv header"`); // expect: sync-io-in-handler
  return reply.code(201).send({ file: path.basename(file) });
}

// `import * as exportsController` in server.ts, then `fastify.post('/exports', exportsController.createExport)`.
export { startExport as createExport };
