// Pages-router API route: the default export runs once per request.
import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';
import { prisma, reporting } from '../../lib/prisma';

type Product = { id: number; name: string; priceCents: number };

async function listProducts(category: string | undefined): Promise<Product[]> {
  return prisma.product.findMany({ // ok: connection-per-request
    where: category ? { category } : undefined,
    select: { id: true, name: true, priceCents: true },
    orderBy: { name: 'asc' },
    take: 100,
  });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const category = typeof req.query.category === 'string' ? req.query.category : undefined;
    res.status(200).json(await listProducts(category));
    return;
  }
  if (req.method === 'POST') {
    // A new client per request: a new connection pool, never shared, never closed.
    const db = new PrismaClient(); // expect: connection-per-request
    const created = await db.product.create({ data: req.body });
    res.status(201).json(created);
    return;
  }
  if (req.method === 'DELETE') {
    const stats = await reporting().productStats.findMany({ take: 10 }); // ok: connection-per-request
    res.status(200).json(stats);
    return;
  }
  res.setHeader('Allow', 'GET, POST, DELETE');
  res.status(405).end();
}
