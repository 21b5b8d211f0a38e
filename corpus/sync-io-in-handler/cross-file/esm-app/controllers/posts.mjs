import fs from 'node:fs';
import path from 'node:path';

const POSTS_DIR = path.resolve('content', 'posts');

// `import { index } from './controllers/posts.mjs'`: exported under another name than its own.
function listPosts(req, res) {
  const posts = JSON.parse(fs.readFileSync(path.join(POSTS_DIR, 'index.json'), 'utf8')); // expect: sync-io-in-handler
  res.json(posts.filter((post) => post.published));
}

// The editors' preview tool imports this one; app.mjs does not register it.
export function drafts() {
  const posts = JSON.parse(fs.readFileSync(path.join(POSTS_DIR, 'index.json'), 'utf8')); // expect: read-file-sync ok: sync-io-in-handler
  return posts.filter((post) => !post.published);
}

export { listPosts as index };
