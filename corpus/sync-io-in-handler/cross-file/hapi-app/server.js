'use strict';

const Hapi = require('@hapi/hapi');
const reports = require('./handlers/reports');
const { download } = require('./handlers/files');

const server = Hapi.server({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });

server.route([
  { method: 'GET', path: '/reports/{id}', handler: reports.show },
  // The handler inside the route's options, next to its auth settings.
  { method: 'GET', path: '/files/{name}', options: { auth: 'session', handler: download } },
]);

// A server extension point that runs once, before the server starts listening: not a route.
server.ext('onPreStart', reports.warmTemplates);

async function start() {
  await server.start();
  console.log(`hapi listening on ${server.info.uri}`);
}

start();
