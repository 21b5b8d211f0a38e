// A TypeScript ESM entry point (`"module": "NodeNext"`): the specifiers name the compiled `.js` files,
// the sources on disk are `.ts`. Its top level, top-level `await` included, runs once.
import { initStorage, manifest } from './storage/index.js';
import * as plugins from './plugins.js';
import loadLocale from './locale.js';
import { createServer } from 'node:http';
import { saveUpload } from './storage/index.js';

await initStorage();
const current = manifest();
plugins.register(current);
const messages = loadLocale(process.env.LANG ?? 'en');

createServer((req, res) => {
  void saveUpload(req.url ?? '/', Buffer.alloc(0));
  res.end(messages.welcome);
}).listen(8080);
