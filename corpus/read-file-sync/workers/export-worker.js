'use strict';

const { Worker } = require('bullmq');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const EXPORT_DIR = process.env.EXPORT_DIR || path.join(__dirname, '..', 'exports');
const connection = { host: process.env.REDIS_HOST || '127.0.0.1', port: Number(process.env.REDIS_PORT) || 6379 };

const columns = fs.readFileSync(path.join(__dirname, 'columns.txt'), 'utf8').split(','); // ok: read-file-sync

function toCsv(rows) {
  const header = columns.join(',');
  const body = rows.map((row) => columns.map((c) => JSON.stringify(row[c] ?? '')).join(','));
  return [header, ...body].join('\n');
}

async function writeExport(jobId, rows) {
  const file = path.join(EXPORT_DIR, `${jobId}.csv.gz`);
  await fs.promises.writeFile(file, zlib.gzipSync(toCsv(rows))); // ok: read-file-sync
  return file;
}

const exportWorker = new Worker(
  'exports',
  async (job) => {
    const source = path.join(EXPORT_DIR, 'staging', `${job.data.batchId}.json`);
    const rows = JSON.parse(fs.readFileSync(source, 'utf8')); // expect: read-file-sync
    const file = await writeExport(job.id, rows);
    fs.unlinkSync(source); // ok: read-file-sync -- one finding per function: a label of its first blocking call
    return { file, rows: rows.length };
  },
  { connection, concurrency: 4 },
);

exportWorker.on('completed', (job, result) => {
  console.log(`export ${job.id} wrote ${result.rows} rows to ${result.file}`);
});

module.exports = { exportWorker, toCsv };
