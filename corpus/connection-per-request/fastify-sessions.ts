// Session and audit API on Fastify: ioredis for sessions, MongoDB for the audit trail.
import Fastify from 'fastify';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';

const fastify = Fastify({ logger: true });

// Module-level clients: created once, shared by every request.
const sessions = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'); // ok: connection-per-request
const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017'); // ok: connection-per-request

let rateLimiter: Redis | undefined;

function limiter(): Redis {
  rateLimiter ??= new Redis(process.env.RATE_LIMIT_URL ?? 'redis://localhost:6380'); // ok: connection-per-request
  return rateLimiter;
}

interface SessionParams {
  id: string;
}

fastify.get<{ Params: SessionParams }>('/sessions/:id', async (request, reply) => {
  const raw = await sessions.get(`session:${request.params.id}`); // ok: connection-per-request
  if (!raw) return reply.code(404).send({ error: 'unknown session' });
  return JSON.parse(raw);
});

fastify.delete<{ Params: SessionParams }>('/sessions/:id', async (request, reply) => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'); // expect: connection-per-request
  await redis.del(`session:${request.params.id}`);
  await redis.quit();
  return reply.code(204).send();
});

async function auditCollection() {
  const client = await MongoClient.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017'); // expect: connection-per-request
  return client.db('audit').collection('events');
}

fastify.get('/audit', async (request) => {
  const events = await auditCollection();
  const { user } = request.query as { user?: string };
  return events.find(user ? { user } : {}).sort({ at: -1 }).limit(100).toArray();
});

fastify.post('/audit', async (request, reply) => {
  const count = await limiter().incr(`audit:${request.ip}`); // ok: connection-per-request
  if (count > 100) return reply.code(429).send();
  const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017'); // expect: connection-per-request
  await client.connect();
  try {
    await client.db('audit').collection('events').insertOne({ ...(request.body as object), at: new Date() });
  } finally {
    await client.close();
  }
  return reply.code(201).send();
});

fastify.get('/audit/latest', async () => {
  return mongo.db('audit').collection('events').find().sort({ at: -1 }).limit(10).toArray(); // ok: connection-per-request
});

fastify.listen({ port: 3000 });
