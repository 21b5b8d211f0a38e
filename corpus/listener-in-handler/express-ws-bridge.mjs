// Bridges HTTP long polling and a WebSocket server created at start-up.
import express from 'express';
import { WebSocketServer } from 'ws';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';

const app = express();
const server = createServer(app);
const wss = new WebSocketServer({ server });

wss.on('connection', (ws) => { // ok: listener-in-handler
  ws.on('message', (data) => wss.clients.forEach((c) => c.send(data))); // ok: listener-in-handler
});

export function mountPolling(router, deps) {
  const { presence } = deps;

  // `presence` is built once, when the routes are mounted, and shared by every request.
  router.get('/presence/wait', (req, res) => {
    presence.on('change', (who) => res.json(who)); // expect: listener-in-handler
  });

  // The helper listens on whatever it is given (here a stream made for this request): unknown, quiet.
  router.get('/presence/export', (req, res) => {
    const rows = Readable.from(presence.snapshot(req.query.room));
    pipeRows(rows, res);
  });
  return router;
}

function pipeRows(source, res) {
  source.on('data', (row) => res.write(`${JSON.stringify(row)}\n`)); // ok: listener-in-handler
  source.on('end', () => res.end()); // ok: listener-in-handler
}

// A long poll on the WebSocket server: every request adds a `connection` listener.
app.get('/sockets/next', (req, res) => {
  wss.on('connection', () => res.json({ clients: wss.clients.size })); // expect: listener-in-handler
});

app.get('/sockets/count', (req, res) => {
  wss.once('connection', () => res.json({ clients: wss.clients.size })); // ok: listener-in-handler
});

server.listen(3000);
