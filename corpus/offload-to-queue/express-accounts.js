// Account routes: sign-up, password reset and the contact form.
const express = require('express');
const nodemailer = require('nodemailer');
const sgMail = require('@sendgrid/mail');
const { Queue } = require('bullmq');
const { User, PasswordReset } = require('../models');
const { renderWelcome, renderReset } = require('../emails');

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});
sgMail.setApiKey(process.env.SENDGRID_API_KEY);

const emailQueue = new Queue('emails', { connection: { host: process.env.REDIS_HOST } });

const router = express.Router();

router.post('/signup', async (req, res, next) => {
  try {
    const user = await User.create({ email: req.body.email, name: req.body.name });
    await transporter.sendMail({ // expect: offload-to-queue
      from: 'hello@example.com',
      to: user.email,
      subject: 'Welcome aboard',
      html: renderWelcome(user),
    });
    res.status(201).json({ id: user.id });
  } catch (err) {
    next(err);
  }
});

router.post('/password-reset', async (req, res) => {
  const user = await User.findOne({ where: { email: req.body.email } });
  if (user) {
    const reset = await PasswordReset.issue(user);
    // Not awaited, so the response does not wait; still no retry when SMTP hiccups.
    transporter.sendMail({ to: user.email, subject: 'Reset your password', html: renderReset(reset) }).catch((err) => console.error(err)); // expect: offload-to-queue
  }
  res.status(202).json({ ok: true });
});

router.post('/contact', async (req, res) => {
  const { email, message } = req.body;
  await sgMail.send({ to: 'support@example.com', from: 'noreply@example.com', replyTo: email, text: message }); // expect: offload-to-queue
  res.redirect('/contact/thanks');
});

router.post('/signup-queued', async (req, res) => {
  const user = await User.create({ email: req.body.email, name: req.body.name });
  await emailQueue.add('welcome', { userId: user.id }, { attempts: 5, backoff: { type: 'exponential', delay: 1000 } }); // ok: offload-to-queue
  res.status(201).json({ id: user.id });
});

router.post('/newsletter', async (req, res) => {
  const subscribers = await User.findAll({ where: { newsletter: true }, attributes: ['id'] });
  await emailQueue.addBulk(subscribers.map((s) => ({ name: 'newsletter', data: { userId: s.id, issue: req.body.issue } }))); // ok: offload-to-queue
  res.json({ queued: subscribers.length });
});

// A mailer handed in as a parameter is of unknown origin: not guessed from the method name.
function makeNotifier(mailer) {
  return async (req, res) => {
    await mailer.sendMail({ to: req.body.to, subject: 'Ping' }); // ok: offload-to-queue
    res.sendStatus(204);
  };
}
router.post('/ping', makeNotifier(transporter));

// Start-up check, not a request.
transporter.verify().then(() => console.log('SMTP ready')); // ok: offload-to-queue

module.exports = router;
