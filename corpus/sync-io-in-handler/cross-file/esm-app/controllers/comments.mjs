import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

const COMMENTS_DIR = path.resolve('content', 'comments');

// `import * as comments`, then `router.post('/posts/:slug/comments', ..., comments.create)`.
export function create(req, res) {
  const id = randomUUID();
  const file = path.join(COMMENTS_DIR, path.basename(req.params.slug), `${id}.json`);
  fs.writeFileSync(file, JSON.stringify({ id, author: req.body.author, body: req.body.body })); // expect: sync-io-in-handler
  res.status(201).json({ id });
}

// Not handler code: nothing calls it from a handler, and no route registers it (a moderation job imports
// it).
export async function removeSpam(slug, ids) {
  for (const id of ids) {
    await fs.promises.unlink(path.join(COMMENTS_DIR, slug, `${id}.json`));
  }
}
