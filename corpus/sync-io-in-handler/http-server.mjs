import http from 'node:http';
import path from 'node:path';
import { readFileSync, existsSync as exists, createReadStream, readFile } from 'node:fs';
import { stat } from 'node:fs/promises';

const PUBLIC_DIR = path.resolve('public');
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

const notFoundPage = readFileSync(path.join(PUBLIC_DIR, '404.html')); // ok: sync-io-in-handler

function resolveAsset(urlPath) {
  const file = path.join(PUBLIC_DIR, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ''));
  return exists(file) ? file : null; // expect: sync-io-in-handler
}

function sendNotFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/html' });
  res.end(notFoundPage);
}

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');

  if (pathname === '/runtime-config.json') {
    const cfg = readFileSync(path.join(PUBLIC_DIR, 'runtime-config.json'), 'utf8'); // expect: sync-io-in-handler
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return res.end(cfg);
  }

  if (pathname === '/robots.txt') {
    return readFile(path.join(PUBLIC_DIR, 'robots.txt'), (err, data) => { // ok: sync-io-in-handler
      if (err) return sendNotFound(res);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end(data);
    });
  }

  const file = resolveAsset(pathname === '/' ? '/index.html' : pathname);
  if (!file) {
    return sendNotFound(res);
  }

  const info = await stat(file); // ok: sync-io-in-handler
  res.writeHead(200, {
    'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
    'Content-Length': info.size,
  });
  return createReadStream(file).pipe(res);
});

server.listen(Number(process.env.PORT) || 8080);
