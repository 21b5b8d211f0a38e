'use strict';

const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

async function reportRows(id) {
  const { rows } = await pool.query('select * from report_rows where report_id = $1 order by position', [id]);
  return rows;
}

module.exports = { reportRows };
