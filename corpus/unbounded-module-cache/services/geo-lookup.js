// Geo lookups for the checkout service (CommonJS, exported as a whole object).
const https = require('https');

// The whole object is exported; every lookup adds a key and nothing removes one.
const lookups = Object.create(null); // expect: unbounded-module-cache

// Currency rates, replaced wholesale by the hourly refresh.
let rates = {}; // ok: unbounded-module-cache

// Country names, filled from a constant table at load time.
const countryNames = {}; // ok: unbounded-module-cache

// Pending lookups: removed as soon as the response arrives.
const inFlight = new Map(); // ok: unbounded-module-cache

// Merged in with Object.assign, keyed by postcodes callers in other files pass: not seen to be run-time data.
const postcodes = {}; // ok: unbounded-module-cache -- keys from callers snag cannot see

for (const [code, name] of [['DE', 'Germany'], ['FR', 'France'], ['NL', 'Netherlands']]) {
  countryNames[code] = name;
}

function fetchJson(url) {
  return new Promise((resolve, reject) => {
    https
      .get(url, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      })
      .on('error', reject);
  });
}

async function lookup(ip) {
  if (lookups[ip]) {
    return lookups[ip];
  }
  if (inFlight.has(ip)) {
    return inFlight.get(ip);
  }
  const pending = fetchJson(`https://geo.example.com/${ip}`);
  inFlight.set(ip, pending);
  try {
    const result = await pending;
    lookups[ip] = { ...result, country: countryNames[result.code] || result.code };
    return lookups[ip];
  } finally {
    inFlight.delete(ip);
  }
}

async function refreshRates() {
  rates = await fetchJson('https://rates.example.com/latest');
}

function rememberPostcode(postcode, region) {
  Object.assign(postcodes, { [postcode]: region });
  return postcodes[postcode];
}

function convert(amount, currency) {
  return amount * (rates[currency] || 1);
}

module.exports = lookups;
module.exports.lookup = lookup;
module.exports.refreshRates = refreshRates;
module.exports.rememberPostcode = rememberPostcode;
module.exports.convert = convert;
