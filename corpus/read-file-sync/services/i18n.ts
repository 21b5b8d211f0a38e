import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type Messages = Record<string, string>;

export interface MessageBundle {
  readFileSync(entry: string, encoding: 'utf8'): string;
}

const LOCALES_DIR = path.resolve(process.env.LOCALES_DIR ?? 'locales');
const DEFAULT_LOCALE = 'en';

const fallbackMessages: Messages = JSON.parse(readFileSync(path.join(LOCALES_DIR, `${DEFAULT_LOCALE}.json`), 'utf8')); // ok: read-file-sync

function localeFile(locale: string): string {
  return path.join(LOCALES_DIR, `${locale.replace(/[^a-zA-Z-]/g, '')}.json`);
}

export function loadMessages(locale: string): Messages {
  const file = localeFile(locale);
  if (!existsSync(file)) { // expect: read-file-sync
    return fallbackMessages;
  }
  const messages: Messages = JSON.parse(readFileSync(file, 'utf8')); // ok: read-file-sync -- one finding per function: a label of its first blocking call
  return { ...fallbackMessages, ...messages };
}

export async function loadMessagesAsync(locale: string): Promise<Messages> {
  try {
    const messages: Messages = JSON.parse(await readFile(localeFile(locale), 'utf8')); // ok: read-file-sync
    return { ...fallbackMessages, ...messages };
  } catch {
    return fallbackMessages;
  }
}

export function loadFromBundle(bundle: MessageBundle, locale: string): Messages {
  const messages: Messages = JSON.parse(bundle.readFileSync(`locales/${locale}.json`, 'utf8')); // ok: read-file-sync
  return { ...fallbackMessages, ...messages };
}

export function translate(locale: string, key: string, vars: Record<string, string | number> = {}): string {
  const template = loadMessages(locale)[key] ?? fallbackMessages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
