// A bare node:http server with a metrics feed and a build log endpoint.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';

const metrics = new EventEmitter();
setInterval(() => metrics.emit('tick', { rss: process.memoryUsage().rss, at: Date.now() }), 1000);

function logTick(sample) {
  process.stdout.write(`rss=${sample.rss}\n`);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');

  if (url.pathname === '/metrics/live') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    // Leaks: one listener per dashboard tab, forever.
    metrics.addListener('tick', (sample) => res.write(`data: ${JSON.stringify(sample)}\n\n`)); // expect: listener-in-handler
    return;
  }

  if (url.pathname === '/metrics/stream') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const send = (sample) => res.write(`data: ${JSON.stringify(sample)}\n\n`);
    metrics.on('tick', send); // ok: listener-in-handler
    res.on('close', () => metrics.removeListener('tick', send)); // ok: listener-in-handler
    return;
  }

  if (url.pathname === '/build') {
    const child = spawn('npm', ['run', 'build'], { cwd: process.env.APP_DIR });
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    child.stdout.on('data', (chunk) => res.write(chunk)); // ok: listener-in-handler
    child.on('close', (code) => res.end(`\nexit ${code}\n`)); // ok: listener-in-handler
    req.socket.on('close', () => child.kill()); // ok: listener-in-handler
    return;
  }

  if (url.pathname === '/shutdown-hook') {
    // Meant to flush this request's audit entry on shutdown: adds a listener to the server per request.
    server.on('close', () => console.log('closing while %s was open', req.url)); // expect: listener-in-handler
    res.end('ok');
    return;
  }

  if (url.pathname === '/debug/log-ticks') {
    // The same function each time and removed right away: nothing accumulates.
    metrics.on('tick', logTick); // ok: listener-in-handler
    setTimeout(() => metrics.off('tick', logTick), 10_000);
    res.end('logging for 10s');
    return;
  }

  let body = '';
  req.on('data', (chunk) => { body += chunk; }); // ok: listener-in-handler
  req.on('end', () => { // ok: listener-in-handler
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ received: body.length }));
  });
});

server.on('clientError', (err, socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')); // ok: listener-in-handler
server.listen(8080);
