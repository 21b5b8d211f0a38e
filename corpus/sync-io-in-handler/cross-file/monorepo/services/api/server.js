'use strict';

const express = require('express');
const { probe, version } = require('@acme/health-probe');

const app = express();

// `probe` comes from a package of the project's own workspaces: followed by its name.
app.get('/health', probe);
app.get('/', (req, res) => res.json({ service: 'api' }));

console.log(`api ${version()} starting`);
app.listen(Number(process.env.PORT) || 8080);
