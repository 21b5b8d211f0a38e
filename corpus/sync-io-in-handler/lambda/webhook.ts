import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createHmac, timingSafeEqual, scryptSync } from 'node:crypto';
import { inflateSync, inflate } from 'node:zlib';
import { promisify } from 'node:util';

const inflateAsync = promisify(inflate);
const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET ?? '';
const API_KEY_SALT = process.env.API_KEY_SALT ?? 'webhooks';

function verifySignature(body: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

function apiKeyFingerprint(apiKey: string): string {
  return scryptSync(apiKey, API_KEY_SALT, 32).toString('hex'); // expect: sync-io-in-handler
}

async function decodeBody(event: APIGatewayProxyEvent): Promise<string> {
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (event.headers['content-encoding'] === 'deflate') {
    return (await inflateAsync(raw)).toString('utf8'); // ok: sync-io-in-handler
  }
  return raw.toString('utf8');
}

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const body = await decodeBody(event);
  if (!verifySignature(body, event.headers['x-signature'])) {
    return { statusCode: 401, body: 'invalid signature' };
  }

  const fingerprint = apiKeyFingerprint(event.headers['x-api-key'] ?? '');
  const payload = JSON.parse(body) as { type: string; attachment?: string };

  let attachmentSize = 0;
  if (payload.attachment) {
    attachmentSize = inflateSync(Buffer.from(payload.attachment, 'base64')).length; // expect: sync-io-in-handler
  }

  return {
    statusCode: 202,
    body: JSON.stringify({ received: payload.type, fingerprint, attachmentSize }),
  };
};
