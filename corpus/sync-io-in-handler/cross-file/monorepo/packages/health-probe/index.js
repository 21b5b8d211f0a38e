'use strict';

const { execSync } = require('child_process');

// A workspace package: services/api/server.js requires it by its package name, `@acme/health-probe`,
// which Node resolves through node_modules. Only relative imports are followed, so this function is not
// known to be registered anywhere (a limit, not a verdict: in production it does answer /health).
exports.probe = function probe(req, res) {
  const disk = execSync('df -P /', { encoding: 'utf8' }); // ok: sync-io-in-handler
  res.json({ status: 'up', disk: disk.trim().split('\n').pop() });
};
