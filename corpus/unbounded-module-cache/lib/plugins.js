// Plugin and hook registries: filled while the app boots, read on every request.
const path = require('path');

// Registered once per plugin at start-up: a registry, not a cache.
const plugins = []; // ok: unbounded-module-cache

// Hook handlers by event name, filled by `registerHook` calls in plugin modules.
const hooks = {}; // ok: unbounded-module-cache

// Built-in formatters, filled right here at module level.
const formatters = new Map(); // ok: unbounded-module-cache

// Every resolved template path, keyed by the template name the request asked for.
const resolvedPaths = {}; // expect: unbounded-module-cache

// Module-level singleton settings: one fixed key, not one per request.
const runtime = {}; // ok: unbounded-module-cache

// Request ids seen by the dedupe middleware; exported so tests can inspect it.
const seenRequestIds = new Set(); // expect: unbounded-module-cache

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
