// Rate limiting and session bookkeeping for the Fastify API.
import QuickLRU from 'quick-lru';
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface SessionInfo {
  userId: string;
  createdAt: number;
}

// Timestamps of every request, per client IP, forever.
const hits: Record<string, number[]> = {}; // expect: unbounded-module-cache

// Exported so the admin endpoint can list them; nothing ever removes a session.
export const sessions: Map<string, SessionInfo> = new Map<string, SessionInfo>(); // expect: unbounded-module-cache

// The last errors, appended on every failure.
let recentErrors: string[] = []; // expect: unbounded-module-cache

// Bounded by quick-lru.
const tokenCache = new QuickLRU<string, string>({ maxSize: 1000 }); // ok: unbounded-module-cache

// Bounded by hand: the oldest entry goes once the map is full.
const geoByIp = new Map<string, string>(); // ok: unbounded-module-cache
const MAX_GEO_ENTRIES = 10_000;

// Reset every minute by the timer below.
let windowCounts = new Map<string, number>(); // ok: unbounded-module-cache

// Keyed by request object: entries die with the request.
const startedAt = new WeakMap<FastifyRequest, number>(); // ok: unbounded-module-cache

setInterval(() => {
  windowCounts = new Map();
}, 60_000).unref();

export function recordHit(ip: string): number {
  hits[ip] ??= [];
  hits[ip].push(Date.now());
  windowCounts.set(ip, (windowCounts.get(ip) ?? 0) + 1);
  return windowCounts.get(ip) ?? 0;
}

export function openSession(token: string, userId: string): void {
  sessions.set(token, { userId, createdAt: Date.now() });
  tokenCache.set(token, userId);
}

export function rememberGeo(ip: string, country: string): void {
  if (geoByIp.size >= MAX_GEO_ENTRIES) {
    const oldest = geoByIp.keys().next().value;
    if (oldest !== undefined) geoByIp.delete(oldest);
  }
  geoByIp.set(ip, country);
}

export function recordError(message: string): void {
  recentErrors.push(`${new Date().toISOString()} ${message}`);
}

export function errorsSince(time: number): string[] {
  return recentErrors.filter((line) => Date.parse(line.slice(0, 24)) >= time);
}

export async function rateLimit(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    startedAt.set(request, Date.now());
    if (recordHit(request.ip) > 100) {
      reply.code(429).send({ error: 'slow down' });
    }
  });
  app.addHook('onResponse', async (request) => {
    const began = startedAt.get(request);
    if (began !== undefined && Date.now() - began > 2000) {
      recordError(`slow ${request.method} ${request.url}`);
    }
  });
}
