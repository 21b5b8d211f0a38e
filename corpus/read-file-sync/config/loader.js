'use strict';

const fs = require('fs');
const path = require('path');

const CONFIG_DIR = process.env.CONFIG_DIR || path.join(__dirname, '..', '..', 'config');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8')); // ok: read-file-sync
}

function loadEnvironment(name) {
  const base = readJson(path.join(CONFIG_DIR, 'default.json'));
  const overridePath = path.join(CONFIG_DIR, `${name}.json`);
  if (!fs.existsSync(overridePath)) { // ok: read-file-sync
    return base;
  }
  return { ...base, ...readJson(overridePath) };
}

// Start-up: resolved once when the module is first required.
const config = Object.freeze(loadEnvironment(process.env.NODE_ENV || 'development'));
const secrets = fs.readFileSync(path.join(CONFIG_DIR, 'secrets.env'), 'utf8'); // ok: read-file-sync

function getFeatureFlags() {
  const file = path.join(CONFIG_DIR, 'flags.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')); // expect: read-file-sync
}

function isEnabled(flag, tenantId) {
  const flags = getFeatureFlags();
  const rule = flags[flag];
  if (!rule) return false;
  if (Array.isArray(rule.tenants)) return rule.tenants.includes(tenantId);
  return Boolean(rule.enabled);
}

function lastDeployedAt() {
  const stamp = path.join(CONFIG_DIR, '.deployed');
  return fs.statSync(stamp).mtime; // expect: read-file-sync
}

function getSecret(name) {
  const prefix = `${name}=`;
  const line = secrets.split('\n').filter((l) => l.startsWith(prefix))[0];
  return line ? line.slice(prefix.length) : undefined;
}

module.exports = { config, getFeatureFlags, isEnabled, lastDeployedAt, getSecret };
