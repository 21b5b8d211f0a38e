'use strict';

const express = require('express');
const http = require('http');
const path = require('path');
const fs = require('fs');
const zlib = require('zlib');
const { Server } = require('socket.io');
const { Worker } = require('bullmq');
const { execFileSync } = require('child_process');

const app = express();
const httpServer = http.createServer(app);
const io = new Server(httpServer, { cors: { origin: process.env.WEB_ORIGIN } });
const SNAPSHOT_DIR = path.join(__dirname, 'snapshots');

class SnapshotVolume {
  constructor(entries) {
    this.entries = new Map(entries);
  }

  readFileSync(name) {
    return this.entries.get(name) || null;
  }
}

const volume = new SnapshotVolume([['welcome.json', '{"title":"Welcome"}']]);

function readManifest(fs, outputPath) {
  return JSON.parse(fs.readFileSync(path.join(outputPath, 'manifest.json'), 'utf8')); // ok: sync-io-in-handler
}

app.get('/snapshots/builtin/:name', (req, res) => {
  const snapshot = volume.readFileSync(req.params.name); // ok: sync-io-in-handler
  if (!snapshot) return res.sendStatus(404);
  return res.type('application/json').send(snapshot);
});

app.get('/assets/manifest', (req, res) => {
  const { outputFileSystem, stats } = res.locals.webpack.devMiddleware;
  res.json(readManifest(outputFileSystem, stats.toJson().outputPath));
});

app.post('/snapshots/:name', express.text({ type: '*/*' }), (req, res) => {
  const file = path.join(SNAPSHOT_DIR, path.basename(req.params.name));
  fs.writeFileSync(file, req.body); // expect: sync-io-in-handler
  res.sendStatus(201);
});

io.on('connection', (socket) => {
  socket.on('snapshot:export', (payload, ack) => {
    const packed = zlib.gzipSync(JSON.stringify(payload)); // ok: sync-io-in-handler
    ack(packed.toString('base64'));
  });
});

const transcoder = new Worker(
  'transcode',
  async (job) => {
    execFileSync('ffmpeg', ['-y', '-i', job.data.input, '-c:a', 'aac', job.data.output]); // ok: sync-io-in-handler
    return { output: job.data.output };
  },
  { connection: { host: process.env.REDIS_HOST, port: 6379 }, concurrency: 2 },
);

transcoder.on('failed', (job, err) => {
  console.error(`transcode ${job && job.id} failed: ${err.message}`);
});

httpServer.listen(Number(process.env.PORT) || 3000);
