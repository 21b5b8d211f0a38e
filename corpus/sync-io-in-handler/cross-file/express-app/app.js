'use strict';

// An admin back office: the routes live in routes/, the code that answers them in controllers/ and
// middleware/. Which functions are request handlers is decided here and in routes/, not in the files
// that define them.
const express = require('express');
const { EventEmitter } = require('events');
const requestLog = require('./middleware/request-log');
const loadConfig = require('./config');
const adminRoutes = require('./routes/admin');
const reportRoutes = require('./routes/reports');
const uploads = require('./services/uploads');
const billing = require('./controllers/billing');

// Start-up: the configuration is read once, while the module loads. `loadConfig` is not handler code
// because the app calls it; see config.js.
const config = loadConfig(process.env.NODE_ENV || 'development');

const app = express();
const bus = new EventEmitter();

app.set('trust proxy', config.trustProxy);
app.use(express.json());
// `module.exports = function requestLog(req, res, next)`: the module itself is the middleware.
app.use(requestLog);

// Routers (objects, not functions): the handlers are what routes/ registers on them.
app.use('/admin', adminRoutes);
app.use('/reports', reportRoutes);

// Timers and events are not requests: the functions run on their own schedule, as often as the timer
// or the bus fires, not once per request.
setInterval(uploads.sweepTmp, 60 * 1000).unref();
bus.on('invoice.paid', billing.onInvoicePaid);

app.locals.bus = bus;

app.listen(config.port, () => {
  console.log(`admin listening on :${config.port}`);
});

module.exports = app;
