'use strict';

const express = require('express');
const { probe } = require('@acme/health-probe');

const app = express();

// `probe` comes from a package, not from a relative path: nothing to follow.
app.get('/health', probe);
app.get('/', (req, res) => res.json({ service: 'api' }));

app.listen(Number(process.env.PORT) || 8080);
