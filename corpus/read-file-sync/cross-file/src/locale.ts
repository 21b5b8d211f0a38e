import { readFileSync } from 'node:fs';

// The default export, called once at main.ts's top level.
export default function loadLocale(lang: string): Record<string, string> {
  return JSON.parse(readFileSync(`locales/${lang}.json`, 'utf8')); // ok: read-file-sync
}
