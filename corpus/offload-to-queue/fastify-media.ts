// Media endpoints: avatars, thumbnails and watermarks.
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import sharp from 'sharp';
import Jimp from 'jimp';
import { Queue } from 'bullmq';
import { db } from './db';
import { mediaPath, publicUrl } from './paths';

const fastify = Fastify({ logger: true });
const imageQueue = new Queue('images');

interface AvatarParams {
  userId: string;
}

// Re-encodes the upload into three sizes before answering: the user only gets URLs back.
fastify.post<{ Params: AvatarParams }>('/users/:userId/avatar', async (request, reply) => {
  const upload = await request.file();
  const input = await upload!.toBuffer();
  const target = mediaPath(`avatars/${request.params.userId}.webp`);
  await sharp(input).rotate().resize(512, 512, { fit: 'cover' }).webp({ quality: 80 }).toFile(target); // expect: offload-to-queue
  await db.user.update({ where: { id: request.params.userId }, data: { avatar: target } });
  return reply.code(201).send({ avatar: publicUrl(target) });
});

fastify.post<{ Params: AvatarParams }>('/users/:userId/cover', async (request, reply) => {
  const upload = await request.file();
  const cover = sharp(await upload!.toBuffer()).resize(1600, 400, { fit: 'cover' });
  const jpeg = await cover.jpeg({ mozjpeg: true }).toBuffer(); // expect: offload-to-queue
  await db.user.update({ where: { id: request.params.userId }, data: { cover: jpeg } });
  return { ok: true, bytes: jpeg.length };
});

// The thumbnail is the response body.
fastify.get('/thumbnails/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const original = await db.media.findUnique({ where: { id: request.params.id } });
  const thumbnail = await sharp(original!.data).resize(200).webp().toBuffer(); // ok: offload-to-queue
  return reply.type('image/webp').header('Cache-Control', 'public, max-age=86400').send(thumbnail);
});

fastify.get('/thumbnails/:id/small', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const original = await db.media.findUnique({ where: { id: request.params.id } });
  const out = mediaPath(`cache/${request.params.id}-64.webp`);
  await sharp(original!.data).resize(64).toFile(out); // ok: offload-to-queue
  return reply.sendFile(out);
});

fastify.post('/photos/:id/watermark', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const image = await Jimp.read(mediaPath(`photos/${request.params.id}.jpg`));
  const logo = await Jimp.read(mediaPath('logo.png'));
  image.composite(logo.resize(120, Jimp.AUTO), 20, 20);
  await image.writeAsync(mediaPath(`photos/${request.params.id}-wm.jpg`)); // expect: offload-to-queue
  return reply.code(204).send();
});

fastify.get('/photos/:id/grayscale', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const image = await Jimp.read(mediaPath(`photos/${request.params.id}.jpg`));
  const png = await image.greyscale().getBufferAsync(Jimp.MIME_PNG); // ok: offload-to-queue
  reply.type('image/png');
  return png;
});

fastify.post('/photos/:id/variants', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  await imageQueue.add('variants', { photoId: request.params.id, sizes: [320, 640, 1280] }); // ok: offload-to-queue
  return reply.code(202).send({ queued: true });
});

// A watermark tile rendered once per process and remembered: the first request pays for it, the others
// reuse it.
let watermarkTile: Buffer | undefined;

async function watermark(): Promise<Buffer> {
  if (watermarkTile !== undefined) {
    return watermarkTile;
  }
  watermarkTile = await sharp(mediaPath('brand/watermark.png')).resize(128, 128).png().toBuffer(); // ok: offload-to-queue
  return watermarkTile;
}

fastify.get('/photos/:id/watermarked', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  await db.photos.touch(request.params.id);
  const tile = await watermark();
  reply.type('image/png');
  return reply.send({ tile: tile.length });
});

export default fastify;
