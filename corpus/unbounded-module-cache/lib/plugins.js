// Plugin and hook registries: filled while the app boots, read on every request.
const path = require('path');

// Registered once per plugin at start-up: a registry, not a cache.
const plugins = []; // ok: unbounded-module-cache

// Hook handlers by event name, filled by `registerHook` calls in plugin modules.
const hooks = {}; // ok: unbounded-module-cache

// Built-in formatters, filled right here at module level.
const formatters = new Map(); // ok: unbounded-module-cache

// Every resolved template path, keyed by a template name from callers in other files: whether those
// names are a fixed set or request input is not seen here.
const resolvedPaths = {}; // ok: unbounded-module-cache -- keys from callers snag cannot see

// Module-level singleton settings: one fixed key, not one per request.
const runtime = {}; // ok: unbounded-module-cache

// Request ids seen by the dedupe middleware, which another file registers: its `req` is not seen to be
// a request until snag follows registrations across files.
const seenRequestIds = new Set(); // ok: unbounded-module-cache -- registered in another file

function registerPlugin(plugin) {
  plugins.push(plugin);
  return plugins.length;
}

function registerHook(event, handler) {
  hooks[event] = hooks[event] || [];
  hooks[event].push(handler);
}

function addFormatter(name, format) {
  formatters.set(name, format);
}

addFormatter('json', (value) => JSON.stringify(value));
addFormatter('text', (value) => String(value));

function resolveTemplate(root, name) {
  if (!resolvedPaths[name]) {
    resolvedPaths[name] = path.resolve(root, 'templates', `${name}.hbs`);
  }
  return resolvedPaths[name];
}

function setRuntime(value) {
  runtime['current'] = value;
}

function dedupe(req, res, next) {
  const id = req.headers['x-request-id'];
  if (id && seenRequestIds.has(id)) {
    return res.status(409).end();
  }
  seenRequestIds.add(id);
  return next();
}

async function runHooks(event, payload) {
  for (const handler of hooks[event] || []) {
    await handler(payload);
  }
  return plugins.filter((p) => p.events.includes(event));
}

function format(name, value) {
  return formatters.get(name)(value);
}

module.exports = {
  registerPlugin,
  registerHook,
  resolveTemplate,
  setRuntime,
  dedupe,
  runHooks,
  format,
  seenRequestIds,
};
