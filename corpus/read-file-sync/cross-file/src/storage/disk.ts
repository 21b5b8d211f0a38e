import { mkdirSync, writeFileSync } from 'node:fs';

const ROOT = process.env.STORAGE_ROOT ?? '/var/lib/app';

// Reached through the barrel, from main.ts's top level only.
export async function initStorage(): Promise<void> {
  mkdirSync(`${ROOT}/uploads`, { recursive: true }); // ok: read-file-sync
}

// Reached through the barrel from the request handler of main.ts: handler code, once per request.
export async function saveUpload(name: string, body: Buffer): Promise<void> {
  writeFileSync(`${ROOT}/uploads/${encodeURIComponent(name)}`, body); // expect: sync-io-in-handler ok: read-file-sync
}
