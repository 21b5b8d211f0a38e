import express from 'express';
import path from 'node:path';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { scryptSync, randomBytes } from 'node:crypto';

const app = express();
const router = express.Router();
const REPORT_DIR = path.resolve('var/reports');
const outputPath = path.resolve('dist');

function hashPassword(password, salt) {
  return scryptSync(password, salt, 64).toString('hex'); // expect: sync-io-in-handler
}

function loadReport(id) {
  const file = path.join(REPORT_DIR, `${path.basename(id)}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')); // expect: sync-io-in-handler
}

router.post('/users', express.json(), (req, res) => {
  const salt = randomBytes(16).toString('hex');
  const passwordHash = hashPassword(req.body.password, salt);
  res.status(201).json({ email: req.body.email, salt, passwordHash });
});

router.get('/reports/:id', (req, res) => {
  res.json(loadReport(req.params.id));
});

router.get('/reports/:id/download', (req, res, next) => {
  const file = path.join(REPORT_DIR, `${path.basename(req.params.id)}.json`);
  readFile(file).then((buf) => {
    const packed = zlib.gzipSync(buf); // expect: sync-io-in-handler
    res.set('Content-Encoding', 'gzip').type('application/json').send(packed);
  }, next);
});

router.get('/reports/:id/archive', async (req, res, next) => {
  try {
    const buf = await readFile(path.join(REPORT_DIR, `${path.basename(req.params.id)}.json`)); // ok: sync-io-in-handler
    zlib.gzip(buf, (err, packed) => { // ok: sync-io-in-handler
      if (err) return next(err);
      return res.attachment(`${req.params.id}.json.gz`).send(packed);
    });
  } catch (err) {
    next(err);
  }
});

app.use('/api', router);

// Development server-side rendering: `fs` below is webpack-dev-middleware's
// in-memory output file system, not the node:fs module.
app.get('*', (req, res) => {
  const fs = res.locals.webpack.devMiddleware.outputFileSystem;
  const html = fs.readFileSync(path.join(outputPath, 'index.html'), 'utf8'); // ok: sync-io-in-handler
  res.send(html);
});

export default app;
