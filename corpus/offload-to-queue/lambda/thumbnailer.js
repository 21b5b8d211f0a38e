// S3 ObjectCreated trigger: this Lambda is the background job, not a request.
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
const sharp = require('sharp');

const s3 = new S3Client({});
const SIZES = [160, 320, 640];

async function readObject(Bucket, Key) {
  const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return Buffer.from(await object.Body.transformToByteArray());
}

exports.handler = async (event) => {
  const written = [];
  for (const record of event.Records) {
    const Bucket = record.s3.bucket.name;
    const Key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    if (Key.startsWith('thumbnails/')) {
      continue;
    }
    const input = await readObject(Bucket, Key);
    for (const size of SIZES) {
      const thumbnail = await sharp(input).resize(size).webp({ quality: 80 }).toBuffer(); // ok: offload-to-queue
      const target = `thumbnails/${size}/${Key}.webp`;
      await s3.send(new PutObjectCommand({ Bucket, Key: target, Body: thumbnail, ContentType: 'image/webp' }));
      written.push(target);
    }
  }
  console.log(JSON.stringify({ written: written.length }));
  return { batchItemFailures: [] };
};
