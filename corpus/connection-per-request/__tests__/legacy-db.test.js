// Tests open their own clients against a throw-away database: they serve no requests.
const { Client, Pool } = require('pg');
const { query } = require('../services/legacy-db');

describe('query', () => {
  let admin;

  beforeAll(async () => {
    admin = new Client({ connectionString: process.env.TEST_DATABASE_URL }); // ok: connection-per-request
    await admin.connect();
    await admin.query('create table if not exists items(id serial primary key, name text)');
  });

  afterAll(async () => {
    await admin.query('drop table items');
    await admin.end();
  });

  it('returns rows', async () => {
    const pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL }); // ok: connection-per-request
    await pool.query("insert into items(name) values ('widget')");
    await pool.end();
    const rows = await query('select name from items');
    expect(rows.map((r) => r.name)).toContain('widget');
  });
});
