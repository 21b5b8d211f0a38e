// Express routes for user profiles, with the caches that grew around them over time.
const express = require('express');
const { LRUCache } = require('lru-cache');
const db = require('../lib/db');

const router = express.Router();

// One entry per user id ever requested, kept for the life of the process.
const profileCache = new Map(); // expect: unbounded-module-cache

// Avatars are bounded: at most 5,000 entries, each for ten minutes.
const avatarCache = new LRUCache({ max: 5000, ttl: 10 * 60 * 1000 }); // ok: unbounded-module-cache

// Permissions are cached but dropped when a role changes.
const permissionCache = new Map(); // ok: unbounded-module-cache

// Display names memoised in a plain object keyed by user id.
const displayNames = {}; // expect: unbounded-module-cache

// Feature flags are read from this object, never written per request.
const FLAG_DEFAULTS = {}; // ok: unbounded-module-cache

async function loadProfile(id) {
  if (!profileCache.has(id)) {
    profileCache.set(id, await db.users.findById(id));
  }
  return profileCache.get(id);
}

function displayName(user) {
  if (displayNames[user.id] === undefined) {
    displayNames[user.id] = `${user.firstName} ${user.lastName}`.trim();
  }
  return displayNames[user.id];
}

async function permissionsFor(user) {
  let permissions = permissionCache.get(user.roleId);
  if (!permissions) {
    permissions = await db.roles.permissions(user.roleId);
    permissionCache.set(user.roleId, permissions);
  }
  return permissions;
}

router.get('/users/:id', async (req, res) => {
  const user = await loadProfile(req.params.id);
  if (!user) {
    return res.status(404).json({ error: 'not found' });
  }
  const permissions = await permissionsFor(user);
  const flags = { ...FLAG_DEFAULTS, ...user.flags };
  res.json({ id: user.id, name: displayName(user), permissions, flags });
});

router.get('/users/:id/avatar', async (req, res) => {
  let avatar = avatarCache.get(req.params.id);
  if (!avatar) {
    avatar = await db.avatars.render(req.params.id);
    avatarCache.set(req.params.id, avatar);
  }
  res.type('png').send(avatar);
});

router.put('/roles/:roleId', async (req, res) => {
  await db.roles.update(req.params.roleId, req.body);
  permissionCache.delete(req.params.roleId);
  res.status(204).end();
});

router.get('/search', async (req, res) => {
  // A local map with the same name as a module cache lives for one request only.
  const profileCache = new Map(); // ok: unbounded-module-cache
  for (const id of String(req.query.ids || '').split(',')) {
    profileCache.set(id, true);
  }
  res.json({ count: profileCache.size });
});

module.exports = router;
