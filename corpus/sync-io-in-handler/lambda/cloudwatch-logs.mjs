import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { execFileSync } from 'node:child_process';

const gunzip = promisify(zlib.gunzip);
const FORWARD_URL = process.env.LOG_FORWARD_URL;

// Resolved once per cold start.
const runtimeVersion = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim(); // ok: sync-io-in-handler

function decodeBatch(data) {
  const json = zlib.gunzipSync(Buffer.from(data, 'base64')).toString('utf8'); // expect: sync-io-in-handler
  return JSON.parse(json);
}

async function decodeBatchAsync(data) {
  const json = (await gunzip(Buffer.from(data, 'base64'))).toString('utf8'); // ok: sync-io-in-handler
  return JSON.parse(json);
}

export async function handler(event) {
  const batch = process.env.ASYNC_DECODE === '1'
    ? await decodeBatchAsync(event.awslogs.data)
    : decodeBatch(event.awslogs.data);

  const lines = batch.logEvents.map((e) => ({
    group: batch.logGroup,
    stream: batch.logStream,
    timestamp: e.timestamp,
    message: e.message,
    runtime: runtimeVersion,
  }));

  const body = zlib.gzipSync(JSON.stringify(lines)); // expect: sync-io-in-handler
  const response = await fetch(FORWARD_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body,
  });

  return { forwarded: lines.length, status: response.status };
}
