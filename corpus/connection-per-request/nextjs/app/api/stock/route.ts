// App-router route handlers: exported GET/POST functions run once per request.
import { NextResponse } from 'next/server';
import { Pool } from 'pg';
import { prisma } from '../../../lib/prisma';

const warehouse = new Pool({ connectionString: process.env.WAREHOUSE_URL, max: 10 }); // ok: connection-per-request

export async function GET(request: Request) {
  const sku = new URL(request.url).searchParams.get('sku');
  if (!sku) {
    return NextResponse.json({ error: 'sku is required' }, { status: 400 });
  }
  const { rows } = await warehouse.query('select sku, on_hand, reserved from stock where sku = $1', [sku]); // ok: connection-per-request
  return NextResponse.json(rows[0] ?? { sku, on_hand: 0, reserved: 0 });
}

export async function POST(request: Request) {
  const body = (await request.json()) as { sku: string; delta: number };
  const pool = new Pool({ connectionString: process.env.WAREHOUSE_URL }); // expect: connection-per-request
  try {
    await pool.query('update stock set on_hand = on_hand + $1 where sku = $2', [body.delta, body.sku]);
  } finally {
    await pool.end();
  }
  await prisma.stockMovement.create({ data: { sku: body.sku, delta: body.delta } }); // ok: connection-per-request
  return NextResponse.json({ ok: true });
}
