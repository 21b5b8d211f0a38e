// The application's one Prisma client, shared by every repository.
const { PrismaClient } = require('@prisma/client');

module.exports = new PrismaClient();
