'use strict';

const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');
// A cycle: routes.js requires this module, this module requires routes.js for the named routes.
const router = require('../routes');

const PROFILE_DIR = path.join(__dirname, '..', 'data', 'profiles');
const AVATAR_DIR = path.join(__dirname, '..', 'data', 'avatars');

// `router.get('user', '/users/:id', users.show)`: registered despite the cycle.
async function show(ctx) {
  const file = path.join(PROFILE_DIR, `${path.basename(ctx.params.id)}.json`);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')); // expect: sync-io-in-handler
  ctx.set('Link', `<${router.url('user', ctx.params.id)}>; rel="self"`);
  ctx.body = profile;
}

// `router.post('/users/:id/avatar', users.uploadAvatar)`.
async function uploadAvatar(ctx) {
  const target = path.join(AVATAR_DIR, `${path.basename(ctx.params.id)}.png`);
  fs.writeFileSync(target, ctx.request.rawBody); // expect: sync-io-in-handler
  ctx.status = 201;
  ctx.set('Location', router.url('user', ctx.params.id));
}

// Exported for the admin console's "export everything" button, which runs it out of band; no route in
// routes.js names it, cycle or not.
function exportAll(destination) {
  execSync(`tar -czf ${destination} -C ${PROFILE_DIR} .`); // ok: sync-io-in-handler
  return destination;
}

module.exports = { show, uploadAvatar, exportAll };
