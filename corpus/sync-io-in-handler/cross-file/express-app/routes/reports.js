'use strict';

const express = require('express');
const { requireApiKey } = require('../middleware/auth');
const { download } = require('../controllers/reports');
// A package, not a file of this app: nothing to follow (see monorepo/ for one whose source is here).
const { probe } = require('@acme/health-probe');

const router = express.Router();

router.use(requireApiKey);
router.get('/health', probe);
router.get('/:id/download', download);

module.exports = router;
