import * as fs from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';

export interface RenderOptions {
  layout?: string;
  locale?: string;
}

const TEMPLATE_ROOT = path.resolve(process.env.TEMPLATE_ROOT ?? 'templates');
const compiled = new LRUCache<string, (data: Record<string, unknown>) => string>({ max: 200 });

function compile(source: string): (data: Record<string, unknown>) => string {
  return (data) => source.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(data[key] ?? ''));
}

export class TemplateRenderer {
  constructor(private readonly root: string = TEMPLATE_ROOT) {}

  render(name: string, data: Record<string, unknown>, options: RenderOptions = {}): string {
    const file = path.join(this.root, options.locale ?? 'en', `${name}.html`);
    const body = compile(fs.readFileSync(file, 'utf8'))(data); // expect: read-file-sync
    if (!options.layout) {
      return body;
    }
    const layout = fs.readFileSync(path.join(this.root, 'layouts', `${options.layout}.html`), 'utf8'); // ok: read-file-sync -- one finding per function: a label of its first blocking call
    return layout.replace('{{{body}}}', body);
  }

  listPartials(): string[] {
    return fs.readdirSync(path.join(this.root, 'partials')).filter((f) => f.endsWith('.html')); // expect: read-file-sync
  }

  renderCached(name: string, data: Record<string, unknown>): string {
    let template = compiled.get(name);
    if (!template) {
      template = compile(fs.readFileSync(path.join(this.root, 'en', `${name}.html`), 'utf8')); // expect: read-file-sync
      compiled.set(name, template);
    }
    return template(data);
  }

  async renderAsync(name: string, data: Record<string, unknown>): Promise<string> {
    const source = await fs.promises.readFile(path.join(this.root, 'en', `${name}.html`), 'utf8'); // ok: read-file-sync
    return compile(source)(data);
  }
}

export const renderer = new TemplateRenderer();
