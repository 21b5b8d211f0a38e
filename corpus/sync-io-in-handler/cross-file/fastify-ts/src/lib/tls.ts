import { readFileSync } from 'node:fs';
import path from 'node:path';

const CERT_DIR = process.env.CERT_DIR ?? path.join(process.cwd(), 'certs');

// Called once by server.ts while it builds the Fastify instance: start-up code of another file. It is
// passed to no route, so it is no handler; its only caller runs at start-up, so no read-file-sync.
export function loadCertificates(): { key: Buffer; cert: Buffer } {
  const key = readFileSync(path.join(CERT_DIR, 'server.key')); // ok: read-file-sync, sync-io-in-handler
  const cert = readFileSync(path.join(CERT_DIR, 'server.crt'));
  return { key, cert };
}
