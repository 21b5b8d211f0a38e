import { NextResponse } from 'next/server';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const DATA_DIR = path.join(process.cwd(), 'data', 'exports');
const columns: string[] = JSON.parse(readFileSync(path.join(DATA_DIR, 'columns.json'), 'utf8')); // ok: sync-io-in-handler

function exportFile(name: string | null): string {
  return path.join(DATA_DIR, `${path.basename(name ?? 'latest')}.csv`);
}

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const csv = readFileSync(exportFile(searchParams.get('name'))); // expect: sync-io-in-handler
  const body = gzipSync(csv); // expect: sync-io-in-handler

  return new NextResponse(body, {
    headers: {
      'Content-Type': 'text/csv',
      'Content-Encoding': 'gzip',
      'X-Columns': columns.join(','),
    },
  });
}

export async function POST(request: Request) {
  const { name, rows } = (await request.json()) as { name: string; rows: string[][] };
  const header = columns.join(',');
  const lines = rows.map((row) => row.join(','));
  await writeFile(exportFile(name), [header, ...lines].join('\n')); // ok: sync-io-in-handler
  return NextResponse.json({ name, rows: rows.length }, { status: 201 });
}

export async function HEAD(request: Request) {
  const { searchParams } = new URL(request.url);
  const csv = await readFile(exportFile(searchParams.get('name'))); // ok: sync-io-in-handler
  return new NextResponse(null, { headers: { 'Content-Length': String(csv.length) } });
}
