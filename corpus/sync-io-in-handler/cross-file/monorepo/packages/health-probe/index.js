'use strict';

const { execSync } = require('child_process');

// A workspace package (the project's package.json lists it): services/api/server.js requires it by its
// package name, `@acme/health-probe`, and registers `probe` as the /health route.
exports.probe = function probe(req, res) {
  const disk = execSync('df -P /', { encoding: 'utf8' }); // expect: sync-io-in-handler
  res.json({ status: 'up', disk: disk.trim().split('\n').pop() });
};

// Called once, at start-up, by services/api/server.js: not per request.
exports.version = function version() {
  return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(); // ok: sync-io-in-handler
};
