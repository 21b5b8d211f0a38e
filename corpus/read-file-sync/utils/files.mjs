import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true }); // expect: read-file-sync
  return dir;
}

export function listMigrations(dir) {
  const names = fs.readdirSync(dir); // expect: read-file-sync
  return names.filter((name) => /^\d{14}_.+\.sql$/.test(name)).sort();
}

export function removeIfExists(file) {
  if (fs.existsSync(file)) { // expect: read-file-sync
    fs.unlinkSync(file); // ok: read-file-sync -- one finding per function: a label of its first blocking call
    return true;
  }
  return false;
}

export function copyToBackup(file, backupDir) {
  const target = path.join(ensureDir(backupDir), `${path.basename(file)}.${Date.now()}.bak`);
  fs.copyFileSync(file, target); // expect: read-file-sync
  return target;
}

export function readJsonCallback(file, callback) {
  fs.readFile(file, 'utf8', (err, text) => { // ok: read-file-sync
    if (err) return callback(err);
    try {
      return callback(null, JSON.parse(text));
    } catch (parseError) {
      return callback(parseError);
    }
  });
}

export async function readJson(file) {
  return JSON.parse(await readFile(file, 'utf8')); // ok: read-file-sync
}

export function currentRevision() {
  return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(); // ok: read-file-sync
}
