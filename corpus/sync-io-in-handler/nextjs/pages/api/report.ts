import type { NextApiRequest, NextApiResponse } from 'next';
import fs from 'fs';
import path from 'path';
import { execFileSync } from 'child_process';

type Brand = { name: string; color: string };

const templatesDir = path.join(process.cwd(), 'templates');

// Evaluated once per server process when the route module is loaded.
const brand: Brand = JSON.parse(fs.readFileSync(path.join(templatesDir, 'brand.json'), 'utf8')); // ok: sync-io-in-handler

function loadTemplate(name: string): string {
  return fs.readFileSync(path.join(templatesDir, `${path.basename(name)}.html`), 'utf8'); // expect: sync-io-in-handler
}

function changelogFor(month: string): string[] {
  const log = execFileSync('git', ['log', `--since=${month}-01`, '--pretty=format:%s'], { encoding: 'utf8' }); // expect: sync-io-in-handler
  return log.split('\n').filter(Boolean);
}

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return res.status(405).end();
  }

  const month = String(req.query.month ?? new Date().toISOString().slice(0, 7));
  const html = loadTemplate('monthly')
    .replace('{{brand}}', brand.name)
    .replace('{{color}}', brand.color)
    .replace('{{month}}', month);

  if (req.query.format === 'json') {
    return res.json({ month, changes: changelogFor(month) });
  }

  fs.readFile(path.join(templatesDir, 'footer.html'), 'utf8', (err, footer) => { // ok: sync-io-in-handler
    res.setHeader('Content-Type', 'text/html');
    res.send(err ? html : html.replace('</body>', `${footer}</body>`));
  });
}
