// Revisions read in windows of a fixed size, secrets read through a limiter handed down by every caller,
// and plugin modules loaded with `require` inside async callbacks that wait for nothing.
const pLimit = require('p-limit');

class RevisionStore {
  constructor(db, http) {
    this.db = db;
    this.http = http;
  }

  async inBulk(startRev, count, head) {
    const revisions = [];
    for (let i = startRev; i < startRev + count && i <= head; i++) revisions.push(i);
    return Promise.all(revisions.map((rev) => this.db.get(`rev:${rev}`))); // ok: unbounded-concurrency -- count is 100 at every call
  }

  async between(startRev, endRev) {
    const revisions = [];
    for (let i = startRev; i <= endRev; i++) revisions.push(i);
    return Promise.all(revisions.map((rev) => this.db.get(`rev:${rev}`))); // expect: unbounded-concurrency
  }

  async history(fromRev, toRev) {
    const bulkSize = 100;
    const out = [];
    for (let rev = fromRev; rev <= toRev; rev += bulkSize) {
      out.push(...(await this.inBulk(rev, bulkSize, toRev)));
    }
    return out.concat(await this.between(fromRev, toRev));
  }

  async secrets(mounts) {
    const limit = pLimit(4);
    return Promise.all(mounts.map((mount) => this.readMount(mount, '', limit))); // ok: unbounded-concurrency -- each read goes through the limiter
  }

  async readMount(mount, path, limit) {
    const keys = await this.http.get(`${mount}/${path}?list=true`);
    return Promise.all( // ok: unbounded-concurrency -- limit is a p-limit from every caller
      keys.map(async (key) => {
        if (key.endsWith('/')) return this.readMount(mount, path + key, limit);
        return limit(() => this.http.get(`${mount}/${path}${key}`));
      }),
    );
  }

  async loadPlugins(files) {
    const plugins = {};
    await Promise.all( // ok: unbounded-concurrency -- require is synchronous: nothing runs at once
      files.map(async (file) => {
        if (!file.endsWith('.js')) return;
        const plugin = await require(file);
        plugins[plugin.name] = new plugin.Plugin();
      }),
    );
    await Promise.all(files.map(async (file) => this.http.post('/plugins', { file }))); // expect: unbounded-concurrency
    return plugins;
  }
}

module.exports = RevisionStore;

// The project's own wrapper of Promise.all: a call of it fans out like Promise.all itself.
async function settleAll(promises) {
  const results = await Promise.allSettled(promises);
  return results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
}

async function pushRevisions(store, revisions) {
  await settleAll(revisions.map((rev) => store.http.post('/revisions', rev))); // expect: unbounded-concurrency
  await settleAll([store.http.get('/a'), store.http.get('/b')]); // ok: unbounded-concurrency -- two promises
}

module.exports.pushRevisions = pushRevisions;
