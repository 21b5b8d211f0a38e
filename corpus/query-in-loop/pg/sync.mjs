// A worker that syncs accounts from a partner API into Postgres with node-postgres.
import pg from 'pg';
import { fetchAccounts } from './partner.mjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export async function syncAccounts() {
  const accounts = await fetchAccounts();
  for (const account of accounts) {
    const { rows } = await pool.query('SELECT id FROM accounts WHERE external_id = $1', [account.id]); // expect: query-in-loop
    if (rows.length === 0) {
      await pool.query('INSERT INTO accounts (external_id, name) VALUES ($1, $2)', [account.id, account.name]); // expect: query-in-loop
    }
  }
}

export async function syncAccountsBatched() {
  const accounts = await fetchAccounts();
  await pool.query( // ok: query-in-loop
    `INSERT INTO accounts (external_id, name)
     SELECT * FROM UNNEST($1::text[], $2::text[])
     ON CONFLICT (external_id) DO NOTHING`,
    [accounts.map((a) => a.id), accounts.map((a) => a.name)], // ok: query-in-loop
  );
}

export async function balances(accountIds) {
  const client = await pool.connect();
  try {
    const result = {};
    for (const id of accountIds) {
      const { rows } = await client.query({ text: 'SELECT balance FROM ledgers WHERE account_id = $1', values: [id] }); // expect: query-in-loop
      result[id] = rows[0]?.balance ?? 0;
    }
    return result;
  } finally {
    client.release();
  }
}

export async function poll(signal) {
  while (!signal.aborted) {
    const { rows } = await pool.query('SELECT id FROM jobs WHERE state = $1 LIMIT 10', ['queued']); // ok: query-in-loop
    if (rows.length === 0) await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function vacuum(tables) {
  for (const table of tables) {
    // One statement per table: nothing to batch.
    await pool.query(`VACUUM ANALYZE ${table}`); // ok: query-in-loop
    await pool.query(`SELECT count(*) FROM ${table}`); // ok: query-in-loop
  }
}
