import express from 'express';
import { index } from './controllers/posts.mjs';
import * as comments from './controllers/comments.mjs';
import renderSitemap from './controllers/sitemap.mjs';
import { ProductsController } from './controllers/products.mjs';
import { cacheControl } from './middleware/cache-control.mjs';

const app = express();
const router = express.Router();
const products = new ProductsController();

router.get('/posts', cacheControl, index);
router.post('/posts/:slug/comments', express.urlencoded({ extended: false }), comments.create);
router.get('/sitemap.xml', renderSitemap);
// A method of a class instance, bound: out of scope for following imports (the instance is made here,
// the method lives on a class of another file).
router.get('/products', products.list.bind(products));

app.use(router);

app.listen(Number(process.env.PORT) || 3000);
