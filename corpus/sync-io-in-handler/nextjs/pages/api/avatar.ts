import type { NextApiRequest, NextApiResponse } from 'next';
import * as fs from 'node:fs';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';

export const config = {
  api: { bodyParser: { sizeLimit: '2mb' } },
};

const AVATAR_DIR = path.join(process.cwd(), 'storage', 'avatars');

function avatarPath(userId: string): string {
  return path.join(AVATAR_DIR, `${path.basename(userId)}.png`);
}

export default async function avatarHandler(req: NextApiRequest, res: NextApiResponse) {
  const userId = String(req.query.userId);
  const file = avatarPath(userId);

  switch (req.method) {
    case 'GET': {
      if (!fs.existsSync(file)) { // expect: sync-io-in-handler
        return res.redirect(307, '/images/default-avatar.png');
      }
      const image = await readFile(file); // ok: sync-io-in-handler
      res.setHeader('Content-Type', 'image/png');
      return res.send(image);
    }
    case 'PUT': {
      await mkdir(AVATAR_DIR, { recursive: true }); // ok: sync-io-in-handler
      await writeFile(file, Buffer.from(req.body.data, 'base64')); // ok: sync-io-in-handler
      return res.status(204).end();
    }
    case 'DELETE': {
      fs.unlinkSync(file); // expect: sync-io-in-handler
      return res.status(204).end();
    }
    default:
      res.setHeader('Allow', 'GET, PUT, DELETE');
      return res.status(405).end();
  }
}
