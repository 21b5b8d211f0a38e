// Business logic over the user repository.
const users = require('../repositories/users');

const profileCache = new Map();

// Hands every call on to the repository: a query per call, two files away.
async function profileOf(id) {
  const user = await users.findUser(id);
  return { id, name: user && user.name };
}

// Remembers each profile: the repository is asked once per id, not once per call.
async function cachedProfile(id) {
  if (profileCache.has(id)) {
    return profileCache.get(id);
  }
  const user = await users.findUser(id);
  profileCache.set(id, user);
  return user;
}

// No query at all: formatting only.
function displayName(user) {
  return `${user.firstName} ${user.lastName}`;
}

module.exports = { profileOf, cachedProfile, displayName };
