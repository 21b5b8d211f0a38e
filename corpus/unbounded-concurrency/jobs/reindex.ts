import PQueue from 'p-queue';
import Bottleneck from 'bottleneck';
import chunk from 'lodash/chunk';
import _ from 'lodash';
import pMap from 'p-map';

export interface SearchDocument {
  id: string;
  index: string;
  body: Record<string, unknown>;
}

const SEARCH_URL = process.env.SEARCH_URL ?? 'http://localhost:9200';
const BATCH_SIZE = 25;
const queue = new PQueue({ concurrency: 4 });
const limiter = new Bottleneck({ maxConcurrent: 2, minTime: 250 });

async function indexDocument(doc: SearchDocument): Promise<void> {
  const res = await fetch(`${SEARCH_URL}/${doc.index}/_doc/${doc.id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(doc.body),
  });
  if (!res.ok) throw new Error(`indexing ${doc.id} failed with ${res.status}`);
}

export async function reindexInWaves(docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH_SIZE) {
    await Promise.all(docs.slice(i, i + BATCH_SIZE).map((doc) => indexDocument(doc))); // ok: unbounded-concurrency
  }
}

export async function reindexInChunks(docs: SearchDocument[]): Promise<void> {
  for (const batch of chunk(docs, 20)) {
    await Promise.all(batch.map((doc) => indexDocument(doc))); // ok: unbounded-concurrency
  }
}

export async function reindexLenient(docs: SearchDocument[]): Promise<number> {
  let failures = 0;
  for (const batch of _.chunk(docs, 50)) {
    const results = await Promise.allSettled(batch.map(indexDocument)); // ok: unbounded-concurrency
    failures += results.filter((r) => r.status === 'rejected').length;
  }
  return failures;
}

export async function reindexQueued(docs: SearchDocument[]): Promise<void> {
  await Promise.all(docs.map((doc) => queue.add(() => indexDocument(doc)))); // ok: unbounded-concurrency
}

export async function reindexThrottled(docs: SearchDocument[]): Promise<void> {
  await Promise.all(docs.map((doc) => limiter.schedule(() => indexDocument(doc)))); // ok: unbounded-concurrency
}

export async function reindexMapped(docs: SearchDocument[]): Promise<void> {
  await pMap(docs, indexDocument, { concurrency: 8 }); // ok: unbounded-concurrency
}

export async function purgeShards(shards: Record<string, string[]>): Promise<void> {
  await Promise.all(Object.keys(shards).map((shard) => fetch(`${SEARCH_URL}/${shard}/_purge`, { method: 'POST' }))); // expect: unbounded-concurrency
}
