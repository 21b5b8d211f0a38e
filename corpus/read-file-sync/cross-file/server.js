'use strict';

// The entry point: what it calls at module top level runs once, while the process starts. The modules
// it calls into learn it from the project graph, however many files away.
const express = require('express');
const { loadConfig } = require('./lib/config');
const boot = require('./lib/boot');
const views = require('./lib/views');
const templates = require('./lib/templates');
const keys = require('./lib/keys');
require('./lib/cycle-a');

const config = loadConfig(process.env.NODE_ENV || 'development');
boot.start(config);
const layout = templates.load('layout');

const app = express();

app.get('/', (req, res) => {
  // Per request: the views read their template on every call.
  res.send(layout.replace('{{body}}', views.render('home', req.query)));
});

app.get('/preview/:name', (req, res) => {
  // The same loader as at start-up, now once per request too.
  res.send(templates.load(req.params.name));
});

// Handed over: the timer calls it every minute, not only at start-up.
setInterval(keys.rotate, 60 * 1000);

app.listen(config.port);
