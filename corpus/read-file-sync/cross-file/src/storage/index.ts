// A barrel: every export of disk.ts, and manifest.ts's reader under another name.
export * from './disk.js';
export { readManifest as manifest } from './manifest.js';
