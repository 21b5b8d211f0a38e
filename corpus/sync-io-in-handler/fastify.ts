import Fastify from 'fastify';
import path from 'node:path';
import { readFileSync, statSync, promises as fsp } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';

const fastify = Fastify({ logger: true });
const DOCS_DIR = path.join(__dirname, 'docs');
const UPLOADS_DIR = path.join(__dirname, 'uploads');

const favicon = readFileSync(path.join(__dirname, 'public', 'favicon.ico')); // ok: sync-io-in-handler

fastify.addContentTypeParser('application/gzip', { parseAs: 'buffer' }, (request, body, done) => {
  done(null, body);
});

fastify.get('/favicon.ico', async (request, reply) => {
  return reply.type('image/x-icon').send(favicon);
});

fastify.get(
  '/docs/:slug',
  { schema: { params: { type: 'object', properties: { slug: { type: 'string' } } } } },
  async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const markdown = readFileSync(path.join(DOCS_DIR, `${path.basename(slug)}.md`), 'utf8'); // expect: sync-io-in-handler
    return reply.type('text/markdown').send(markdown);
  },
);

fastify.route({
  method: 'POST',
  url: '/ingest',
  handler: async (request, reply) => {
    const payload = gunzipSync(request.body as Buffer); // expect: sync-io-in-handler
    const events = JSON.parse(payload.toString('utf8')) as Array<{ type: string }>;
    return reply.code(202).send({ accepted: events.length });
  },
});

fastify.register(
  async (instance) => {
    instance.get('/disk', async () => {
      const stats = statSync(UPLOADS_DIR); // expect: sync-io-in-handler
      return { uploads: UPLOADS_DIR, modified: stats.mtime };
    });

    instance.post('/reindex', async () => {
      const result = spawnSync('node', ['scripts/reindex.js'], { encoding: 'utf8' }); // expect: sync-io-in-handler
      return { exitCode: result.status, output: result.stdout };
    });

    instance.get('/uploads', async () => {
      const names = await fsp.readdir(UPLOADS_DIR); // ok: sync-io-in-handler
      return { files: names };
    });
  },
  { prefix: '/admin' },
);

fastify.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' }, (err) => {
  if (err) {
    fastify.log.error(err);
    process.exit(1);
  }
});
