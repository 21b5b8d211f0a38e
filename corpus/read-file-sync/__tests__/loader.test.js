'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const FIXTURES = path.join(__dirname, 'fixtures');

function readFixture(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')); // ok: read-file-sync
}

describe('config loader', () => {
  let tmpDir;

  beforeEach(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loader-')); // ok: read-file-sync
    process.env.CONFIG_DIR = tmpDir;
    jest.resetModules();
  });

  afterEach(() => {
    fs.rmSync(tmpDir, { recursive: true, force: true }); // ok: read-file-sync
    delete process.env.CONFIG_DIR;
  });

  it('merges the environment file over the defaults', () => {
    fs.writeFileSync(path.join(tmpDir, 'default.json'), JSON.stringify(readFixture('default.json'))); // ok: read-file-sync
    fs.writeFileSync(path.join(tmpDir, 'test.json'), JSON.stringify({ port: 4010 }));
    fs.writeFileSync(path.join(tmpDir, 'secrets.env'), 'API_TOKEN=abc\n');

    const { config } = require('../config/loader');

    expect(config.port).toBe(4010);
  });

  it('reads feature flags on every call', () => {
    fs.writeFileSync(path.join(tmpDir, 'default.json'), '{}');
    fs.writeFileSync(path.join(tmpDir, 'secrets.env'), '');
    fs.writeFileSync(path.join(tmpDir, 'flags.json'), JSON.stringify({ beta: { enabled: true } }));

    const { isEnabled } = require('../config/loader');

    expect(isEnabled('beta', 't1')).toBe(true);
  });
});
