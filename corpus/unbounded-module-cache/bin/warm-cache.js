#!/usr/bin/env node
// One-off CLI: warms the CDN by requesting every product page once. The process exits when done.
const https = require('https');

const visited = new Set(); // ok: unbounded-module-cache
const failures = []; // ok: unbounded-module-cache

function get(url) {
  return new Promise((resolve) => {
    https.get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', () => resolve(0));
  });
}

async function warm(url) {
  if (visited.has(url)) {
    return;
  }
  visited.add(url);
  const status = await get(url);
  if (status !== 200) {
    failures.push({ url, status });
  }
}

async function main(urls) {
  for (const url of urls) {
    await warm(url);
  }
  console.log(`warmed ${visited.size} pages, ${failures.length} failures`);
}

main(process.argv.slice(2));
