import fs from 'node:fs';
import path from 'node:path';

const CATALOG = path.resolve('content', 'catalog.json');

export class ProductsController {
  // `router.get('/products', products.list.bind(products))` in app.mjs: a method reached through an
  // instance, which cross-file detection does not follow.
  list(req, res) {
    const catalog = JSON.parse(fs.readFileSync(CATALOG, 'utf8')); // expect: read-file-sync ok: sync-io-in-handler
    res.json(catalog.products);
  }
}
