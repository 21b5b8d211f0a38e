// API Gateway handler for receipts: e-mails them (POST) or returns the PDF (GET).
import nodemailer from 'nodemailer';
import puppeteer from 'puppeteer-core';
import chromium from '@sparticuz/chromium';

const transporter = nodemailer.createTransport({ SES: { region: process.env.AWS_REGION } });

async function renderReceipt(order) {
  const browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), args: chromium.args });
  const page = await browser.newPage();
  await page.setContent(`<h1>Receipt ${order.id}</h1><p>${order.total}</p>`);
  const pdf = await page.pdf({ format: 'A5' }); // ok: offload-to-queue
  await browser.close();
  return pdf;
}

// GET /receipts/{id}: the PDF is the response body.
export const handler = async (event) => {
  const order = JSON.parse(event.body ?? '{}');
  if (event.httpMethod === 'POST') {
    await transporter.sendMail({ to: order.email, subject: `Receipt ${order.id}`, text: 'Thanks for your order' }); // expect: offload-to-queue
    return { statusCode: 202, body: JSON.stringify({ sent: true }) };
  }
  const pdf = await renderReceipt(order);
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/pdf' },
    body: pdf.toString('base64'),
    isBase64Encoded: true,
  };
};
