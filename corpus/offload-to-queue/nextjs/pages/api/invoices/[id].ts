import type { NextApiRequest, NextApiResponse } from 'next';
import PDFDocument from 'pdfkit';
import { prisma } from '../../../lib/prisma';
import { formatMoney } from '../../../lib/format';

// Streams the invoice PDF straight to the browser: the document is the response.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return res.status(405).end();
  }
  const invoice = await prisma.invoice.findUnique({
    where: { id: String(req.query.id) },
    include: { lines: true, customer: true },
  });
  if (!invoice) {
    return res.status(404).json({ error: 'not found' });
  }

  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="invoice-${invoice.number}.pdf"`);

  const doc = new PDFDocument({ size: 'A4', margin: 50 }); // ok: offload-to-queue
  doc.pipe(res);
  doc.fontSize(20).text(`Invoice ${invoice.number}`);
  doc.moveDown().fontSize(12).text(invoice.customer.name);
  for (const line of invoice.lines) {
    doc.text(`${line.description}  ${formatMoney(line.amount)}`);
  }
  doc.moveDown().text(`Total: ${formatMoney(invoice.total)}`);
  doc.end();
}
