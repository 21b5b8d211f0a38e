// Search service: an app factory, a self-registering index class and a per-request query cache.
const express = require('express');

// Indexes register themselves when constructed, once per configured index at boot.
const indexes = new Map(); // ok: unbounded-module-cache

// Analyzers filled by a module-level forEach.
const analyzers = {}; // ok: unbounded-module-cache

// Query results keyed by the raw query string of each request.
const queryCache = new Map(); // expect: unbounded-module-cache

// Suggestions keyed by prefix, each prefix holding a growing list.
const suggestions = {}; // expect: unbounded-module-cache

['standard', 'keyword', 'whitespace'].forEach((name) => {
  analyzers[name] = (text) => text.toLowerCase().split(/\s+/);
});

class SearchIndex {
  constructor(name, documents) {
    this.name = name;
    this.documents = documents;
    indexes.set(name, this);
  }

  query(text) {
    const terms = analyzers.standard(text);
    return this.documents.filter((doc) => terms.every((t) => doc.body.includes(t)));
  }
}

function createApp(config) {
  const app = express();
  for (const { name, documents } of config.indexes) {
    new SearchIndex(name, documents);
  }

  app.get('/search/:index', (req, res) => {
    const key = `${req.params.index}:${req.query.q}`;
    if (!queryCache.has(key)) {
      queryCache.set(key, indexes.get(req.params.index).query(String(req.query.q || '')));
    }
    res.json(queryCache.get(key));
  });

  app.post('/suggest', express.json(), (req, res) => {
    const prefix = String(req.body.text || '').slice(0, 3);
    suggestions[prefix] = suggestions[prefix] || [];
    suggestions[prefix].push(req.body.text);
    res.status(204).end();
  });

  return app;
}

module.exports = createApp(require('./search-config.json'));
