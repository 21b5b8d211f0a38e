// Invoice PDFs rendered with a shared headless Chrome.
import express from 'express';
import puppeteer from 'puppeteer';
import { Invoice } from '../models/invoice.js';
import { renderInvoiceHtml } from '../templates/invoice.js';
import { uploadToBucket } from '../storage.js';
import { pdfQueue } from '../queues.js';

const browserReady = puppeteer.launch({ args: ['--no-sandbox'] });
const app = express();

async function renderPdf(html) {
  const browser = await browserReady;
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'networkidle0' });
    return await page.pdf({ format: 'A4', printBackground: true }); // ok: offload-to-queue
  } finally {
    await page.close();
  }
}

// The PDF is the download: the user asked for it.
app.get('/invoices/:id.pdf', async (req, res) => {
  const invoice = await Invoice.findByPk(req.params.id);
  const browser = await browserReady;
  const page = await browser.newPage();
  await page.setContent(renderInvoiceHtml(invoice));
  const pdf = await page.pdf({ format: 'A4' }); // ok: offload-to-queue
  await page.close();
  res.type('pdf').attachment(`invoice-${invoice.number}.pdf`).send(pdf);
});

app.get('/invoices/:id/preview', async (req, res) => {
  const invoice = await Invoice.findByPk(req.params.id);
  const browser = await browserReady;
  const page = await browser.newPage();
  await page.setContent(renderInvoiceHtml(invoice));
  res.set('Content-Type', 'application/pdf');
  res.end(await page.pdf({ format: 'A4' })); // ok: offload-to-queue
});

// Through a helper that returns the bytes to the handler, which sends them.
app.get('/invoices/:id/print', async (req, res) => {
  const invoice = await Invoice.findByPk(req.params.id);
  const pdf = await renderPdf(renderInvoiceHtml(invoice));
  res.type('application/pdf').send(pdf);
});

// Archiving: the user only gets `{ archived: true }` back.
app.post('/invoices/:id/archive', async (req, res) => {
  const invoice = await Invoice.findByPk(req.params.id);
  const browser = await browserReady;
  const page = await browser.newPage();
  await page.setContent(renderInvoiceHtml(invoice));
  const pdf = await page.pdf({ format: 'A4', printBackground: true }); // expect: offload-to-queue
  await page.close();
  const key = await uploadToBucket(`invoices/${invoice.id}.pdf`, pdf);
  await invoice.update({ archiveKey: key });
  res.json({ archived: true, bytes: pdf.length });
});

app.post('/invoices/:id/snapshot', async (req, res) => {
  const browser = await browserReady;
  const page = await browser.newPage();
  await page.goto(`${process.env.APP_URL}/invoices/${req.params.id}`);
  const outPath = `/var/invoices/${req.params.id}.pdf`;
  await page.pdf({ path: outPath, format: 'A4' }); // expect: offload-to-queue
  res.status(201).json({ path: outPath });
});

app.post('/invoices/:id/archive-later', async (req, res) => {
  await pdfQueue.add('archive-invoice', { invoiceId: req.params.id }); // ok: offload-to-queue
  res.status(202).json({ queued: true });
});

export default app;
