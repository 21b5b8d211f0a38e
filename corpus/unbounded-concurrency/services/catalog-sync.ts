import { S3Client, CopyObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

export interface ProductImage {
  sku: string;
  contentType: string;
  body: Buffer;
}

export interface Price {
  sku: string;
  amount: number;
  currency: string;
}

const s3 = new S3Client({ region: process.env.AWS_REGION });
const BUCKET = process.env.CATALOG_BUCKET ?? 'catalog-assets';
const PRICING_API = process.env.PRICING_API ?? 'https://pricing.internal.example.com';
const CONCURRENCY = 6;

async function fetchPrice(sku: string): Promise<Price> {
  const res = await fetch(`${PRICING_API}/prices/${encodeURIComponent(sku)}`);
  return (await res.json()) as Price;
}

async function drain(keys: string[], targetPrefix: string): Promise<void> {
  for (let key = keys.pop(); key !== undefined; key = keys.pop()) {
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, CopySource: `${BUCKET}/${key}`, Key: `${targetPrefix}/${key}` }));
  }
}

export async function uploadImages(images: ProductImage[]): Promise<void> {
  const uploads: Promise<unknown>[] = [];
  for (const image of images) {
    uploads.push(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `images/${image.sku}`, Body: image.body, ContentType: image.contentType })));
  }
  await Promise.all(uploads); // expect: unbounded-concurrency
}

export async function refreshPrices(skus: string[]): Promise<Price[]> {
  const requests: Promise<Price>[] = [];
  skus.forEach((sku) => {
    requests.push(fetchPrice(sku));
  });
  return Promise.all(requests); // expect: unbounded-concurrency
}

export async function fetchFeedPages(pageUrls: string[]): Promise<PromiseSettledResult<unknown>[]> {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < pageUrls.length; i++) {
    pending.push(fetch(pageUrls[i]).then((res) => res.json()));
  }
  return Promise.allSettled(pending); // expect: unbounded-concurrency
}

export async function repriceCategory(categoryId: string): Promise<Price[]> {
  const res = await fetch(`${PRICING_API}/categories/${categoryId}/skus`);
  const skus = (await res.json()) as string[];
  return Promise.all(skus.map((sku) => fetchPrice(sku))); // expect: unbounded-concurrency
}

export async function snapshotCatalog(keys: string[], snapshotId: string): Promise<void> {
  const remaining = [...keys];
  const workers: Promise<void>[] = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    workers.push(drain(remaining, `snapshots/${snapshotId}`));
  }
  await Promise.all(workers); // ok: unbounded-concurrency
}

export async function promoteSnapshot(keys: string[]): Promise<void> {
  const remaining = [...keys];
  await Promise.all(Array.from({ length: 4 }, () => drain(remaining, 'live'))); // ok: unbounded-concurrency
}
