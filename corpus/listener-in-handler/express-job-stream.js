// Job progress over Server-Sent Events: the worker publishes on a process-wide bus.
const express = require('express');
const { EventEmitter } = require('node:events');
const busboy = require('busboy');
const { enqueueImport } = require('./queue');

const jobEvents = new EventEmitter();
const app = express();

jobEvents.on('progress', (job) => console.debug('job %s at %d%%', job.id, job.percent)); // ok: listener-in-handler

function openStream(res) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
}

// Leaks: one listener per open stream, never removed when the browser goes away.
app.get('/jobs/:id/stream', (req, res) => {
  openStream(res);
  jobEvents.on('progress', (job) => { // expect: listener-in-handler
    if (job.id === req.params.id) res.write(`data: ${JSON.stringify(job)}\n\n`);
  });
});

// Fixed: the same function is removed when the connection closes.
app.get('/jobs/:id/events', (req, res) => {
  openStream(res);
  const onProgress = (job) => {
    if (job.id === req.params.id) res.write(`data: ${JSON.stringify(job)}\n\n`);
  };
  jobEvents.on('progress', onProgress); // ok: listener-in-handler
  req.on('close', () => jobEvents.off('progress', onProgress)); // ok: listener-in-handler
});

// Looks fixed, but removes a brand-new arrow function: the original stays attached.
app.get('/jobs/:id/done', (req, res) => {
  jobEvents.on('done', (job) => job.id === req.params.id && res.json(job)); // expect: listener-in-handler
  res.on('close', () => jobEvents.removeListener('done', (job) => job.id === req.params.id && res.json(job)));
});

// One answer is enough: `once` removes itself.
app.get('/jobs/:id/result', (req, res) => {
  jobEvents.once(`done:${req.params.id}`, (job) => res.json(job)); // ok: listener-in-handler
});

app.post('/imports', (req, res) => {
  const upload = busboy({ headers: req.headers });
  upload.on('file', (name, file, info) => { // ok: listener-in-handler
    enqueueImport(info.filename, file);
  });
  upload.on('close', () => res.status(202).json({ accepted: true })); // ok: listener-in-handler
  req.pipe(upload);
});

// A middleware that "reports crashes for this request": every request adds a process-wide listener.
app.use((req, res, next) => {
  process.on('unhandledRejection', (reason) => { // expect: listener-in-handler
    console.error('unhandled rejection during %s %s', req.method, req.url, reason);
  });
  next();
});

// The Socket.IO server kept in the app settings outlives every request.
app.post('/rooms/:room/join', (req, res) => {
  const io = req.app.get('io');
  io.on('connection', (socket) => socket.join(req.params.room)); // expect: listener-in-handler
  res.sendStatus(204);
});

app.listen(process.env.PORT || 3000, () => {
  process.on('SIGTERM', () => jobEvents.removeAllListeners()); // ok: listener-in-handler
});

module.exports = { app, jobEvents };
