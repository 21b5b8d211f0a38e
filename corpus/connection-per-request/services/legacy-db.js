// Data-access helpers shared by routes in other files and by the nightly jobs.
const { Client, Pool } = require('pg');
const mysql = require('mysql');
const { MongoClient } = require('mongodb');

// Opens and closes a connection around every single query: called per request from the routes.
async function query(sql, params) {
  const client = new Client({ connectionString: process.env.DATABASE_URL }); // expect: connection-per-request
  await client.connect();
  try {
    const result = await client.query(sql, params);
    return result.rows;
  } finally {
    await client.end();
  }
}

// Same mistake with the callback API of `mysql`.
function legacyLookup(sku, callback) {
  const connection = mysql.createConnection({ host: 'legacy-db', user: 'ro', database: 'erp' }); // expect: connection-per-request
  connection.query('select * from items where sku = ?', [sku], (err, rows) => {
    connection.end();
    callback(err, rows && rows[0]);
  });
}

// A factory: whoever calls it keeps the pool (called once at boot, typically).
function createPool(url) {
  return new Pool({ connectionString: url, max: 10 }); // ok: connection-per-request
}

// Connects once and hands out the database handle; the client stays alive behind it.
async function connectMongo(url) {
  const client = new MongoClient(url); // ok: connection-per-request
  await client.connect();
  return client.db();
}

class Repository {
  async open(url) {
    this.pool = new Pool({ connectionString: url }); // ok: connection-per-request
    await this.pool.query('select 1');
  }

  async byId(table, id) {
    const { rows } = await this.pool.query(`select * from ${table} where id = $1`, [id]);
    return rows[0];
  }
}

module.exports = { query, legacyLookup, createPool, connectMongo, Repository };
