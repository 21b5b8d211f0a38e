// Account service: caches whose keys come from the data it fetches, next to caches keyed by what other
// files pass in.
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

// Profiles keyed by the user ids this function looks up: one entry per user ever asked for.
const profiles = new Map(); // expect: unbounded-module-cache

// Avatars keyed by the rows of a query: one entry per account in the table.
const avatars = {}; // expect: unbounded-module-cache

// Sync runs, keyed by the clock: a new key every time.
const runs = new Map(); // expect: unbounded-module-cache

// Labels keyed by a locale other files pass: a small set, not seen here.
const labels = new Map(); // ok: unbounded-module-cache -- keys from callers snag cannot see

async function getProfile(userId) {
  if (!profiles.has(userId)) {
    profiles.set(userId, await prisma.user.findUnique({ where: { id: userId } }));
  }
  return profiles.get(userId);
}

async function warmAvatars() {
  for (const account of await prisma.account.findMany()) {
    avatars[account.id] = account.avatarUrl;
  }
}

function startRun(kind) {
  runs.set(`${kind}:${Date.now()}`, { kind, status: 'running' });
}

function label(locale, key) {
  if (!labels.has(locale)) labels.set(locale, loadLabels(locale));
  return labels.get(locale)[key];
}

function loadLabels(locale) {
  return { hello: locale === 'de' ? 'Hallo' : 'Hello' };
}

module.exports = { getProfile, warmAvatars, startRun, label };
