'use strict';

const express = require('express');
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const { readFileSync: readText } = require('node:fs');

const app = express();
const UPLOAD_DIR = path.join(__dirname, 'uploads');
const MAINTENANCE_FLAG = path.join(__dirname, '.maintenance');

// Read once while the process boots, before any request is served.
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8')); // ok: sync-io-in-handler

app.use(express.json());

app.use((req, res, next) => {
  if (fs.existsSync(MAINTENANCE_FLAG)) { // expect: sync-io-in-handler
    return res.status(503).json({ error: 'down for maintenance' });
  }
  return next();
});

app.get('/version', (req, res) => {
  res.json({ name: pkg.name, version: pkg.version });
});

app.get('/files/:name', (req, res) => {
  const file = path.join(UPLOAD_DIR, path.basename(req.params.name));
  const body = readText(file, 'utf8'); // expect: sync-io-in-handler
  res.type('text/plain').send(body);
});

app.get('/files/:name/meta', (req, res, next) => {
  const file = path.join(UPLOAD_DIR, path.basename(req.params.name));
  fs.stat(file, (err, stats) => { // ok: sync-io-in-handler
    if (err) return next(err);
    return res.json({ size: stats.size, modified: stats.mtime });
  });
});

app.get('/admin/disk-usage', (req, res) => {
  const out = execFileSync('du', ['-sk', UPLOAD_DIR], { encoding: 'utf8' }); // expect: sync-io-in-handler
  const [kilobytes] = out.trim().split(/\s+/);
  res.json({ directory: UPLOAD_DIR, kilobytes: Number(kilobytes) });
});

app.delete('/files/:name', async (req, res) => {
  const file = path.join(UPLOAD_DIR, path.basename(req.params.name));
  await fs.promises.unlink(file); // ok: sync-io-in-handler
  res.status(204).end();
});

app.use((err, req, res, next) => {
  if (err.code === 'ENOENT') {
    return res.status(404).json({ error: 'not found' });
  }
  return next(err);
});

const port = Number(process.env.PORT) || 3000;

app.listen(port, () => {
  const revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }); // ok: sync-io-in-handler
  console.log(`file service listening on :${port} (rev ${revision.trim()})`);
});

module.exports = app;
