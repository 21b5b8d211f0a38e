import fs from 'node:fs';
import path from 'node:path';

const ORIGIN = process.env.PUBLIC_ORIGIN || 'https://example.com';
const PAGES_DIR = path.resolve('content', 'pages');

function sitemap(req, res) {
  const pages = fs.readdirSync(PAGES_DIR); // expect: sync-io-in-handler
  const urls = pages.map((name) => `<url><loc>${ORIGIN}/${path.basename(name, '.md')}</loc></url>`);
  res.type('application/xml').send(`<urlset>${urls.join('')}</urlset>`);
}

// `import renderSitemap from './controllers/sitemap.mjs'`: the default export, renamed by the importer.
export default sitemap;
