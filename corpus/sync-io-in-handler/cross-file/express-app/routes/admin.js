'use strict';

const express = require('express');
const asyncHandler = require('express-async-handler');
const ctrl = require('../controllers/admin');
const { requireAdmin } = require('../middleware/auth');
const billing = require('../controllers/billing');

const router = express.Router();

router.get('/', ctrl.index);
router.get('/audit/:day', asyncHandler(ctrl.auditLog));
router.post('/backup', [requireAdmin, ctrl.backup]);
router.get('/invoices/:id.pdf', billing.invoicePdf);

module.exports = router;
