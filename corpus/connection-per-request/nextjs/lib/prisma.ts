// The usual Next.js singleton: one PrismaClient per process, kept on globalThis so that hot reloads
// in development do not open a new pool on every edit.
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient({ log: ['warn', 'error'] }); // ok: connection-per-request

if (process.env.NODE_ENV !== 'production') {
  globalForPrisma.prisma = prisma;
}

// Called from request code, but builds the client only once.
let reportingClient: PrismaClient | undefined;

export function reporting(): PrismaClient {
  if (!reportingClient) {
    reportingClient = new PrismaClient({ datasources: { db: { url: process.env.REPORTING_URL } } }); // ok: connection-per-request
  }
  return reportingClient;
}

export async function withTransaction<T>(fn: (tx: Omit<PrismaClient, '$connect'>) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => fn(tx));
}
