import fs from 'node:fs';
import path from 'node:path';

const POLICY_FILE = path.resolve('config', 'cache-policy.json');
let policy;

// Registered in app.mjs before `index`: handler code, but the policy file is read once and remembered,
// so only the first request pays.
export function cacheControl(req, res, next) {
  if (!policy) {
    policy = JSON.parse(fs.readFileSync(POLICY_FILE, 'utf8')); // ok: sync-io-in-handler
  }
  res.set('Cache-Control', policy[req.path] || policy.default);
  next();
}
