import { readdirSync } from 'node:fs';
import type { Manifest } from './storage/manifest.js';

// Called through a namespace import (`plugins.register`) at main.ts's top level.
export function register(manifest: Manifest): string[] {
  return manifest.plugins.flatMap((name) => readdirSync(`plugins/${name}`)); // ok: read-file-sync
}
