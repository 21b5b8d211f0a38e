import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TemplateRenderer } from './template-renderer';

const GOLDEN_DIR = path.join(__dirname, '__golden__');

function golden(name: string): string {
  return readFileSync(path.join(GOLDEN_DIR, `${name}.html`), 'utf8'); // ok: read-file-sync
}

describe('TemplateRenderer', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'templates-')); // ok: read-file-sync
    writeFileSync(path.join(root, 'welcome.html'), '<h1>Hello {{ name }}</h1>'); // ok: read-file-sync
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('renders placeholders', () => {
    const renderer = new TemplateRenderer(path.dirname(root));
    const html = renderer.render('welcome', { name: 'Ada' }, { locale: path.basename(root) });
    expect(html).toBe(golden('welcome'));
  });

  it('leaves unknown placeholders empty', () => {
    writeFileSync(path.join(root, 'empty.html'), '<p>{{ missing }}</p>');
    const renderer = new TemplateRenderer(path.dirname(root));
    expect(renderer.render('empty', {}, { locale: path.basename(root) })).toBe('<p></p>');
  });
});
