'use strict';

const Router = require('@koa/router');

const router = new Router({ prefix: '/api' });

// Exported before the controllers are required: controllers/users.js requires this module back (for
// `router.url`), a cycle Node resolves with this partly-initialised export.
module.exports = router;

const users = require('./controllers/users');

router.get('user', '/users/:id', users.show);
router.post('/users/:id/avatar', users.uploadAvatar);
