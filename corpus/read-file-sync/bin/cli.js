#!/usr/bin/env node
'use strict';

const fs = require('fs');
const path = require('path');

const USAGE = 'usage: seed-fixtures <fixtures-dir> <out-file> [--force]';

function readFixtures(dir) {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, rows: JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) })); // ok: read-file-sync
}

function writeBundle(outFile, fixtures, force) {
  if (fs.existsSync(outFile) && !force) { // ok: read-file-sync
    throw new Error(`${outFile} exists, pass --force to overwrite`);
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true }); // ok: read-file-sync
  fs.writeFileSync(outFile, JSON.stringify({ generatedAt: new Date().toISOString(), fixtures }, null, 2)); // ok: read-file-sync
}

function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const force = argv.includes('--force');
  if (args.length !== 2) {
    console.error(USAGE);
    return 2;
  }

  const [fixturesDir, outFile] = args;
  const fixtures = readFixtures(path.resolve(fixturesDir));
  writeBundle(path.resolve(outFile), fixtures, force);
  console.log(`wrote ${fixtures.length} fixture files to ${outFile}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
