// BullMQ workers: the slow work the routes enqueue runs here, with retries.
const { Worker } = require('bullmq');
const nodemailer = require('nodemailer');
const sharp = require('sharp');
const puppeteer = require('puppeteer');
const { User, Invoice } = require('../models');
const { renderWelcome, renderInvoiceHtml } = require('../templates');
const { mediaPath } = require('../paths');

const connection = { host: process.env.REDIS_HOST };
const transporter = nodemailer.createTransport(process.env.SMTP_URL);
const browserReady = puppeteer.launch();

const emailWorker = new Worker('emails', async (job) => {
  const user = await User.findByPk(job.data.userId);
  await transporter.sendMail({ to: user.email, subject: 'Welcome aboard', html: renderWelcome(user) }); // ok: offload-to-queue
}, { connection, concurrency: 5 });

async function processImage(job) {
  const { photoId, sizes } = job.data;
  for (const size of sizes) {
    await sharp(mediaPath(`photos/${photoId}.jpg`)).resize(size).webp().toFile(mediaPath(`photos/${photoId}-${size}.webp`)); // ok: offload-to-queue
  }
}
const imageWorker = new Worker('images', processImage, { connection });

const pdfWorker = new Worker('pdf', async (job) => {
  const invoice = await Invoice.findByPk(job.data.invoiceId);
  const browser = await browserReady;
  const page = await browser.newPage();
  await page.setContent(renderInvoiceHtml(invoice));
  await page.pdf({ path: mediaPath(`invoices/${invoice.id}.pdf`) }); // ok: offload-to-queue
  await page.close();
}, { connection });

for (const worker of [emailWorker, imageWorker, pdfWorker]) {
  worker.on('failed', (job, err) => console.error(`${worker.name} job ${job?.id} failed`, err));
}
