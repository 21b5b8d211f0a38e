import { readFileSync } from 'node:fs';

export interface Manifest {
  plugins: string[];
}

// Exported again by the barrel as `manifest`, which main.ts calls at its top level.
export function readManifest(): Manifest {
  return JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest; // ok: read-file-sync
}
