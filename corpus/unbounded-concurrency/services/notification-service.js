'use strict';

const axios = require('axios');
const pLimit = require('p-limit');

const PUSH_ENDPOINT = 'https://fcm.googleapis.com/v1/projects/acme-app/messages:send';
const limit = pLimit(8);

function sendPush(token, message) {
  return axios.post(
    PUSH_ENDPOINT,
    { message: { token, notification: { title: message.title, body: message.body } } },
    { headers: { Authorization: `Bearer ${process.env.FCM_TOKEN}` }, timeout: 5000 },
  );
}

async function notifyDevices(deviceTokens, message) {
  const responses = await Promise.all(deviceTokens.map((token) => sendPush(token, message))); // expect: unbounded-concurrency
  return responses.length;
}

async function notifyDevicesLimited(deviceTokens, message) {
  const responses = await Promise.all(deviceTokens.map((token) => limit(() => sendPush(token, message)))); // ok: unbounded-concurrency
  return responses.length;
}

async function broadcast(subscriptions, message) {
  const results = await Promise.allSettled( // expect: unbounded-concurrency
    subscriptions.map((subscription) => sendPush(subscription.deviceToken, message)),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  return { sent: results.length - failed.length, failed: failed.length };
}

async function notifyOps(message) {
  await Promise.all([ // ok: unbounded-concurrency
    axios.post(process.env.SLACK_WEBHOOK_URL, { text: `${message.title}: ${message.body}` }),
    axios.post(process.env.PAGERDUTY_EVENTS_URL, {
      routing_key: process.env.PAGERDUTY_KEY,
      event_action: 'trigger',
      payload: { summary: message.title, severity: 'warning', source: 'notification-service' },
    }),
  ]);
}

module.exports = { notifyDevices, notifyDevicesLimited, broadcast, notifyOps };
