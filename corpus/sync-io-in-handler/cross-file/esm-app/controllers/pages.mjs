import fs from 'node:fs';
import path from 'node:path';

// An `index` too, but app.mjs imports `index` from posts.mjs, not from here: no route serves it.
export function index(req, res) {
  const pages = fs.readdirSync(path.resolve('content', 'pages')); // expect: read-file-sync ok: sync-io-in-handler
  res.json(pages);
}
