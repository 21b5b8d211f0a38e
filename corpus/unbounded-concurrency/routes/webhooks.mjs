import express from 'express';
import got from 'got';

const router = express.Router();

const MIRRORS = ['https://registry-eu.example.com', 'https://registry-us.example.com'];
const BILLING_URL = process.env.BILLING_URL ?? 'http://billing.internal';
const SEARCH_URL = process.env.SEARCH_URL ?? 'http://search.internal';

router.post('/webhooks/fanout', async (req, res) => {
  const { event, subscribers } = req.body;
  const deliveries = await Promise.allSettled( // expect: unbounded-concurrency
    subscribers.map((url) => got.post(url, { json: event, timeout: { request: 5000 } })),
  );
  const delivered = deliveries.filter((d) => d.status === 'fulfilled').length;
  res.json({ delivered, failed: deliveries.length - delivered });
});

router.get('/packages/:name', async (req, res) => {
  const manifest = await Promise.any(MIRRORS.map((base) => got(`${base}/${req.params.name}`).json())); // ok: unbounded-concurrency
  res.json(manifest);
});

router.get('/health/upstreams', async (req, res) => {
  const [billing, search] = await Promise.all([got(`${BILLING_URL}/health`).json(), got(`${SEARCH_URL}/health`).json()]); // ok: unbounded-concurrency
  res.json({ billing, search });
});

router.post('/resolve', async (req, res) => {
  const fastest = await Promise.race(req.body.endpoints.map((url) => got(url, { timeout: { request: 2000 } }).json())); // expect: unbounded-concurrency
  res.json(fastest);
});

router.get('/regions/status', async (req, res) => {
  const statuses = await Promise.all( // ok: unbounded-concurrency
    ['us-east-1', 'eu-west-1', 'ap-south-1'].map((region) => got(`https://status.example.com/${region}`).json()),
  );
  res.json(statuses);
});

router.post('/identity/lookup', async (req, res) => {
  const { providers, email } = req.body;
  const profiles = await Promise.all( // expect: unbounded-concurrency
    Object.keys(providers).map((name) => got(providers[name], { searchParams: { email } }).json()),
  );
  res.json(profiles.filter(Boolean));
});

const app = express();
app.use(express.json());
app.use('/api', router);

export default app;
