// Data access for users: each function is one query.
const prisma = require('../db');

async function findUser(id) {
  return prisma.user.findUnique({ where: { id } });
}

async function findUsers(ids) {
  return prisma.user.findMany({ where: { id: { in: ids } } });
}

async function touchLastSeen(id) {
  await prisma.user.update({ where: { id }, data: { lastSeenAt: new Date() } });
}

// Queries only for a real id: still one query per item for every real id.
async function findUserOrNull(id) {
  if (!id) {
    return null;
  }
  return prisma.user.findUnique({ where: { id } });
}

// The query runs only when the caller asks for it.
async function findUserIfWanted(id, wanted) {
  if (wanted) {
    return prisma.user.findUnique({ where: { id } });
  }
  return { id };
}

// Counts rows of whatever table the caller names: one query per table, no batched form.
async function countRows(delegate) {
  return prisma[delegate].count();
}

module.exports = { findUser, findUsers, touchLastSeen, findUserOrNull, findUserIfWanted, countRows };
