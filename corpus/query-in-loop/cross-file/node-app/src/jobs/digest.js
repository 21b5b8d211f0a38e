// A nightly job that builds the activity digest of every subscribed user.
const { findUser, findUsers, touchLastSeen, findUserOrNull, findUserIfWanted, countRows } = require('../repositories/users');
const profiles = require('../services/profiles');
const { audit } = require('./audit');

async function digest(subscriberIds) {
  const lines = [];
  for (const id of subscriberIds) {
    const user = await findUser(id); // expect: query-in-loop
    lines.push(profiles.displayName(user)); // ok: query-in-loop
  }
  return lines;
}

async function markSeen(subscriberIds) {
  await Promise.all(subscriberIds.map((id) => touchLastSeen(id))); // expect: query-in-loop, unbounded-concurrency
}

async function profiles_(subscriberIds) {
  const result = [];
  for (const id of subscriberIds) {
    result.push(await profiles.profileOf(id)); // expect: query-in-loop
    result.push(await profiles.cachedProfile(id)); // ok: query-in-loop
    result.push(await findUserOrNull(id)); // expect: query-in-loop
    result.push(await findUserIfWanted(id, false)); // ok: query-in-loop
    audit(id); // ok: query-in-loop
  }
  return result;
}

async function batched(subscriberIds) {
  const rows = await findUsers(subscriberIds); // ok: query-in-loop
  return rows.map((row) => row.name);
}

async function tableSizes() {
  const sizes = {};
  for (const table of ['user', 'order', 'invoice']) {
    sizes[table] = await countRows(table); // ok: query-in-loop
  }
  return sizes;
}

async function firstKnown(candidateIds) {
  for (const id of candidateIds) {
    return findUser(id); // ok: query-in-loop
  }
  return null;
}

module.exports = { digest, markSeen, profiles_, batched, tableSizes, firstKnown };
